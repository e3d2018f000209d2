"""The Making Data Count XmR chart, with NHSRplotthedots' semantics.

`xmr_arrays` is the engine: it takes many series at once as one flat array with offsets (ragged)
and returns arrays, with no Python loop per point or per series. It is the only implementation of
the rules: `openqms.spc.xmr_series` runs it for `compute` (a batch of one series) and for
`compute_batch`, and makes the public `Result`s from its arrays.

Facts carried over from NHSRplotthedots 0.2.2 (see docs/spc.md for the details and citations):
limits are mean ± 2.66·mean(MR), moving ranges of 3.267·mean(MR) or more are screened out once,
the 2-sigma lines are at two thirds of that width, every rule is evaluated per rebase group, and the
icons are read from the last point.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from openqms.spc import rules
from openqms.spc.xmr_codes import (
    ASSURANCE_CODE,
    VARIATION_CODE,
    BoolArray,
    CodeArray,
    FloatArray,
    IntArray,
    XmrArrays,
)

__all__ = ["MIN_FIX_AFTER", "SHORT_GROUP", "SHORT_GROUP_WARNING", "pad_to_flat", "xmr_arrays"]

LIMIT = 2.66  # 3 / d2 rounded as Making Data Count does; qicharts2 uses 3 / 1.128
LIMIT_2SIGMA = 2 * (LIMIT / 3)
_LD = np.longdouble  # R's LDOUBLE for sums and means
_LIMIT_FACTORS = np.array([[LIMIT], [-LIMIT], [LIMIT_2SIGMA], [-LIMIT_2SIGMA]])
SCREEN = 3.267  # D4 for n = 2: a moving range at or above 3.267·mean(MR) is an outlier
MIN_FIX_AFTER = 12  # NHSRplotthedots refuses fewer (ptd_spc_options.R)
SHORT_GROUP = 13  # groups of fewer points carry the warning (the message itself says "n < 12")
SHORT_GROUP_WARNING = (
    "Some phases have fewer than 13 points: their limits are trial limits, which should be "
    "revised as points are added until there are enough to fix them."
)


class _Segments:
    """Where each segment (a phase of a series) starts and how long it is, in the flat arrays."""

    def __init__(self, starts: IntArray, n: int) -> None:
        self.starts = starts
        self.lengths = np.empty_like(starts)
        self.lengths[:-1] = starts[1:] - starts[:-1]
        if starts.size:
            self.lengths[-1] = n - starts[-1]

    def spread(self, per_segment: NDArray[Any]) -> NDArray[Any]:
        """One value per segment repeated over its points (a repeat is twice as fast as a gather)."""
        return per_segment.repeat(self.lengths)

    @cached_property
    def seg_id(self) -> NDArray[np.int32]:
        """Each point's segment: for looking up the few points that need it by a gather (a binary
        search per point, searchsorted, cost four times more)."""
        ids: NDArray[np.int32] = self.spread(np.arange(self.starts.size, dtype=np.int32))
        return ids

    def mean(self, x: FloatArray, skipped: IntArray, exact: bool) -> FloatArray:
        """R's `mean(x, na.rm = TRUE)` per segment along the last axis, leaving out the points at
        the flat indices `skipped` (into `x.ravel()`). Rows of a 2-D `x` are independent series of
        means computed in one pass.

        R sums in long double, divides by n, adds the mean residual (also in long double) and
        rounds to double. With `exact`, so does this (numpy's longdouble is the same 80-bit type on
        x86-64), and the result is R's to the bit. Without, the same two passes run in doubles:
        at most a few units in the last place away (0.003 and 1.024 miss by one), at half the cost.
        """
        dtype: type[np.floating[Any]] = _LD if exact else np.float64
        n, n_seg = x.shape[-1], self.starts.size
        # The skipped points are few (missing values, each segment's first moving range), so they
        # are counted per segment and zeroed by index: a boolean mask is read in full each time.
        row, col = np.divmod(skipped, n) if x.ndim > 1 else (0, skipped)
        in_seg = np.bincount(row * n_seg + self.seg_id[col], minlength=x.size // max(n, 1) * n_seg)
        count = (self.lengths - in_seg.reshape((*x.shape[:-1], n_seg))).astype(dtype)
        count[count == 0] = np.nan  # R's mean of nothing is NaN; dividing by NaN says so quietly
        work: NDArray[np.floating[Any]] = x.astype(dtype, order="C")  # a copy
        flat = work.reshape(-1)  # a view: the copy is C-ordered
        flat[skipped] = 0
        first = np.add.reduceat(work, self.starts, axis=-1) / count
        work -= first.repeat(self.lengths, axis=-1)
        flat[skipped] = 0
        corrected = first + np.add.reduceat(work, self.starts, axis=-1) / count
        # R skips the correction when the first mean is not finite (no points, or an overflow).
        out: FloatArray = np.where(np.isfinite(first), corrected, first).astype(np.float64, copy=False)
        return out

    def subset(self, chosen: IntArray) -> tuple[_Segments, BoolArray]:
        """The chosen segments as segments of their own, and which points they hold."""
        lengths = self.lengths[chosen]
        starts = np.zeros(chosen.size, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        held = np.zeros(self.starts.size, dtype=np.bool_)
        held[chosen] = True
        return _Segments(starts, int(lengths.sum())), self.spread(held)


def _stats(
    segs: _Segments, both: FloatArray, skip: BoolArray, screen: BoolArray, exact: bool
) -> tuple[FloatArray, FloatArray]:
    """Each segment's mean and mean moving range (NHSRplotthedots' `mean` and `amr`)."""
    n = both.shape[1]
    skipped = np.flatnonzero(skip)
    mean, amr = segs.mean(both, skipped, exact)
    if screen.any():
        # A missing neighbour (NA) or a NaN mean never passes R's `mr < 3.267 * amr`.
        over = np.flatnonzero(both[1] >= segs.spread(SCREEN * amr))
        over = over[~skip[1, over]]
        # The same moving ranges give the same mean: recompute only when screening drops one.
        if over.size:
            dropped = np.concatenate((skipped[skipped.searchsorted(n) :] - n, over))
            amr = np.where(screen, segs.mean(both[1], dropped, exact), amr)
    return mean, amr


def _beyond(
    x: FloatArray, dist: FloatArray, mean: FloatArray, limits: FloatArray, segs: _Segments, outside: BoolArray
) -> BoolArray:
    """The points outside the limits, and those between a 2-sigma line and a limit ("close").

    Only points far enough from the centre are compared with the lines, which are looked up per
    point for those alone, so no per-point copy of the four lines is made. Rounding is monotonic,
    so x > line implies fl(x - mean) >= fl(line - mean) (and the same below the centre): a point
    beyond a line has `dist` (|fl(x - mean)|) at least the smallest of the four |fl(line - mean)|,
    and no point beyond a line is missed. A NaN there (no limits) makes every point a candidate.
    Fills `outside` and returns the close points.
    """
    reach = (np.sign(_LIMIT_FACTORS) * (limits - mean)).min(axis=0)  # negating is exact
    reach[np.isnan(reach)] = -np.inf
    candidates = (dist >= segs.spread(reach)).nonzero()[0]
    at = limits.take(segs.seg_id.take(candidates), axis=1)
    xc = x.take(candidates)
    out_c = xc > at[0]
    out_c |= xc < at[1]
    close_c = xc > at[2]
    close_c |= xc < at[3]
    close_c &= ~out_c
    outside.fill(False)
    outside[candidates[out_c]] = True
    close = np.zeros(x.size, dtype=np.bool_)
    close[candidates[close_c]] = True
    return close


TIE_TOLERANCE = 1e-12  # relative to a segment's largest value; thousands of times the doubles' error


def _near_the_centre(x: FloatArray, dist: FloatArray, segs: _Segments) -> IntArray:
    """Segments with a value so close to the centre line (`dist` is |x - centre| per point) that
    the last bits of the mean decide which side it is on (a point exactly on the mean breaks a
    shift). Compared per segment: its closest point against its tolerance (fmax and fmin skip NaN).

    Ties with a limit or with the screening threshold are left out: for data whose sums are exact
    in doubles (integers, halves, ...), the doubles' mean is R's anyway, and other data do not put a
    point on 2.66 times a mean moving range by design.
    """
    # A segment's tolerance is at most the chunk's, so a chunk whose closest point is farther than
    # that has none (nearly always): three whole-array reductions instead of two per segment.
    largest = max(np.fmax.reduce(x, initial=-np.inf), -np.fmin.reduce(x, initial=np.inf))
    if not np.fmin.reduce(dist, initial=np.inf) <= TIE_TOLERANCE * largest:
        return np.zeros(0, dtype=np.int64)
    tol = TIE_TOLERANCE * np.fmax.reduceat(np.abs(x), segs.starts)
    found: IntArray = (np.fmin.reduceat(dist, segs.starts) <= tol).nonzero()[0]
    return found


def _per_series(value: ArrayLike | None, n_series: int, default: float, dtype: type) -> NDArray[Any]:
    if value is None:
        return np.full(n_series, default, dtype=dtype)
    arr: NDArray[Any] = np.asarray(value, dtype=dtype)
    if arr.ndim == 0:
        return np.full(n_series, arr, dtype=dtype)
    if arr.shape != (n_series,):
        raise ValueError(f"expected one value per series ({n_series}), got shape {arr.shape}")
    return arr


class _PointArrays(NamedTuple):
    """The per-point results of a whole batch, which each chunk fills in its part of."""

    outside: BoolArray
    shift: BoolArray
    trend: BoolArray
    two: BoolArray
    bits: NDArray[np.uint8]
    point_type: CodeArray

    @classmethod
    def empty(cls, n: int) -> _PointArrays:
        def flags() -> BoolArray:
            return np.empty(n, dtype=np.bool_)

        return cls(
            flags(), flags(), flags(), flags(), np.empty(n, dtype=np.uint8), np.empty(n, dtype=np.int8)
        )

    def part(self, start: int, stop: int) -> _PointArrays:
        o, s, t, w, b, p = self
        return _PointArrays(
            o[start:stop], s[start:stop], t[start:stop], w[start:stop], b[start:stop], p[start:stop]
        )


@dataclass(frozen=True)
class _Chunk:
    """One chunk's segments; flat indices are local to the chunk."""

    seg_start: IntArray
    seg_length: IntArray
    seg_series: IntArray
    mean: FloatArray
    limits: FloatArray  # 4 rows per segment: upper, lower, upper 2-sigma, lower 2-sigma


