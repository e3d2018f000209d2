"""The Making Data Count XmR chart, with NHSRplotthedots' semantics.

`xmr_arrays` is the engine: it takes many series at once as one flat array with offsets (ragged)
and returns arrays, with no Python loop per point or per series. `compute_xmr` runs one series
through the same code and builds the public `Result`, so a chart computed alone and the same chart
computed in a batch are identical to the bit.

Facts carried over from NHSRplotthedots 0.2.2 (see docs/spc.md for the details and citations):
limits are mean ± 2.66·mean(MR), moving ranges of 3.267·mean(MR) or more are screened out once,
the 2-sigma lines are at two thirds of that width, every rule is evaluated per rebase group, and the
icons are read from the last point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from openqms.spc import rules
from openqms.spc.types import (
    AssuranceIcon,
    ChartType,
    Direction,
    Options,
    Phase,
    Point,
    PointType,
    Result,
    Rule,
    Series,
    VariationIcon,
)

__all__ = [
    "ASSURANCE_ICONS",
    "LEADING_RULES",
    "MIN_FIX_AFTER",
    "POINT_TYPES",
    "SHORT_GROUP",
    "SHORT_GROUP_WARNING",
    "VARIATION_ICONS",
    "XmrArrays",
    "compute_xmr",
    "direction_code",
    "pad_to_flat",
    "xmr_arrays",
]

LIMIT = 2.66  # 3 / d2 rounded as Making Data Count does; qicharts2 uses 3 / 1.128
LIMIT_2SIGMA = 2 * (LIMIT / 3)
SCREEN = 3.267  # D4 for n = 2: a moving range at or above 3.267·mean(MR) is an outlier
MIN_FIX_AFTER = 12  # NHSRplotthedots refuses fewer (ptd_spc_options.R)
SHORT_GROUP = 13  # groups of fewer points carry the warning (the message itself says "n < 12")
SHORT_GROUP_WARNING = (
    "Some phases have fewer than 13 points: their limits are trial limits, which should be "
    "revised as points are added until there are enough to fix them."
)

# Codes used in the arrays; index into these tuples to get the public enums.
POINT_TYPES: tuple[PointType, ...] = (
    PointType.COMMON_CAUSE,
    PointType.IMPROVEMENT,
    PointType.CONCERN,
    PointType.NEUTRAL_HIGH,
    PointType.NEUTRAL_LOW,
)
VARIATION_ICONS: tuple[VariationIcon, ...] = (
    VariationIcon.COMMON_CAUSE,
    VariationIcon.IMPROVEMENT_HIGH,
    VariationIcon.IMPROVEMENT_LOW,
    VariationIcon.CONCERN_HIGH,
    VariationIcon.CONCERN_LOW,
    VariationIcon.NEUTRAL_HIGH,
    VariationIcon.NEUTRAL_LOW,
)
ASSURANCE_ICONS: tuple[AssuranceIcon, ...] = (
    AssuranceIcon.CONSISTENT_PASS,
    AssuranceIcon.CONSISTENT_FAIL,
    AssuranceIcon.INCONSISTENT,
)
# Leading rule codes 1..4 in NHSRplotthedots' precedence; 0 is none.
LEADING_RULES: tuple[Rule | None, ...] = (
    None,
    Rule.OUTSIDE_LIMITS,
    Rule.TREND,
    Rule.TWO_OF_THREE,
    Rule.SHIFT,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
CodeArray = NDArray[np.int8]


def direction_code(direction: Direction) -> int:
    return {Direction.INCREASE: 1, Direction.DECREASE: -1, Direction.NEITHER: 0}[Direction(direction)]


@dataclass(frozen=True, eq=False)
class XmrArrays:
    """XmR results for many series, flat per point (ragged by `offsets`) and one entry per series.

    Per point: `centre`, `lower`, `upper`, `lower_2sigma`, `upper_2sigma` (NaN where undefined),
    `phase` (0-based within its series), the four rule flags, `leading_rule` (index into
    LEADING_RULES) and `point_type` (index into POINT_TYPES). Per series: `variation_icon` (index into
    VARIATION_ICONS, -1 for an empty series), `assurance_icon` (index into ASSURANCE_ICONS, -1 for
    none) and `short_group` (some phase has fewer than 13 points). Per segment (a phase of a
    series, in order): `segment_start` (flat index of its first point), `segment_series` and
    `segment_mean`.
    """

    offsets: IntArray
    centre: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_2sigma: FloatArray
    upper_2sigma: FloatArray
    phase: IntArray
    outside_limits: BoolArray
    shift: BoolArray
    trend: BoolArray
    two_of_three: BoolArray
    leading_rule: CodeArray
    point_type: CodeArray
    variation_icon: CodeArray
    assurance_icon: CodeArray
    short_group: BoolArray
    segment_start: IntArray
    segment_series: IntArray
    segment_mean: FloatArray


def _segment_mean(x: FloatArray, use: BoolArray, starts: IntArray, seg: IntArray) -> FloatArray:
    """R's `mean(x, na.rm = TRUE)` per segment: a sum divided by n, then corrected by the mean
    residual. The correction makes the result the correctly rounded mean in practice, which keeps
    `y == mean` (a point on the centre line breaks a shift) the same as in R.
    """
    count = np.add.reduceat(use, starts, dtype=np.int64).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.add.reduceat(np.where(use, x, 0.0), starts) / count
        residual = np.add.reduceat(np.where(use, x - mean[seg], 0.0), starts)
        corrected = mean + residual / count
    return np.where(np.isfinite(mean), corrected, mean)


def _per_series(value: ArrayLike | None, n_series: int, default: float, dtype: type) -> NDArray[np.generic]:
    if value is None:
        return np.full(n_series, default, dtype=dtype)
    arr: NDArray[np.generic] = np.asarray(value, dtype=dtype)
    if arr.ndim == 0:
        return np.full(n_series, arr, dtype=dtype)
    if arr.shape != (n_series,):
        raise ValueError(f"expected one value per series ({n_series}), got shape {arr.shape}")
    return arr


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
    `target`). Optional, one per series or one for all: `direction` (1 increase, -1 decrease,
    0 neither; default 1), `target` (NaN = none), `fix_after` (0 = not fixed; else >= 12) and
    `screen_outliers` (default True).
    """
    x = np.ascontiguousarray(values, dtype=np.float64).ravel()
    off = np.asarray(offsets, dtype=np.int64).ravel()
    n = x.size
    if off.size < 1 or off[0] != 0 or off[-1] != n or np.any(np.diff(off) < 0):
        raise ValueError("offsets must rise from 0 to len(values)")
    n_series = off.size - 1
    lengths = np.diff(off)
    dirs = _per_series(direction, n_series, 1, np.int8).astype(np.int8)
    if np.any((dirs < -1) | (dirs > 1)):
        raise ValueError("direction codes are 1, -1 or 0")
    fix = _per_series(fix_after, n_series, 0, np.int64).astype(np.int64)
    if np.any((fix != 0) & (fix < MIN_FIX_AFTER)):
        raise ValueError(f"fix_after must be at least {MIN_FIX_AFTER} points")
    screen = _per_series(screen_outliers, n_series, True, np.bool_).astype(np.bool_)
    if point_target is not None:
        tgt = np.asarray(point_target, dtype=np.float64).ravel()
        if tgt.size != n:
            raise ValueError("point_target needs one value per point")
    else:
        tgt = np.repeat(_per_series(target, n_series, math.nan, np.float64).astype(np.float64), lengths)

    series_of_point = np.repeat(np.arange(n_series, dtype=np.int64), lengths)
    seg_start = np.zeros(n, dtype=np.bool_)
    if phase_start is not None:
        ps = np.asarray(phase_start, dtype=np.bool_).ravel()
        if ps.size != n:
            raise ValueError("phase_start needs one value per point")
        seg_start |= ps
    nonempty = lengths > 0
    seg_start[off[:-1][nonempty]] = True
    starts = np.flatnonzero(seg_start).astype(np.int64)
    seg = np.cumsum(seg_start, dtype=np.int64) - 1
    pos = np.arange(n, dtype=np.int64) - starts[seg] if n else np.zeros(0, dtype=np.int64)
    seg_series = series_of_point[starts]
    seg_len = np.diff(np.append(starts, n))

    if n:
        fix_seg = np.where(fix[seg_series] > 0, fix[seg_series], np.iinfo(np.int64).max)
        fixed = pos < fix_seg[seg]
        present = ~np.isnan(x)
        mean = _segment_mean(x, fixed & present, starts, seg)
        mr = np.empty(n, dtype=np.float64)
        mr[0] = np.nan
        mr[1:] = np.abs(x[1:] - x[:-1])
        mr[seg_start] = np.nan
        mr_use = fixed & ~np.isnan(mr)
        amr = _segment_mean(mr, mr_use, starts, seg)
        screen_seg = screen[seg_series]
        if screen_seg.any():
            with np.errstate(invalid="ignore"):
                kept = mr_use & (mr < (SCREEN * amr)[seg])
            screened = _segment_mean(mr, kept, starts, seg)
            amr = np.where(screen_seg, screened, amr)
    else:
        mean = amr = np.zeros(0, dtype=np.float64)
    seg_lower = mean - LIMIT * amr
    seg_upper = mean + LIMIT * amr
    seg_lower2 = mean - LIMIT_2SIGMA * amr
    seg_upper2 = mean + LIMIT_2SIGMA * amr
    centre = mean[seg]
    lower = seg_lower[seg]
    upper = seg_upper[seg]
    lower2 = seg_lower2[seg]
    upper2 = seg_upper2[seg]

    side = rules.side_of_mean(x, centre)
    with np.errstate(invalid="ignore"):
        outside = (x > upper) | (x < lower)
        close = ~outside & ((x < lower2) | (x > upper2))
    shift = rules.shift(side, seg_start)
    trend, trend_dir = rules.trend(x, seg_start)
    two = rules.two_of_three(close, side, seg_start)

    leading = np.select([outside, trend, two, shift], [1, 2, 3, 4], 0).astype(np.int8)
    above = np.where(side > 0, 1, -1)
    # "Above UCL" needs relative_to_mean == 1 exactly; everything else outside reads as below.
    towards = np.select(
        [leading == 1, leading == 2, leading >= 3],
        [np.where(side == 1, 1, -1), trend_dir, above],
        0,
    ).astype(np.int8)
    dir_point = dirs[series_of_point]
    oriented = towards * dir_point
    point_type = np.select(
        [leading == 0, dir_point == 0, oriented > 0],
        [0, np.where(towards > 0, 3, 4), 1],
        2,
    ).astype(np.int8)

    variation = np.full(n_series, -1, dtype=np.int8)
    assurance = np.full(n_series, -1, dtype=np.int8)
    last = off[1:][nonempty] - 1
    if last.size:
        pt = point_type[last]
        d = dirs[nonempty]
        variation[nonempty] = np.select(
            [pt == 0, pt == 1, pt == 2, pt == 3],
            [0, np.where(d == 1, 1, 2), np.where(d == 1, 4, 3), 5],
            6,
        )
        t = tgt[last]
        with np.errstate(invalid="ignore"):
            above_upper = t > upper[last]
            below_lower = t < lower[last]
        assured = np.select(
            [above_upper, below_lower],
            [np.where(d == 1, 1, 0), np.where(d == 1, 0, 1)],
            2,
        )
        assurance[nonempty] = np.where((d == 0) | np.isnan(t), -1, assured)
    short = np.bincount(seg_series, weights=seg_len < SHORT_GROUP, minlength=n_series) > 0
    first_seg_of_series = np.zeros(n_series, dtype=np.int64)
    if n:
        first_seg_of_series[nonempty] = seg[off[:-1][nonempty]]
    phase = seg - first_seg_of_series[series_of_point]

    return XmrArrays(
        offsets=off,
        centre=centre,
        lower=lower,
        upper=upper,
        lower_2sigma=lower2,
        upper_2sigma=upper2,
        phase=phase,
        outside_limits=outside,
        shift=shift,
        trend=trend,
        two_of_three=two,
        leading_rule=leading,
        point_type=point_type,
        variation_icon=variation,
        assurance_icon=assurance,
        short_group=short,
        segment_start=starts,
        segment_series=seg_series,
        segment_mean=mean,
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


# --- one series ------------------------------------------------------------------------------

_RULE_SETS: dict[int, frozenset[Rule]] = {}


def _rule_set(code: int) -> frozenset[Rule]:
    found = _RULE_SETS.get(code)
    if found is None:
        found = frozenset(
            r
            for bit, r in enumerate((Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT))
            if code >> bit & 1
        )
        _RULE_SETS[code] = found
    return found


def validate_xmr_options(options: Options, n_points: int) -> None:
    if options.fix_after is not None and options.fix_after < MIN_FIX_AFTER:
        raise ValueError(
            f"fix_after must be at least {MIN_FIX_AFTER} points (NHSRplotthedots' minimum), "
            f"got {options.fix_after}"
        )
    for i in options.rebase_at:
        if not 0 <= i < n_points:
            raise ValueError(f"rebase_at index {i} is outside the series (0..{n_points - 1})")
    if options.exclude:
        raise ValueError("exclude is a qicharts2 option; the xmr chart has no excluded points")
    if options.targets is not None and len(options.targets) != n_points:
        raise ValueError(f"targets needs one entry per point ({n_points}), got {len(options.targets)}")


def point_targets(options: Options, n_points: int) -> tuple[float | None, ...]:
    if options.targets is not None:
        return tuple(None if t is None or math.isnan(t) else float(t) for t in options.targets)
    t = options.target
    return (None if t is None or math.isnan(t) else float(t),) * n_points


def _as_float_array(values: Sequence[float | None]) -> FloatArray:
    return np.array(values, dtype=np.float64) if values else np.zeros(0, dtype=np.float64)


def result_from_arrays(arrays: XmrArrays, k: int, series: Series, options: Options) -> Result:
    """The public `Result` of series `k` of `arrays` (which must be `series` under `options`)."""
    lo, hi = int(arrays.offsets[k]), int(arrays.offsets[k + 1])
    n = hi - lo
    values = _as_float_array(series.values)
    targets = point_targets(options, n)
    centre = arrays.centre[lo:hi].tolist()
    lower = arrays.lower[lo:hi].tolist()
    upper = arrays.upper[lo:hi].tolist()
    lower2 = arrays.lower_2sigma[lo:hi].tolist()
    upper2 = arrays.upper_2sigma[lo:hi].tolist()
    phase = arrays.phase[lo:hi].tolist()
    rule_code = (
        arrays.outside_limits[lo:hi].astype(np.int8)
        | arrays.trend[lo:hi].astype(np.int8) << 1
        | arrays.two_of_three[lo:hi].astype(np.int8) << 2
        | arrays.shift[lo:hi].astype(np.int8) << 3
    ).tolist()
    point_type = arrays.point_type[lo:hi].tolist()
    vals = values.tolist()

    def opt(v: float) -> float | None:
        return None if v != v else v  # NaN is the only value not equal to itself

    points = tuple(
        Point(
            x=series.x[i],
            value=opt(vals[i]),
            centre=opt(centre[i]),
            lower=opt(lower[i]),
            upper=opt(upper[i]),
            lower_2sigma=opt(lower2[i]),
            upper_2sigma=opt(upper2[i]),
            phase=phase[i],
            rules=_rule_set(rule_code[i]),
            point_type=POINT_TYPES[point_type[i]],
            target=targets[i],
        )
        for i in range(n)
    )
    phases = _phases(arrays, k, series, values)
    v_code = int(arrays.variation_icon[k])
    a_code = int(arrays.assurance_icon[k])
    warnings = (SHORT_GROUP_WARNING,) if bool(arrays.short_group[k]) else ()
    return Result(
        chart=ChartType.XMR,
        options=options,
        points=points,
        phases=phases,
        variation_icon=VARIATION_ICONS[v_code] if v_code >= 0 else None,
        assurance_icon=ASSURANCE_ICONS[a_code] if a_code >= 0 else None,
        warnings=warnings,
    )


def _phases(arrays: XmrArrays, k: int, series: Series, values: FloatArray) -> tuple[Phase, ...]:
    from openqms.spc.anhoej import runs_analysis

    lo, hi = int(arrays.offsets[k]), int(arrays.offsets[k + 1])
    first, last = np.searchsorted(arrays.segment_series, [k, k + 1])
    starts = [*arrays.segment_start[first:last].tolist(), hi]
    phases = []
    for j in range(len(starts) - 1):
        a, b = starts[j] - lo, starts[j + 1] - lo
        mean = float(arrays.segment_mean[first + j])
        runs = runs_analysis(values[a:b], mean)
        phases.append(
            Phase(
                index=j,
                first_x=series.x[a],
                start=a,
                n=b - a,
                centre=None if math.isnan(mean) else mean,
                longest_run=runs.longest_run,
                longest_run_max=runs.longest_run_max,
                crossings=runs.crossings,
                crossings_min=runs.crossings_min,
                runs_signal=runs.runs_signal,
            )
        )
    return tuple(phases)


def phase_start_mask(rebase_at: Sequence[int], n_points: int) -> BoolArray:
    mask = np.zeros(n_points, dtype=np.bool_)
    if rebase_at:
        mask[np.asarray(rebase_at, dtype=np.int64)] = True
    return mask


def compute_xmr(series: Series, options: Options) -> Result:
    """The Making Data Count XmR chart of one series (NHSRplotthedots' rules)."""
    n = len(series.values)
    if len(series.x) != n:
        raise ValueError(f"series has {len(series.x)} x labels but {n} values")
    validate_xmr_options(options, n)
    values = _as_float_array(series.values)
    targets = point_targets(options, n)
    arrays = xmr_arrays(
        values,
        np.array([0, n], dtype=np.int64),
        phase_start=phase_start_mask(options.rebase_at, n) if options.rebase_at else None,
        direction=direction_code(options.direction),
        point_target=np.array([math.nan if t is None else t for t in targets], dtype=np.float64),
        fix_after=options.fix_after or 0,
        screen_outliers=options.screen_outliers,
    )
    return result_from_arrays(arrays, 0, series, options)
