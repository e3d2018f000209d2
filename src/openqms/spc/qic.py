"""qicharts2 0.8.1's charts: run, i, mr, p, pp, u, up, c, g, t, xbar and s.

`compute_qic` reproduces ``qicharts2::qic(x, y, n, chart = ..., return.data = TRUE)`` with the
package attached (so moving ranges are screened unless ``Options.screen_outliers`` is False):

* parts (``Options.rebase_at``, 0-based indices where a part starts; qicharts2's ``part``) are
  computed independently. As in qicharts2, a freeze is ignored when parts are given.
* freeze (``Options.fix_after = N``): centre and limits come from the first N subgroups only.
* exclude (``Options.exclude``, 0-based): those subgroups take no part in the centre, the limits
  or the runs analysis, but are still drawn and still judged against the limits.
* missing values (None or NaN) are drawn as gaps; for p, pp, u and up a subgroup with a missing
  numerator or denominator is missing altogether and gets no limits.

How qicharts2's signals become OpenQMS rules and point types:

* ``Rule.OUTSIDE_LIMITS`` where qicharts2's ``sigma.signal`` is TRUE (strictly above the upper or
  below the lower 3-sigma limit);
* ``Rule.SHIFT`` on the points of a part whose ``runs.signal`` is TRUE (Anhøj's longest run or
  crossings test), limited to the points that took part in that test: present, not excluded and
  not on the centre line. The mr chart has no runs analysis (qicharts2 switches it off).
* ``Point.point_type`` is special cause when a point has a rule. A point outside the limits is high
  when above the upper limit; a shift point is high when above the centre. High is improvement
  for ``Direction.INCREASE``, concern for ``DECREASE`` and neutral high for ``NEITHER`` (low the
  other way round). mr and s charts chart spread, which has no better side, so their special causes
  are always neutral.
* ``Result.variation_icon`` is read from the last point as for XmR; ``Result.assurance_icon``
  compares the last point's target with its limits as for XmR (None for run, mr and s charts, for
  ``NEITHER``, with no target or no limits).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import numpy.typing as npt

from openqms.spc.anhoej import runs_analysis_by_phase
from openqms.spc.qic_limits import CHART_FUNCTIONS, Lines, Part, Subgroups, full
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
    XLabel,
)

__all__ = ["QIC_CHARTS", "compute_qic"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

QIC_CHARTS = frozenset(ChartType) - {ChartType.XMR}
_RATIO_CHARTS = frozenset({ChartType.P, ChartType.PP, ChartType.U, ChartType.UP})
_SUBGROUP_CHARTS = frozenset({ChartType.XBAR, ChartType.S})
_SPREAD_CHARTS = frozenset({ChartType.MR, ChartType.S})
_NO_ASSURANCE = frozenset({ChartType.RUN, ChartType.MR, ChartType.S})


def _floats(values: tuple[float | None, ...]) -> FloatArray:
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


# --- aggregation -------------------------------------------------------------------------------


def _single_subgroups(series: Series, chart: ChartType) -> Subgroups:
    y = _floats(series.values)
    size = y.size
    present = ~np.isnan(y)
    if chart in _RATIO_CHARTS:
        if series.denominators is None:
            raise ValueError(f"{chart} chart: denominators are needed")
        if len(series.denominators) != size:
            raise ValueError("denominators and values differ in length")
        n = _floats(series.denominators)
        # qicharts2 keeps complete cases only; an incomplete subgroup sums to NA over 0.
        missing = np.isnan(y) | np.isnan(n)
        y_sum = np.where(missing, math.nan, y)
        n = np.where(missing, 0.0, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(missing, math.nan, y_sum / n)
        return Subgroups(
            series.x, ratio, y_sum, n, (~missing).astype(np.float64), ratio, full(size, math.nan)
        )
    return Subgroups(
        series.x, y, y, full(size, math.nan), present.astype(np.float64), y, full(size, math.nan)
    )


def _subgroup_starts(x: tuple[XLabel, ...]) -> npt.NDArray[np.intp]:
    labels = np.empty(len(x), dtype=object)
    labels[:] = list(x)
    return np.flatnonzero(np.concatenate(([True], labels[1:] != labels[:-1])))


def _grouped_subgroups(series: Series) -> Subgroups:
    """Consecutive observations with equal x form one subgroup (xbar and s charts)."""
    obs = _floats(series.values)
    if obs.size == 0:
        empty = np.empty(0)
        return Subgroups((), empty, empty, empty, empty, empty, empty)
    starts = _subgroup_starts(series.x)
    present = ~np.isnan(obs)
    counts = np.add.reduceat(present.astype(np.float64), starts)
    wide = np.where(present, obs, 0.0).astype(np.longdouble)
    sums = np.add.reduceat(wide, starts)
    with np.errstate(divide="ignore", invalid="ignore"):
        means_wide = sums / counts
        group = np.repeat(np.arange(starts.size), np.diff(np.concatenate((starts, [obs.size]))))
        residual = np.where(present, wide - means_wide[group], 0.0)
        means_wide = means_wide + np.add.reduceat(residual, starts) / counts
        means = means_wide.astype(np.float64)
        # R's var(): squared deviations from the double mean in double, summed in long double.
        squares = np.where(present, (obs - means[group]) ** 2, 0.0).astype(np.longdouble)
        variances = (np.add.reduceat(squares, starts) / (counts - 1)).astype(np.float64)
    sd = np.where(counts > 1, np.sqrt(np.where(counts > 1, variances, 0.0)), math.nan)
    # R's sum(y, na.rm = length(y) > 1): a lone missing observation keeps its subgroup's sum NA.
    sizes = np.diff(np.concatenate((starts, [obs.size])))
    y_sum = np.where((sizes == 1) & (counts == 0), math.nan, sums.astype(np.float64))
    means = np.where(counts > 0, means, math.nan)
    x = tuple(series.x[i] for i in starts.tolist())
    return Subgroups(x, means, y_sum, full(starts.size, math.nan), counts, means, sd)


# --- points, phases and icons ------------------------------------------------------------------


def _optional(a: FloatArray) -> list[float | None]:
    """Floats for a JSON-minded caller: None where R gives NA, 0 where R's arithmetic gave -0."""
    finite = np.isfinite(a)
    values: list[float] = np.where(finite, a + 0.0, 0.0).tolist()
    return [v if f else None for v, f in zip(values, finite.tolist(), strict=True)]