def _chunk(
    x: FloatArray,
    off: IntArray,
    phase_start: BoolArray | None,
    dirs: CodeArray,
    fix: IntArray,
    screen: BoolArray,
    out: _PointArrays,
) -> _Chunk:
    """The XmR computation for the series of one chunk (offsets `off` local to `x`); the per-point
    results are written into `out`, views of the whole batch's arrays (so none is concatenated).

    Comparisons with NaN are quietly False in numpy, which is what R's NA does in these rules, so
    missing values need no special case past the means.
    """
    n = x.size
    lengths = off[1:] - off[:-1]
    seg_start = np.zeros(n, dtype=np.bool_) if phase_start is None else phase_start.copy()
    seg_start[off[:-1][lengths > 0]] = True
    segs = _Segments(seg_start.nonzero()[0], n)
    seg_series = off.searchsorted(segs.starts, side="right") - 1

    # Row 0: the values; row 1: the moving ranges (NA at each segment's first point).
    both = np.empty((2, n), dtype=np.float64)
    both[0] = x
    mr = both[1]
    step = np.zeros(n, dtype=np.int8)  # rules.steps, from the differences the moving ranges take
    if n:
        np.subtract(x[1:], x[:-1], out=mr[1:])
        step[1:] = rules.sign(mr[1:])
        step[seg_start] = 0
        np.abs(mr, out=mr)
        mr[seg_start] = np.nan
    skip = np.isnan(both)
    fix_seg = fix[seg_series] if fix.any() else None
    if fix_seg is not None and ((fix_seg > 0) & (fix_seg < segs.lengths)).any():
        # Only the first fix_after points of each phase set its limits (NHSRplotthedots' fix_y).
        pos = np.arange(n, dtype=np.int64) - segs.spread(segs.starts)
        skip |= pos >= segs.spread(np.where(fix_seg > 0, fix_seg, n + 1))
    screen_seg = screen[seg_series]
    # Doubles first; R's long-double means only for the segments where their last bits could
    # matter (a point on the centre line breaks a shift), so the chart is R's and stays fast.
    mean, amr = _stats(segs, both, skip, screen_seg, exact=False)
    off_centre = x - segs.spread(mean)  # the same differences as R's sign(y - mean)
    dist = np.abs(off_centre)
    fragile = _near_the_centre(x, dist, segs)
    if fragile.size:
        sub, held = segs.subset(fragile)
        exact = _stats(sub, both[:, held], skip[:, held], screen_seg[fragile], exact=True)
        mean, amr = mean.copy(), amr.copy()
        mean[fragile], amr[fragile] = exact
        np.subtract(x, segs.spread(mean), out=off_centre)
        np.abs(off_centre, out=dist)
    limits = mean + _LIMIT_FACTORS * amr
    side = rules.sign(off_centre)
    outside = out.outside
    close = _beyond(x, dist, mean, limits, segs, outside)
    shift = rules.shift(side, seg_start, out=out.shift)
    trend, trend_step = rules.trend_from_steps(step, seg_start, out=out.trend)
    two = rules.two_of_three(close, side, seg_start, out=out.two)

    # The rules that fired as 4 bits. The leading rule says which way a flagged point points: up
    # when above the mean or, when a trend leads (it is not outside the limits), when its trend
    # step (rules.trend_steps) rises ("Above UCL" needs relative_to_mean == 1, so outside with
    # side 0 reads as below, as in R). Up is an improvement when increase is better, a concern
    # when decrease is, neutral-high for neither; worked out by byte arithmetic per point.
    u8 = np.uint8
    bits = np.left_shift(shift.view(u8), u8(3), out=out.bits)
    bits |= two.view(u8) << u8(2)
    bits |= trend.view(u8) << u8(1)
    bits |= outside.view(u8)
    up = side == 1
    np.copyto(up, trend_step == 1, where=(bits & u8(3)) == u8(2))
    # Up is type base + (up ^ flip): 1 improvement, 2 concern when a direction is better (flip 1
    # for increase, 0 for decrease), 3 neutral high and 4 neutral low when neither is.
    flip = (dirs >= 0).view(u8)
    base = np.where(dirs == 0, u8(3), u8(1))
    point_type = out.point_type.view(u8)
    if n and lengths.size == 1:
        np.bitwise_xor(up.view(u8), flip[0], out=point_type)
        point_type += base[0]
    else:
        np.bitwise_xor(up.view(u8), flip.repeat(lengths), out=point_type)
        point_type += base.repeat(lengths)
    point_type *= (bits != 0).view(u8)
    return _Chunk(
        segs.starts,
        segs.lengths,
        seg_series,
        mean,
        limits,
    )


