"""Anhøj's runs analysis, as qicharts2 0.8.1 computes it for one part of a chart.

A run chart (or a control chart's centre line) is judged by two tests on the signs of the points
relative to the centre line:

* the longest run: more than ``round(log2(n_useful)) + 3`` consecutive points on the same side
  (Schilling 2012) signals a shift;
* the crossings: fewer than ``qbinom(0.05, n_useful - 1, 0.5)`` crossings of the centre line
  (Chen 2010) signals too few runs, i.e. a shift or a trend.

Points that are missing or lie exactly on the centre line neither start nor break a run: they are
dropped first, and the remaining number is ``n_useful``.

`runs_figures` computes the figures of many parts at once, as arrays, with no Python loop per point
or per part: every phase of a whole batch of XmR series, or every part of one chart.
`runs_analysis_by_phase` gives its figures as one `RunsAnalysis` per part, and `runs_analysis`
those of a single part.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = [
    "RunsAnalysis",
    "RunsFigures",
    "crossings_min",
    "longest_run_max",
    "runs_analysis",
    "runs_analysis_by_phase",
    "runs_figures",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]


class RunsAnalysis(NamedTuple):
    """The Anhøj figures for one part. All None (and no signal) when no point is useful.

    A named tuple, not a frozen dataclass like the public types: it is internal (each chart copies
    it into its `Phase`)."""

    n_obs: int
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    crossings: int | None
    crossings_min: int | None
    runs_signal: bool


def longest_run_max(n_useful: int) -> int:
    """``round(log2(n)) + 3``; numpy rounds half to even like R (log2 of an integer never ends in .5)."""
    if n_useful < 1:
        raise ValueError("the longest-run limit needs at least one useful point")
    # Python's round is R's and numpy's (half to even); math.log2 is the same C function as np.log2.
    return round(math.log2(n_useful)) + 3


@lru_cache(maxsize=4096)
def _binomial_half_quantile_05(trials: int) -> int:
    """Smallest k with P(X <= k) >= 0.05 for X ~ Binomial(trials, 1/2)."""
    if trials > _EXACT_UP_TO:
        return _binomial_half_quantile_05_logs(trials)
    return _binomial_half_quantile_05_exact(trials)


def _binomial_half_quantile_05_exact(trials: int) -> int:
    """The quantile in exact integers.

    P(X <= k) = S_k / 2**trials with S_k = sum of C(trials, i) for i <= k, so the test
    S_k / 2**trials >= 1/20 is 20 * S_k >= 2**trials. 2**trials is never a multiple of 5, so there
    is no exact tie for R's fuzz factor in qbinom to break differently.
    """
    target = 1 << trials
    term = 1  # C(trials, 0)
    total = 0
    for k in range(trials + 1):
        total += term
        if 20 * total >= target:
            return k
        term = term * (trials - k) // (k + 1)
    return trials  # unreachable: S_trials = 2**trials


# Above this the exact big-integer sum gets slow (quadratic in the trials). qbinom itself works in
# doubles; in 0..3000 trials no cumulative probability at the boundary comes within 1e-6 of 0.05,
# and the log-space sum below agreed with the exact one on every count from 0 to 6000.
_EXACT_UP_TO = 2_000


def _binomial_half_quantile_05_logs(trials: int) -> int:
    """The same quantile from log binomial coefficients, for very long series."""
    half = trials // 2 + 1
    k = np.arange(half, dtype=np.float64)
    log_coef = np.concatenate(([0.0], np.cumsum(np.log(trials - k[:-1]) - np.log(k[:-1] + 1))))
    log_cdf = np.logaddexp.accumulate(log_coef - trials * np.log(2.0))
    return int(np.searchsorted(log_cdf, np.log(0.05)))


def crossings_min(n_useful: int) -> int:
    """``qbinom(0.05, max(n_useful - 1, 0), 0.5)``: the fewest crossings that are not a signal."""
    return _binomial_half_quantile_05(max(n_useful - 1, 0))


def runs_analysis(
    values: npt.ArrayLike,
    centre: float | npt.ArrayLike,
) -> RunsAnalysis:
    """Anhøj's runs analysis of ``values`` about ``centre`` (a number, or one per value).

    NaN values, and values equal to their centre, are not useful. ``crossings`` is the number of
    runs less one; ``runs_signal`` is ``longest_run > longest_run_max or crossings < crossings_min``.
    Pass only the points that take part (qicharts2 leaves out excluded points).
    """
    y = np.asarray(values, dtype=np.float64).ravel()
    return runs_analysis_by_phase(y, centre, np.zeros(y.size, dtype=np.intp), n_phases=1)[0]


class RunsFigures(NamedTuple):
    """`RunsAnalysis` as arrays, one entry per part; where a part has no useful point its figures
    are 0 (and no signal), where a `RunsAnalysis` has None."""

    n_obs: IntArray
    n_useful: IntArray
    longest_run: IntArray
    longest_run_max: IntArray
    crossings: IntArray
    crossings_min: IntArray
    runs_signal: BoolArray


def runs_figures(
    values: FloatArray, centre: FloatArray, starts: IntArray, include: BoolArray | None = None
) -> RunsFigures:
    """The runs analysis of every part at once. Part k is `values[starts[k]:starts[k + 1]]` (the
    last runs to the end; `starts` never decreases, so a part may be empty), `centre` the centre
    line at each value (or one for all), `include` the values that take part (default: all).

    No Python loop per part or per value: the useful values are packed together, a run starts
    wherever the side changes or a part's first useful value is, and each part's runs are found
    between its first useful value and the next part's, so a batch's thousands of phases cost
    a dozen numpy passes.
    """
    with np.errstate(invalid="ignore"):  # inf - inf
        distance = values - centre
    # -1 below, +1 above, 0 on the centre line or missing (a NaN compares false both ways).
    side = (distance > 0).view(np.int8) - (distance < 0).view(np.int8)
    useful = side != 0
    bounds = np.append(starts, values.size)
    if include is None:
        n_obs = np.diff(bounds)
    else:
        useful &= include
        n_obs = np.diff(np.flatnonzero(include).searchsorted(bounds))
    # Where each part's useful values start among all the useful values, packed together.
    at = np.flatnonzero(useful)
    first_useful = at.searchsorted(bounds)
    n_useful = np.diff(first_useful)
    signs = side[at]
    new_run = np.empty(signs.size, dtype=np.bool_)
    np.not_equal(signs[1:], signs[:-1], out=new_run[1:])
    new_run[first_useful[:-1][n_useful > 0]] = True  # which sets new_run[0] too, if there are any
    run_starts = np.flatnonzero(new_run)
    first_run = run_starts.searchsorted(first_useful)
    n_runs = np.diff(first_run)
    longest = np.zeros(starts.size, dtype=np.intp)
    has_runs = n_runs > 0
    if has_runs.any():
        lengths = np.diff(np.append(run_starts, signs.size))
        longest[has_runs] = np.maximum.reduceat(lengths, first_run[:-1][has_runs])
    # Parts share few distinct counts of useful points: each count's limits are computed once.
    counts, which = np.unique(n_useful, return_inverse=True)
    limits = [(longest_run_max(c), crossings_min(c)) if c else (0, 0) for c in counts.tolist()]
    max_run, min_crossings = np.array(limits, dtype=np.intp).reshape(-1, 2)[which.ravel()].T
    crossings = np.maximum(n_runs - 1, 0)
    signal = has_runs & ((longest > max_run) | (crossings < min_crossings))
    return RunsFigures(n_obs, n_useful, longest, max_run, crossings, min_crossings, signal)


def runs_analysis_by_phase(
    values: npt.ArrayLike,
    centre: float | npt.ArrayLike,
    phase: npt.ArrayLike,
    *,
    include: npt.ArrayLike | None = None,
    n_phases: int | None = None,
) -> tuple[RunsAnalysis, ...]:
    """`runs_analysis` of every phase of a series in one vectorised pass.

    ``phase`` gives each value's 0-based phase (non-decreasing, as phases follow one another);
    ``centre`` is a number or one centre per value; ``include`` (default: all) marks the values
    that take part. Returns one `RunsAnalysis` per phase 0 .. n_phases - 1 (default: the largest
    phase + 1); a phase without values gets the empty analysis.
    """
    y = np.asarray(values, dtype=np.float64).ravel()
    cl = np.broadcast_to(np.asarray(centre, dtype=np.float64), y.shape)
    group = np.asarray(phase, dtype=np.intp).ravel()
    taking_part = None if include is None else np.asarray(include, dtype=bool).ravel()
    count = int(group.max()) + 1 if n_phases is None and group.size else (n_phases or 0)
    figures = runs_figures(y, cl, group.searchsorted(np.arange(count)), taking_part)
    out: list[RunsAnalysis] = []
    for n_obs, useful, run, max_run, crossings, min_crossings, signal in zip(
        *(column.tolist() for column in figures), strict=True
    ):
        if useful == 0:
            out.append(RunsAnalysis(n_obs, 0, None, None, None, None, False))
        else:
            out.append(RunsAnalysis(n_obs, useful, run, max_run, crossings, min_crossings, signal))
    return tuple(out)
