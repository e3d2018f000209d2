"""The Making Data Count special-cause rules, one small vectorised function each.

Every function works on a flat array holding many series and phases back to back. `seg_start`
is True at the first point of every segment (a phase of a series); a rule never looks across a
segment boundary, because NHSRplotthedots evaluates its rules per rebase group. Missing values
are NaN in `y` and 0 in `side`, so they break every run, as they do in the R package.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]
SignArray = NDArray[np.int8]

RUN_LENGTH = 7  # hard-coded in NHSRplotthedots (MDC's Excel tool offers 6: their issue #202)


def side_of_mean(y: FloatArray, centre: FloatArray) -> SignArray:
    """+1 above the centre, -1 below, 0 on it or missing (R's `sign(y - mean)` with NA as 0)."""
    with np.errstate(invalid="ignore"):
        d = y - centre
        return ((d > 0).astype(np.int8) - (d < 0).astype(np.int8)).astype(np.int8)


def _runs_at_least(codes: SignArray, seg_start: BoolArray, length: int) -> BoolArray:
    """True where a code belongs to a run of `length` or more equal non-zero codes in one segment."""
    n = codes.size
    if n == 0:
        return np.zeros(0, dtype=np.bool_)
    new_run = seg_start.copy()
    new_run[0] = True
    new_run[1:] |= codes[1:] != codes[:-1]
    run_id = np.cumsum(new_run) - 1
    run_len = np.bincount(run_id)
    in_run: BoolArray = (codes != 0) & (run_len[run_id] >= length)
    return in_run


def shift(side: SignArray, seg_start: BoolArray, length: int = RUN_LENGTH) -> BoolArray:
    """Points in a run of `length` or more on the same side of the mean.

    A point exactly on the mean has side 0 and so ends the run, as `sign()` does in R.
    """
    return _runs_at_least(side, seg_start, length)


def trend(y: FloatArray, seg_start: BoolArray, length: int = RUN_LENGTH) -> tuple[BoolArray, SignArray]:
    """Points in `length` or more strictly rising or strictly falling points, and each one's direction.

    The direction follows NHSRplotthedots: a point inside a trend takes the sign of the step to its
    right-hand neighbour when that neighbour is in a trend too, otherwise the step from its left.
    A tie on that step reads as decreasing, as `ifelse(sdy == 1, "In", "De")` does.
    """
    n = y.size
    step = np.zeros(n, dtype=np.int8)
    if n > 1:
        with np.errstate(invalid="ignore"):
            d = y[1:] - y[:-1]
            step[1:] = (d > 0).astype(np.int8) - (d < 0).astype(np.int8)
    step[seg_start] = 0
    # `step[i]` links points i-1 and i; a trend of `length` points is `length - 1` equal steps.
    in_trend_step = _runs_at_least(step, seg_start, length - 1)
    part = in_trend_step.copy()
    if n > 1:
        part[:-1] |= in_trend_step[1:]
    right_in_trend = np.zeros(n, dtype=np.bool_)
    if n > 1:
        right_in_trend[:-1] = part[1:] & ~seg_start[1:]
    right_step = np.zeros(n, dtype=np.int8)
    right_step[:-1] = step[1:]
    chosen = np.where(right_in_trend, right_step, step)
    direction = np.where(part, np.where(chosen == 1, 1, -1), 0).astype(np.int8)
    return part, direction


def two_of_three(close: BoolArray, side: SignArray, seg_start: BoolArray) -> BoolArray:
    """Close points (between the 2-sigma and 3-sigma lines) in a window of 3 with 2 or more close points, all
    3 on the same side of the mean. Only the close points of the window are flagged.
    """
    n = close.size
    hit = np.zeros(n, dtype=np.bool_)
    if n < 3:
        return hit
    c = close.astype(np.int8)
    s = side.astype(np.int8)
    n_close = c[:-2] + c[1:-1] + c[2:]
    same_side = np.abs(s[:-2] + s[1:-1] + s[2:]) == 3
    one_segment = ~(seg_start[1:-1] | seg_start[2:])
    window = one_segment & same_side & (n_close >= 2)
    hit[:-2] |= window
    hit[1:-1] |= window
    hit[2:] |= window
    return close & hit
