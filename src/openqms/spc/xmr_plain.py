"""The XmR chart of one short series in plain Python, for the single-series API.

On a series of a hundred points the batch engine (`openqms.spc.xmr`) spends its time in numpy's
per-call overhead, not in arithmetic: about a hundred calls on arrays of a hundred elements. This
module computes the same figures with a few loops over lists, several times faster there, and is
held to the batch engine to the bit (tests/spc/test_xmr_plain.py checks every field of every
point on random series with gaps, ties, phases, fixed limits and screening, with hypothesis).

The means are the one thing computed with numpy: its summation order (pairwise, eight
accumulators) is what the batch engine's means round to, and a sum in another order can differ in
the last bit. Series the engine would treat specially are handed back (`None`) so that the engine
computes them: an empty series, and a phase with a point so close to its centre line that R's
long-double mean decides which side the point is on.
"""

from __future__ import annotations

import itertools
import math
from itertools import compress, count
from operator import ne, or_
from typing import NamedTuple

import numpy as np

from openqms.spc.xmr import (
    _ASSURANCE,
    _POINT_TYPE,
    _VARIATION,
    LIMIT,
    LIMIT_2SIGMA,
    SCREEN,
    SHORT_GROUP,
    TIE_TOLERANCE,
    BoolArray,
    FloatArray,
)

__all__ = ["PlainXmr", "plain_xmr"]

RUN = 7  # points on one side of the mean (rules.RUN_LENGTH); a trend is RUN - 1 equal steps
# Python lists index faster than numpy arrays, one element at a time.
_POINT_TYPE_LIST: list[int] = _POINT_TYPE.tolist()
_VARIATION_LIST: list[int] = _VARIATION.tolist()
_ASSURANCE_LIST: list[int] = _ASSURANCE.tolist()
_NAN = math.nan
_add_at = np.add.reduceat
_AT_START = np.zeros(1, dtype=np.intp)


class PlainXmr(NamedTuple):
    """One series' codes, the same as the batch engine's arrays hold for it, as lists."""

    rule_bits: list[int]  # 1 outside, 2 trend, 4 two-in-three, 8 shift
    point_type: list[int]  # index into xmr.POINT_TYPES
    bounds: list[int]  # first point of each phase, then the number of points
    # Per phase: centre, lower, upper, lower 2-sigma, upper 2-sigma (NaN where undefined).
    lines: list[tuple[float, float, float, float, float]]
    variation_icon: int  # index into xmr.VARIATION_ICONS
    assurance_icon: int  # index into xmr.ASSURANCE_ICONS, -1 for none
    short_group: bool


def _mean(work: FloatArray, skip: BoolArray, count: int) -> float:
    """The batch engine's doubles mean (`_Segments.mean` with exact=False) of one phase: two
    passes of numpy sums over the values with the skipped ones set to 0 (`work` is a scratch copy
    of the values; `count` the number not skipped). The sums are `add.reduceat`'s, as the
    engine's: `sum()` adds in another order and can differ in the last bit."""
    if count == 0:
        return _NAN
    work[skip] = 0
    first = float(_add_at(work, _AT_START)[0]) / count
    if not math.isfinite(first):
        return first
    work -= first
    work[skip] = 0
    return first + float(_add_at(work, _AT_START)[0]) / count


def _runs(codes: list[int], length: int) -> list[bool]:
    """True where a code is in `length` or more consecutive equal non-zero codes."""
    out = [False] * len(codes)
    start = 0
    # Run boundaries only: a loop per run, not per point.
    for i in compress(count(1), map(ne, codes[1:], codes)):
        if i - start >= length and codes[start]:
            out[start:i] = [True] * (i - start)
        start = i
    if len(codes) - start >= length and codes[start]:
        out[start:] = [True] * (len(codes) - start)
    return out