# Points per chunk. Each numpy call of a chunk runs long enough for the two threads to overlap:
# with 65,536-point chunks the threads mostly waited for each other's GIL and two were slower
# than one (0.43-0.51 s against 0.30-0.39 s for the benchmark's batch; 0.25-0.31 s at this size).
CHUNK_POINTS = 1 << 18
_THREADS = min(2, os.cpu_count() or 1)


def xmr_arrays(
    values: ArrayLike,
    offsets: ArrayLike,
    *,
    phase_start: ArrayLike | None = None,
    direction: ArrayLike | None = None,
    target: ArrayLike | None = None,
    point_target: ArrayLike | None = None,
    fix_after: ArrayLike | None = None,
    screen_outliers: ArrayLike | None = None,
) -> XmrArrays:
    """XmR charts for many series at once.

    `values` holds every series back to back (NaN = missing); series k is
    `values[offsets[k]:offsets[k+1]]`. Optional, per point: `phase_start` (True at the first point
    of a new phase; a series always starts one) and `point_target` (NaN = none; overrides
    `target`; only the last point's counts, for the assurance icon). Optional, one per series or
    one for all: `direction` (1 increase, -1 decrease, 0 neither; default 1), `target` (NaN = none),
    `fix_after` (0 = not fixed; else >= 12) and `screen_outliers` (default True).

    Large batches are cut at series boundaries into chunks (CHUNK_POINTS), computed on
    two threads (numpy releases the GIL inside its loops); every series sees the same code.
    """
    x = np.ascontiguousarray(values, dtype=np.float64).ravel()
    off = np.asarray(offsets, dtype=np.int64).ravel()
    n = x.size
    if off.size < 1 or off[0] != 0 or off[-1] != n or np.any(np.diff(off) < 0):
        raise ValueError("offsets must rise from 0 to len(values)")
    n_series = off.size - 1
    dirs = _per_series(direction, n_series, 1, np.int8).astype(np.int8)
    if np.any((dirs < -1) | (dirs > 1)):
        raise ValueError("direction codes are 1, -1 or 0")
    fix = _per_series(fix_after, n_series, 0, np.int64).astype(np.int64)
    if np.any((fix != 0) & (fix < MIN_FIX_AFTER)):
        raise ValueError(f"fix_after must be at least {MIN_FIX_AFTER} points")
    screen = _per_series(screen_outliers, n_series, True, np.bool_).astype(np.bool_)
    nonempty = off[1:] > off[:-1]
    if point_target is not None:
        all_targets = np.asarray(point_target, dtype=np.float64).ravel()
        if all_targets.size != n:
            raise ValueError("point_target needs one value per point")
        last_target = all_targets[off[1:][nonempty] - 1]
    else:
        last_target = _per_series(target, n_series, math.nan, np.float64).astype(np.float64)[nonempty]
    ps: BoolArray | None = None
    if phase_start is not None:
        ps = np.asarray(phase_start, dtype=np.bool_).ravel()
        if ps.size != n:
            raise ValueError("phase_start needs one value per point")
    return _xmr_arrays(x, off, ps, dirs, fix, screen, last_target)


