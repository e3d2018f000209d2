"""One XmR series as the public `Result`: the batch engine's arrays turned into points and phases.

`compute_xmr` runs one series through the engine in `openqms.spc.xmr` and builds its `Result`
here; `compute_batch` builds each series' `Result` from one batch's arrays with the same code,
so a chart computed alone and the same chart computed in a batch are identical to the bit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from openqms.spc.anhoej import runs_analysis_of_list
from openqms.spc.types import ChartType, Options, Phase, Point, Result, Rule, Series
from openqms.spc.xmr import (
    ASSURANCE_ICONS,
    MIN_FIX_AFTER,
    POINT_TYPES,
    SHORT_GROUP_WARNING,
    VARIATION_ICONS,
    FloatArray,
    XmrArrays,
    _xmr_arrays,
    direction_code,
)

__all__ = ["compute_xmr", "point_targets", "result_from_arrays", "validate_xmr_options"]

_RULE_ORDER = (Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)
_RULE_SETS: tuple[frozenset[Rule], ...] = tuple(
    frozenset(r for bit, r in enumerate(_RULE_ORDER) if code >> bit & 1) for code in range(16)
)


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
    # numpy turns None into NaN when it converts to float
    return np.array(values, dtype=np.float64) if values else np.zeros(0, dtype=np.float64)


def _opt(v: float) -> float | None:
    return None if v != v else v  # NaN is the only value not equal to itself


def result_from_arrays(
    arrays: XmrArrays, k: int, series: Series, options: Options, values: FloatArray | None = None
) -> Result:
    """The public `Result` of series `k` of `arrays` (which must be `series` under `options`;
    `values` may pass its values as a float array already made)."""
    lo, hi = int(arrays.offsets[k]), int(arrays.offsets[k + 1])
    floats = (_as_float_array(series.values) if values is None else values).tolist()
    targets = point_targets(options, hi - lo)
    bits = arrays.rule_bits[lo:hi].tolist()
    types = arrays.point_type[lo:hi].tolist()
    first, stop = arrays.segment_series.searchsorted([k, k + 1]).tolist()
    bounds = [*(arrays.segment_start[first:stop] - lo).tolist(), hi - lo]
    lines = zip(
        arrays.segment_centre[first:stop].tolist(),
        arrays.segment_lower[first:stop].tolist(),
        arrays.segment_upper[first:stop].tolist(),
        arrays.segment_lower_2sigma[first:stop].tolist(),
        arrays.segment_upper_2sigma[first:stop].tolist(),
        strict=True,
    )
    xs = series.x
    points: list[Point] = []
    phases: list[Phase] = []
    for j, (centre, lower, upper, lower2, upper2) in enumerate(lines):
        a, b = bounds[j], bounds[j + 1]
        c = _opt(centre)
        lo_, up, lo2, up2 = _opt(lower), _opt(upper), _opt(lower2), _opt(upper2)
        points.extend(
            Point(x, _opt(v), c, lo_, up, lo2, up2, j, _RULE_SETS[r], POINT_TYPES[t], g)
            for x, v, r, t, g in zip(xs[a:b], floats[a:b], bits[a:b], types[a:b], targets[a:b], strict=True)
        )
        runs = runs_analysis_of_list(floats[a:b], centre)
        phases.append(
            Phase(
                index=j,
                first_x=xs[a],
                start=a,
                n=b - a,
                centre=c,
                longest_run=runs.longest_run,
                longest_run_max=runs.longest_run_max,
                crossings=runs.crossings,
                crossings_min=runs.crossings_min,
                runs_signal=runs.runs_signal,
            )
        )
    v_code, a_code = int(arrays.variation_icon[k]), int(arrays.assurance_icon[k])
    return Result(
        chart=ChartType.XMR,
        options=options,
        points=tuple(points),
        phases=tuple(phases),
        variation_icon=VARIATION_ICONS[v_code] if v_code >= 0 else None,
        assurance_icon=ASSURANCE_ICONS[a_code] if a_code >= 0 else None,
        warnings=(SHORT_GROUP_WARNING,) if arrays.short_group[k] else (),
    )


def compute_xmr(series: Series, options: Options) -> Result:
    """The Making Data Count XmR chart of one series (NHSRplotthedots' rules)."""
    n = len(series.values)
    if len(series.x) != n:
        raise ValueError(f"series has {len(series.x)} x labels but {n} values")
    validate_xmr_options(options, n)
    phase_start = None
    if options.rebase_at:
        phase_start = np.zeros(n, dtype=np.bool_)
        phase_start[list(options.rebase_at)] = True
    last_target = options.targets[-1] if options.targets else options.target
    values = _as_float_array(series.values)
    arrays = _xmr_arrays(
        values,
        np.array([0, n], dtype=np.int64),
        phase_start,
        np.array([direction_code(options.direction)], dtype=np.int8),
        np.array([options.fix_after or 0], dtype=np.int64),
        np.array([options.screen_outliers], dtype=np.bool_),
        np.array([math.nan if last_target is None or n == 0 else last_target], dtype=np.float64)[
            : 1 if n else 0
        ],
    )
    return result_from_arrays(arrays, 0, series, options, values)