def _finite_or_none(v: float) -> float | None:
    return v + 0.0 if math.isfinite(v) else None  # + 0.0 turns R's -0 into 0


def _targets(options: Options, sub: Subgroups, series: Series) -> list[float | None]:
    size = sub.y.size
    if options.targets is None:
        return [options.target] * size
    if len(options.targets) == size:
        return list(options.targets)
    if len(options.targets) == len(series.values) and len(series.values) != size:
        # One target per observation of an xbar or s chart: take each subgroup's first.
        return [options.targets[i] for i in _subgroup_starts(series.x).tolist()]
    raise ValueError(f"targets: {len(options.targets)} given for {size} subgroups")


def _special_types(chart: ChartType, direction: Direction, high: BoolArray) -> list[PointType]:
    if chart in _SPREAD_CHARTS or direction == Direction.NEITHER:
        return [PointType.NEUTRAL_HIGH if h else PointType.NEUTRAL_LOW for h in high.tolist()]
    good_high = direction == Direction.INCREASE
    return [PointType.IMPROVEMENT if h == good_high else PointType.CONCERN for h in high.tolist()]


_ICON_OF_TYPE = {
    (PointType.IMPROVEMENT, True): VariationIcon.IMPROVEMENT_HIGH,
    (PointType.IMPROVEMENT, False): VariationIcon.IMPROVEMENT_LOW,
    (PointType.CONCERN, True): VariationIcon.CONCERN_HIGH,
    (PointType.CONCERN, False): VariationIcon.CONCERN_LOW,
    (PointType.NEUTRAL_HIGH, True): VariationIcon.NEUTRAL_HIGH,
    (PointType.NEUTRAL_LOW, False): VariationIcon.NEUTRAL_LOW,
}


def _variation_icon(last: Point, high: bool) -> VariationIcon:
    if last.point_type == PointType.COMMON_CAUSE:
        return VariationIcon.COMMON_CAUSE
    return _ICON_OF_TYPE[(last.point_type, high)]


def _assurance_icon(chart: ChartType, direction: Direction, last: Point) -> AssuranceIcon | None:
    if chart in _NO_ASSURANCE or direction == Direction.NEITHER:
        return None
    if last.target is None or last.lower is None or last.upper is None:
        return None
    increase = direction == Direction.INCREASE
    if last.target > last.upper:
        return AssuranceIcon.CONSISTENT_FAIL if increase else AssuranceIcon.CONSISTENT_PASS
    if last.target < last.lower:
        return AssuranceIcon.CONSISTENT_PASS if increase else AssuranceIcon.CONSISTENT_FAIL
    return AssuranceIcon.INCONSISTENT


def _part_starts(rebase_at: tuple[int, ...], size: int) -> list[int]:
    return sorted({0, *(int(i) for i in rebase_at if 0 <= int(i) < size)}) if size else []