def _xmr_arrays(
    x: FloatArray,
    off: IntArray,
    ps: BoolArray | None,
    dirs: CodeArray,
    fix: IntArray,
    screen: BoolArray,
    last_target: FloatArray,
) -> XmrArrays:
    """`xmr_arrays` on checked inputs; `last_target` has one entry per non-empty series."""
    n = x.size
    n_series = off.size - 1
    # Chunk boundaries: the first series starting at or after each multiple of CHUNK_POINTS.
    if n > CHUNK_POINTS:
        cuts = np.unique(np.searchsorted(off[:-1], np.arange(0, n, CHUNK_POINTS))).tolist()
        bounds = [0, *[c for c in cuts if c > 0], n_series]
    else:
        bounds = [0, n_series]

    points = _PointArrays.empty(n)

    def run(j: int) -> _Chunk:
        s0, s1 = bounds[j], bounds[j + 1]
        p0, p1 = int(off[s0]), int(off[s1])
        return _chunk(
            x[p0:p1],
            off[s0 : s1 + 1] - p0,
            None if ps is None else ps[p0:p1],
            dirs[s0:s1],
            fix[s0:s1],
            screen[s0:s1],
            points.part(p0, p1),
        )

    jobs = range(len(bounds) - 1)
    if len(jobs) > 2 and _THREADS > 1:
        with ThreadPoolExecutor(_THREADS) as pool:
            chunks = list(pool.map(run, jobs))
    else:
        chunks = [run(j) for j in jobs]

    outside, shift, trend, two, bits, point_type = points
    if len(chunks) == 1:
        c = chunks[0]
        seg_start, seg_length, seg_series, mean, limits = (
            c.seg_start,
            c.seg_length,
            c.seg_series,
            c.mean,
            c.limits,
        )
    else:
        seg_start = np.concatenate([c.seg_start + off[bounds[j]] for j, c in enumerate(chunks)])
        seg_length = np.concatenate([c.seg_length for c in chunks])
        seg_series = np.concatenate([c.seg_series + bounds[j] for j, c in enumerate(chunks)])
        mean = np.concatenate([c.mean for c in chunks])
        limits = np.concatenate([c.limits for c in chunks], axis=1)
    upper, lower = limits[0], limits[1]

    # Icons from the last point of each series (geom_ptd_icon.R, ptd_calculate_assurance_type.R).
    variation = np.empty(n_series, dtype=np.int8)
    variation.fill(-1)
    assurance = variation.copy()
    nonempty = off[1:] > off[:-1]
    last = off[1:][nonempty] - 1
    if last.size:
        d1 = dirs[nonempty] + 1  # 0 decrease, 1 neither, 2 increase
        variation[nonempty] = VARIATION_CODE[point_type[last] * 3 + d1]
        seg_of_last = seg_start.searchsorted(last, side="right") - 1
        # Strict comparisons; NaN limits (a one-point phase) make both false: inconsistent.
        above = (last_target > upper[seg_of_last]).view(np.int8)
        below = (last_target < lower[seg_of_last]).view(np.int8)
        assurance[nonempty] = np.where(np.isnan(last_target), -1, ASSURANCE_CODE[d1 * 4 + above * 2 + below])
    short = np.zeros(n_series, dtype=np.bool_)
    short[seg_series[seg_length < SHORT_GROUP]] = True
    first_seg_of_series = seg_series.searchsorted(np.arange(n_series))
    phase_of_seg = np.arange(seg_start.size, dtype=np.int64) - first_seg_of_series[seg_series]

    return XmrArrays(
        offsets=off,
        outside_limits=outside,
        rule_bits=bits,
        shift=shift,
        trend=trend,
        two_of_three=two,
        point_type=point_type,
        variation_icon=variation,
        assurance_icon=assurance,
        short_group=short,
        segment_start=seg_start,
        segment_length=seg_length,
        segment_series=seg_series,
        segment_phase=phase_of_seg,
        segment_centre=mean,
        segment_lower=lower,
        segment_upper=upper,
        segment_lower_2sigma=limits[3],
        segment_upper_2sigma=limits[2],
    )


def pad_to_flat(values_2d: ArrayLike, lengths: ArrayLike) -> tuple[FloatArray, IntArray]:
    """A padded 2-D array (one series per row, `lengths[k]` valid points in row k) as the flat
    values and offsets that `xmr_arrays` takes."""
    v = np.asarray(values_2d, dtype=np.float64)
    lens = np.asarray(lengths, dtype=np.int64)
    if v.ndim != 2 or lens.shape != (v.shape[0],) or np.any(lens < 0) or np.any(lens > v.shape[1]):
        raise ValueError("values_2d must be 2-D with one length per row, each at most its width")
    mask = np.arange(v.shape[1]) < lens[:, None]
    offsets = np.zeros(lens.size + 1, dtype=np.int64)
    np.cumsum(lens, out=offsets[1:])
    return v[mask], offsets