def _phase(
    x: list[float], fix_after: int, screen: bool, direction: int
) -> tuple[list[int], list[int], tuple[float, float, float, float, float]] | None:
    n = len(x)
    both = np.empty((2, n))  # the values and the moving ranges, as the engine lays them out
    both[0] = x
    mr = both[1]
    mr[0] = _NAN
    np.subtract(both[0, 1:], both[0, :-1], out=mr[1:])
    np.abs(mr, out=mr)
    skip = np.isnan(both)
    if 0 < fix_after < n:
        skip[:, fix_after:] = True
    counts = (n - skip.sum(axis=1)).tolist()
    mean = _mean(both[0].copy(), skip[0], counts[0])
    amr = _mean(mr.copy(), skip[1], counts[1])
    if screen and counts[1]:
        outlier = mr >= SCREEN * amr
        outlier |= skip[1]
        if (outlier != skip[1]).any():
            amr = _mean(mr.copy(), outlier, n - int(outlier.sum()))
    top = np.fmax.reduce(np.abs(both[0]))
    if (np.abs(both[0] - mean) <= TIE_TOLERANCE * top).any():
        return None  # the engine decides which side of the mean with R's long-double mean
    upper, lower = mean + LIMIT * amr, mean + -LIMIT * amr
    upper2, lower2 = mean + LIMIT_2SIGMA * amr, mean + -LIMIT_2SIGMA * amr

    # NaN compares False both ways: side 0, like a point on the mean, and no rule fires on it.
    side = [(v > mean) - (v < mean) for v in x]
    step = [0, *[(b > a) - (b < a) for b, a in zip(x[1:], x, strict=False)]]
    in_trend_step = _runs(step, RUN - 1)
    trend = [*map(or_, in_trend_step, [*in_trend_step[1:], False])]
    trend_step = step
    if any(trend):
        # A point in a trend reads its direction from the step to its right when that one is in it too.
        trend_step = [step[i + 1] if trend[i] and i + 1 < n and trend[i + 1] else step[i] for i in range(n)]
    # 1 outside the limits, 4 close to one (between the 2- and 3-sigma lines): two-of-three
    # keeps the 4 only on the close points of a window.
    bits = [(v > upper or v < lower) or ((v > upper2 or v < lower2) and 4) or 0 for v in x]
    if 4 in bits:
        two = [False] * n
        # Only the windows holding a close point can fire: usually a few in a hundred points.
        starts = {i for c, b in enumerate(bits) if b == 4 for i in range(c - 2, c + 1)}
        for i in starts:
            if (
                0 <= i < n - 2
                and bits[i : i + 3].count(4) >= 2
                and abs(side[i] + side[i + 1] + side[i + 2]) == 3
            ):
                two[i] = two[i + 1] = two[i + 2] = True
        bits = [b if b != 4 or w else 0 for b, w in zip(bits, two, strict=True)]
    bits = [b | t << 1 | s << 3 for b, t, s in zip(bits, trend, _runs(side, RUN), strict=True)]
    d = direction + 1
    types = [
        _POINT_TYPE_LIST[((b * 3 + s + 1) * 3 + t + 1) * 3 + d]
        for b, s, t in zip(bits, side, trend_step, strict=True)
    ]
    return bits, types, (mean, lower, upper, lower2, upper2)


def plain_xmr(
    x: list[float],
    phase_starts: list[int],
    direction: int,
    fix_after: int,
    screen: bool,
    last_target: float,
) -> PlainXmr | None:
    """The XmR codes of one series (`x` with NaN for missing values; `phase_starts` the first
    point of each phase, starting with 0), or None when the batch engine must compute it."""
    n = len(x)
    if n == 0:
        return None
    bounds = [*phase_starts, n]
    bits: list[int] = []
    types: list[int] = []
    lines = []
    for a, b in itertools.pairwise(bounds):
        phase = _phase(x[a:b], fix_after, screen, direction)
        if phase is None:
            return None
        bits += phase[0]
        types += phase[1]
        lines.append(phase[2])
    d = direction + 1
    _, lower, upper, _, _ = lines[-1]
    if last_target != last_target:
        assurance = -1
    else:
        assurance = _ASSURANCE_LIST[d * 4 + (last_target > upper) * 2 + (last_target < lower)]
    return PlainXmr(
        rule_bits=bits,
        point_type=types,
        bounds=bounds,
        lines=lines,
        variation_icon=_VARIATION_LIST[types[-1] * 3 + d],
        assurance_icon=assurance,
        short_group=any(b - a < SHORT_GROUP for a, b in itertools.pairwise(bounds)),
    )
