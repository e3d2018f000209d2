"""The Making Data Count special-cause rules, one small vectorised function each.

Every function works on a flat array holding many series and phases back to back. `seg_start`
is True at the first point of every segment (a phase of a series); a rule never looks across a
segment boundary, because NHSRplotthedots evaluates its rules per rebase group. Missing values
are NaN in `y` and 0 in `side`, so they break every run, as they do in the R package.

Runs are found with shifted boolean slices (a window of w points is w - 1 ANDs of neighbour
tests) rather than run-length labelling: on ten million points that is a few milliseconds per
shift where a cumulative sum and a gather cost a hundred.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]
SignArray = NDArray[np.int8]

RUN_LENGTH = 7  # hard-coded in NHSRplotthedots (MDC's Excel tool offers 6: their issue #202)


def sign(d: FloatArray) -> SignArray:
    """-1, 0 or +1; NaN gives 0 (a missing value is on neither side)."""
    out: SignArray = (d > 0).view(np.int8) - (d < 0).view(np.int8)
    return out


def side_of_mean(y: FloatArray, centre: FloatArray) -> SignArray:
    """+1 above the centre, -1 below, 0 on it or missing (R's `sign(y - mean)` with NA as 0)."""
    return sign(y - centre)


def _window_ends(link: BoolArray, links: int) -> BoolArray:
    """True at i when link[i - links + 1 .. i] are all True (False where the window does not fit).
    `link` is used as a scratch array.

    Windows double in length with each AND (1, 2, 4, ...), so 6 links take 3 operations, not 5.
    Each AND writes to a second array: `a[step:] &= a[:-step]` in place reads what it writes, so
    numpy copies its input first, which cost more than the AND.
    """
    n = link.size
    out, spare = link, np.empty_like(link)
    width = 1
    while width < links:
        step = min(width, links - width)
        if step < n:
            np.logical_and(out[step:], out[: n - step], out=spare[step:])
            spare[:step] = out[:step]
            out, spare = spare, out
        width += step
    out[: min(links - 1, n)] = False
    return out


def _spread_back(ends: BoolArray, width: int, out: BoolArray | None = None) -> BoolArray:
    """True at i when any of ends[i .. i + width - 1] is True: the points of windows ending there.
    Computed in `out` when given (the engine's result array), else in place in `ends`."""
    n = ends.size
    if out is None:
        out = ends
    else:
        np.copyto(out, ends)
    covered = 1
    while covered < width:
        step = min(covered, width - covered)
        if step < n:
            out[: n - step] |= out[step:]
        covered += step
    return out


def _runs_at_least(
    codes: SignArray, seg_start: BoolArray, length: int, out: BoolArray | None = None
) -> BoolArray:
    """True where a code belongs to `length` or more consecutive equal non-zero codes in one
    segment (in `out` when given)."""
    n = codes.size
    if n < length:
        if out is None:
            return np.zeros(n, dtype=np.bool_)
        out.fill(False)
        return out
    link = np.zeros(n, dtype=np.bool_)  # link[i]: point i continues the run of point i - 1
    np.equal(codes[1:], codes[:-1], out=link[1:])
    link &= ~seg_start
    ends = _window_ends(link, length - 1)
    ends &= codes != 0
    return _spread_back(ends, length, out)


def shift(
    side: SignArray, seg_start: BoolArray, length: int = RUN_LENGTH, out: BoolArray | None = None
) -> BoolArray:
    """Points in a run of `length` or more on the same side of the mean (in `out` when given).

    A point exactly on the mean has side 0 and so ends the run, as `sign()` does in R.
    """
    return _runs_at_least(side, seg_start, length, out)


def steps(y: FloatArray, seg_start: BoolArray) -> SignArray:
    """sign(y[i] - y[i-1]) within a segment; 0 at a segment's first point and next to a missing value."""
    out = np.zeros(y.size, dtype=np.int8)
    if y.size > 1:
        out[1:] = sign(y[1:] - y[:-1])
        out[seg_start] = 0
    return out


def trend(y: FloatArray, seg_start: BoolArray, length: int = RUN_LENGTH) -> tuple[BoolArray, SignArray]:
    """Points in `length` or more strictly rising or strictly falling points, and each one's direction.

    The direction follows NHSRplotthedots: a point inside a trend takes the sign of the step to its
    right-hand neighbour when that neighbour is in a trend too, otherwise the step from its left.
    A tie on that step reads as decreasing, as `ifelse(sdy == 1, "In", "De")` does.
    """
    part, step = trend_steps(y, seg_start, length)
    direction: SignArray = part.view(np.int8) * ((step == 1).view(np.int8) * np.int8(2) - np.int8(1))
    return part, direction


def trend_steps(y: FloatArray, seg_start: BoolArray, length: int = RUN_LENGTH) -> tuple[BoolArray, SignArray]:
    """`trend`'s points, and for each the step (-1, 0 or +1) its direction is read from (1 means
    increasing, anything else decreasing); the engine folds that reading into its lookup table."""
    return trend_from_steps(steps(y, seg_start), seg_start, length)


def trend_from_steps(
    step: SignArray, seg_start: BoolArray, length: int = RUN_LENGTH, out: BoolArray | None = None
) -> tuple[BoolArray, SignArray]:
    """`trend_steps` from the `steps` already computed (the engine has them from its moving
    ranges); `step` is overwritten with the steps the directions are read from, and the points
    are computed in `out` when given."""
    n = step.size
    # step[i] links points i-1 and i, so a trend of `length` points is `length - 1` equal steps.
    in_trend_step = _runs_at_least(step, seg_start, length - 1)
    part = in_trend_step.copy() if out is None else out
    if out is not None:
        np.copyto(out, in_trend_step)
    if n > 1:
        part[:-1] |= in_trend_step[1:]
        use_right = part[:-1] & part[1:] & ~seg_start[1:]
        np.copyto(step[:-1], step[1:].copy(), where=use_right)
    return part, step


def two_of_three(
    close: BoolArray, side: SignArray, seg_start: BoolArray, out: BoolArray | None = None
) -> BoolArray:
    """Close points (between the 2-sigma and 3-sigma lines) in a window of 3 with 2 or more close
    points, all 3 on the same side of the mean. Only the close points of the window are flagged.
    (In `out` when given.)
    """
    n = close.size
    if out is None:
        hit = np.zeros(n, dtype=np.bool_)
    else:
        hit = out
        hit.fill(False)
    if n < 3:
        return hit
    c = close.view(np.int8)
    n_close = c[:-2] + c[1:-1] + c[2:]
    total = side[:-2] + side[1:-1] + side[2:]
    window = (n_close >= 2) & ((total == 3) | (total == -3)) & ~(seg_start[1:-1] | seg_start[2:])
    hit[:-2] |= window
    hit[1:-1] |= window
    hit[2:] |= window
    hit &= close
    return hit