def compute_qic(series: Series, options: Options) -> Result:
    """Compute a qicharts2 chart (every chart type but xmr) for one series.

    For p, pp, u and up charts ``series.values`` are the numerators and ``series.denominators``
    the subgroup sizes; for xbar and s charts consecutive observations sharing an x form one
    subgroup and there is one point per subgroup; otherwise each value is one point.
    Raises ValueError for input qicharts2 refuses (a t chart with a time <= 0, missing
    denominators) or that does not fit together (lengths that differ).
    """
    chart = ChartType(options.chart)
    if chart not in QIC_CHARTS:
        raise ValueError(f"compute_qic does not draw {chart} charts")
    if len(series.x) != len(series.values):
        raise ValueError("x and values differ in length")
    warnings: list[str] = []
    sub = _grouped_subgroups(series) if chart in _SUBGROUP_CHARTS else _single_subgroups(series, chart)
    size = sub.y.size
    index = np.arange(size)

    freeze = options.fix_after
    if freeze is not None and options.rebase_at:
        warnings.append("fix_after is ignored with rebase_at (qicharts2 ignores freeze when given part)")
        freeze = None
    base = index < freeze if freeze is not None else np.ones(size, dtype=bool)
    include = ~np.isin(index, np.asarray(options.exclude, dtype=np.int64))
    base = base & include

    starts = _part_starts(options.rebase_at, size)
    bounds = [*starts, size]
    fn = CHART_FUNCTIONS[chart]
    pieces: list[Lines] = []
    for lo, hi in itertools.pairwise(bounds):
        with np.errstate(divide="ignore", invalid="ignore"):
            lines = fn(Part(sub.sliced(lo, hi), base[lo:hi], include[lo:hi], options.screen_outliers))
        pieces.append(lines)

    def joined(name: str) -> FloatArray:
        if not pieces:
            return np.empty(0)
        return np.concatenate([getattr(p, name) for p in pieces]).astype(np.float64)

    y, cl = joined("y"), joined("cl")
    lcl, ucl, lcl95, ucl95 = (joined(k) for k in ("lcl", "ucl", "lcl95", "ucl95"))
    for limit in (lcl, ucl, lcl95, ucl95):
        limit[~np.isfinite(limit)] = math.nan
    with np.errstate(invalid="ignore"):
        above = y > ucl
        below = y < lcl
        sigma_signal = above | below
        side = np.sign(y - cl)

    part_of = np.repeat(np.arange(len(starts)), np.diff(bounds)) if size else np.empty(0, dtype=np.int64)
    analyses = runs_analysis_by_phase(y, cl, part_of, include=include, n_phases=len(starts))
    runs_on = chart != ChartType.MR
    part_signal = np.array([a.runs_signal and runs_on for a in analyses], dtype=bool)
    shift = part_signal[part_of] & include & (side != 0) & ~np.isnan(side) if size else np.zeros(0, bool)
    special = sigma_signal | shift
    high = np.where(sigma_signal, above, side > 0)
    special_types = _special_types(chart, options.direction, high)
    targets = _targets(options, sub, series)
    # qicharts2 judges a t chart's y after the round trip through y ** (1 / 3.6), which can move it
    # in the last bit; the signals follow it, but the value shown is the one given.
    shown = sub.y if chart is ChartType.T else y

    rule_sets: tuple[frozenset[Rule], ...] = (
        frozenset(),
        frozenset({Rule.OUTSIDE_LIMITS}),
        frozenset({Rule.SHIFT}),
        frozenset({Rule.OUTSIDE_LIMITS, Rule.SHIFT}),
    )
    rule_codes = (sigma_signal.astype(np.int8) + 2 * shift.astype(np.int8)).tolist()
    kinds = [t if s else PointType.COMMON_CAUSE for t, s in zip(special_types, special.tolist(), strict=True)]
    columns = zip(
        sub.x,
        _optional(shown),
        _optional(cl),
        _optional(lcl),
        _optional(ucl),
        _optional(lcl95),
        _optional(ucl95),
        part_of.tolist(),
        rule_codes,
        kinds,
        targets,
        strict=True,
    )
    points = tuple(
        Point(
            x=x,
            value=value,
            centre=centre,
            lower=lower,
            upper=upper,
            lower_2sigma=lower95,
            upper_2sigma=upper95,
            phase=phase,
            rules=rule_sets[code],
            point_type=kind,
            target=target,
        )
        for x, value, centre, lower, upper, lower95, upper95, phase, code, kind, target in columns
    )
    phases = tuple(
        Phase(
            index=k,
            first_x=sub.x[lo],
            start=lo,
            n=hi - lo,
            centre=_finite_or_none(float(cl[lo])),
            longest_run=a.longest_run if runs_on else None,
            longest_run_max=a.longest_run_max if runs_on else None,
            crossings=a.crossings if runs_on else None,
            crossings_min=a.crossings_min if runs_on else None,
            runs_signal=bool(part_signal[k]),
        )
        for k, (lo, hi, a) in enumerate(zip(bounds[:-1], bounds[1:], analyses, strict=True))
    )
    variation = _variation_icon(points[-1], bool(high[-1])) if points else None
    assurance = _assurance_icon(chart, options.direction, points[-1]) if points else None
    return Result(
        chart=chart,
        options=options,
        points=points,
        phases=phases,
        variation_icon=variation,
        assurance_icon=assurance,
        warnings=tuple(warnings),
    )
