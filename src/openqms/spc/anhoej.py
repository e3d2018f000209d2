"""Anhøj's runs analysis, as qicharts2 0.8.1 computes it for one part of a chart.

A run chart (or a control chart's centre line) is judged by two tests on the signs of the points
relative to the centre line:

* the longest run: more than ``round(log2(n_useful)) + 3`` consecutive points on the same side
  (Schilling 2012) signals a shift;
* the crossings: fewer than ``qbinom(0.05, n_useful - 1, 0.5)`` crossings of the centre line
  (Chen 2010) signals too few runs, i.e. a shift or a trend.

Points that are missing or lie exactly on the centre line neither start nor break a run: they are
dropped first, and the remaining number is ``n_useful``.

`runs_analysis` takes numpy arrays and does no Python loop per point; `runs_analysis_by_phase` does
every phase of a series (an XmR chart's rebase groups, a qicharts2 chart's parts) in one pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = ["RunsAnalysis", "crossings_min", "longest_run_max", "runs_analysis", "runs_analysis_by_phase"]


class RunsAnalysis(NamedTuple):
    """The Anhøj figures for one part. All None (and no signal) when no point is useful.

    A named tuple, not a frozen dataclass like the public types: it is internal (each chart copies
    it into its `Phase`), and a dataclass's __init__ cost more than the analysis itself."""

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


def runs_analysis_of_list(values: Sequence[float | None], centre: float | None) -> RunsAnalysis:
    """`runs_analysis` of one part given as a list (None or NaN = missing) about one centre.

    The same figures, from a plain loop: for one series of a few hundred points that is several
    times faster than numpy's per-call overhead, and the single-series API is timed in microseconds.
    """
    n_obs = len(values)
    useful = runs = longest = run = 0
    above_before = None
    if centre is not None and centre == centre:
        for v in values:
            if v is None or v != v or v == centre:
                continue  # missing, or on the centre line: not useful
            useful += 1
            above = v > centre
            if above is above_before:
                run += 1
            else:
                runs += 1
                run = 1
                above_before = above
            if run > longest:
                longest = run
    if useful == 0:
        return RunsAnalysis(n_obs, 0, None, None, None, None, False)
    max_run, min_crossings = longest_run_max(useful), crossings_min(useful)
    crossings = runs - 1
    return RunsAnalysis(
        n_obs=n_obs,
        n_useful=useful,
        longest_run=longest,
        longest_run_max=max_run,
        crossings=crossings,
        crossings_min=min_crossings,
        runs_signal=longest > max_run or crossings < min_crossings,
    )


def _longest_run(useful: bytes) -> int:
    """The longest run of equal bytes in `useful` (0s and 2s only, at least one byte): a 1 put at
    each crossing, then the pieces between them measured, all in C. (A regex cost twice as much,
    and a binary search on `b"\\x00" * length in useful` more: CPython's substring search is slow
    on a pattern of one repeated byte in a text full of it.)"""
    marked = useful.replace(b"\x00\x02", b"\x00\x01\x02").replace(b"\x02\x00", b"\x02\x01\x00")
    return max(map(len, marked.split(b"\x01")))


def runs_analysis_of_sides(sides: bytes) -> RunsAnalysis:
    """`runs_analysis_of_list` from each point's side of the centre line, as bytes: 0 below, 1 on
    it or missing (not useful), 2 above. The XmR chart has them at hand; the runs and crossings
    are then found by bytes methods in C, without a Python loop over the points."""
    useful = sides.translate(None, b"\x01")
    if not useful:
        return RunsAnalysis(len(sides), 0, None, None, None, None, False)
    crossings = useful.count(b"\x00\x02") + useful.count(b"\x02\x00")
    longest = _longest_run(useful)
    max_run, min_crossings = longest_run_max(len(useful)), crossings_min(len(useful))
    signal = longest > max_run or crossings < min_crossings
    return RunsAnalysis(len(sides), len(useful), longest, max_run, crossings, min_crossings, signal)


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
    taking_part = np.ones(y.size, dtype=bool) if include is None else np.asarray(include, dtype=bool).ravel()
    count = int(group.max()) + 1 if n_phases is None and group.size else (n_phases or 0)
    with np.errstate(invalid="ignore"):
        side = np.sign(y - cl)
    keep = taking_part & (side != 0) & ~np.isnan(side)
    signs, owner = side[keep], group[keep]
    n_obs = np.bincount(group[taking_part], minlength=count)
    n_useful = np.bincount(owner, minlength=count)
    # A run starts at the first useful value, where the side changes, and where a phase starts.
    starts = np.flatnonzero(
        np.concatenate(([True], (signs[1:] != signs[:-1]) | (owner[1:] != owner[:-1])))[: signs.size]
    )
    lengths = np.diff(np.concatenate((starts, [signs.size])))
    run_owner = owner[starts]
    n_runs = np.bincount(run_owner, minlength=count)
    longest = np.zeros(count, dtype=np.intp)
    np.maximum.at(longest, run_owner, lengths)
    out: list[RunsAnalysis] = []
    for k in range(count):
        useful = int(n_useful[k])
        if useful == 0:
            out.append(RunsAnalysis(int(n_obs[k]), 0, None, None, None, None, False))
            continue
        run, crossings = int(longest[k]), int(n_runs[k]) - 1
        max_run, min_crossings = longest_run_max(useful), crossings_min(useful)
        out.append(
            RunsAnalysis(
                n_obs=int(n_obs[k]),
                n_useful=useful,
                longest_run=run,
                longest_run_max=max_run,
                crossings=crossings,
                crossings_min=min_crossings,
                runs_signal=run > max_run or crossings < min_crossings,
            )
        )
    return tuple(out)
