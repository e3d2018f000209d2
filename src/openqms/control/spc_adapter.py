"""The web application's adapter to the pure SPC engine: measures in, stored snapshots out.

The engine knows nothing of Django; this module turns a measure's observations, target history and
recalculation annotations into the engine's Series and Options, computes the charts of many
measures at once (`compute_measures`), turns each result into the fields of its stored snapshot
(`snapshot_fields`), and a stored result back into the engine's Result for drawing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from openqms.spc import (
    POINT_TYPES,
    AssuranceIcon,
    ChartType,
    Direction,
    Options,
    Phase,
    Point,
    PointColumns,
    PointType,
    Result,
    Rule,
    Series,
    VariationIcon,
    compute,
    compute_batch,
    result_to_dict,
)
from openqms.spc.render import render_sparkline

# Charts that take numerators and denominators themselves; every other chart takes one value.
COUNT_CHARTS = {ChartType.P, ChartType.PP, ChartType.U, ChartType.UP}


@dataclass(frozen=True)
class MeasureData:
    """Everything the engine needs about one measure, read in bulk by the caller."""

    measure_id: int
    chart: ChartType
    direction: Direction
    ratio: bool
    multiplier: float
    periods: Sequence[dt.date]
    values: Sequence[float | None]
    numerators: Sequence[float | None]
    denominators: Sequence[float | None]
    targets: Sequence[tuple[dt.date, float | None]]  # (effective from, target), in date order
    recalculate_from: Sequence[dt.date]


def _target_on(targets: Sequence[tuple[dt.date, float | None]], day: dt.date) -> float | None:
    current = None
    for start, target in targets:
        if start <= day:
            current = target
        else:
            break
    return current


def plotted_values(data: MeasureData) -> list[float | None]:
    """The value plotted per period: the value itself, or numerator / denominator × multiplier."""
    if not data.ratio:
        return list(data.values)
    out: list[float | None] = []
    for num, den in zip(data.numerators, data.denominators, strict=True):
        out.append(None if num is None or not den else num / den * data.multiplier)
    return out


def to_engine(data: MeasureData) -> tuple[Series, Options]:
    chart = data.chart
    if chart in COUNT_CHARTS and not data.ratio:
        chart = ChartType.XMR  # a p or u chart needs denominators; fall back to Making Data Count's XmR
    if chart in COUNT_CHARTS:
        series = Series(
            x=tuple(data.periods), values=tuple(data.numerators), denominators=tuple(data.denominators)
        )
    else:
        series = Series(x=tuple(data.periods), values=tuple(plotted_values(data)))
    scale = data.multiplier if chart in COUNT_CHARTS else 1.0
    targets = tuple(
        None if (t := _target_on(data.targets, day)) is None else t / scale for day in data.periods
    )
    # A recalculation starts a new phase at the first period on or after its date.
    rebase = sorted(
        {i for day in data.recalculate_from if (i := bisect.bisect_left(list(data.periods), day)) > 0}
        - {len(data.periods)}
    )
    options = Options(
        chart=chart,
        direction=data.direction,
        targets=targets if any(t is not None for t in targets) else None,
        rebase_at=tuple(rebase),
    )
    return series, options


def _num(value: Any) -> float | None:
    if value is None:
        return None
    f = float(value)
    return None if math.isnan(f) else f


def result_from_dict(data: dict[str, Any]) -> Result:
    """Rebuild the engine's Result from its stored JSON form, to draw it."""
    opts = data.get("options", {})
    options = Options(
        chart=ChartType(data["chart"]),
        direction=Direction(opts.get("direction", "increase")),
        rebase_at=tuple(opts.get("rebase_at", ())),
    )
    points = tuple(
        Point(
            x=dt.date.fromisoformat(p["x"]) if isinstance(p["x"], str) and len(p["x"]) == 10 else p["x"],
            value=_num(p["value"]),
            centre=_num(p["centre"]),
            lower=_num(p["lower"]),
            upper=_num(p["upper"]),
            lower_2sigma=_num(p["lower_2sigma"]),
            upper_2sigma=_num(p["upper_2sigma"]),
            phase=p["phase"],
            rules=frozenset(Rule(r) for r in p["rules"]),
            point_type=PointType(p["point_type"]),
            target=_num(p.get("target")),
        )
        for p in data["points"]
    )
    phases = tuple(
        Phase(
            index=i,
            first_x=ph["x"],
            start=ph["start"],
            n=ph["n"],
            centre=_num(ph.get("centre")),
            longest_run=ph.get("longest_run"),
            longest_run_max=ph.get("longest_run_max"),
            crossings=ph.get("crossings"),
            crossings_min=ph.get("crossings_min"),
            runs_signal=bool(ph.get("runs_signal")),
        )
        for i, ph in enumerate(data.get("phases", []))
    )
    variation = data.get("variation_icon")
    assurance = data.get("assurance_icon")
    return Result(
        chart=options.chart,
        options=options,
        points=points,
        phases=phases,
        variation_icon=VariationIcon(variation) if variation else None,
        assurance_icon=AssuranceIcon(assurance) if assurance else None,
        warnings=tuple(data.get("warnings", ())),
    )


def scaled_result(result: Result, factor: float) -> Result:
    """p and u charts compute proportions and rates; show them per 100 or per 1,000 as defined."""
    if factor == 1.0:
        return result
    points = PointColumns.of(result.points)
    t = points.arrays()
    scaled = t._replace(
        value=t.value * factor, centre=t.centre * factor, lower=t.lower * factor, upper=t.upper * factor,
        lower_2sigma=t.lower_2sigma * factor, upper_2sigma=t.upper_2sigma * factor, target=t.target * factor,
    )  # fmt: skip
    phases = tuple(
        replace(ph, centre=None if ph.centre is None else ph.centre * factor) for ph in result.phases
    )
    return replace(result, points=PointColumns(points.x, scaled), phases=phases)


def as_shown(data: MeasureData, result: Result) -> Result:
    """The result as pages show it: a p or u chart's proportions and rates times the multiplier."""
    return scaled_result(result, data.multiplier if result.chart in COUNT_CHARTS else 1.0)


def chart_or_run_chart(series: Series, options: Options) -> Result:
    """The chart asked for or, when it cannot be drawn yet (a g chart needs events), the data as a
    run chart."""
    try:
        return compute(series, options)
    except ValueError:
        return compute(series, Options(chart=ChartType.RUN, direction=options.direction))


def compute_measures(measures: Sequence[MeasureData]) -> list[Result]:
    """The chart of each measure, in order, as the engine computes it (not yet `as_shown`).

    The XmR measures go through the engine's batch path together, so their points stay columns
    over the batch's arrays; `to_engine` gives them options the XmR chart always takes. Every
    other chart is computed on its own, with `chart_or_run_chart`.
    """
    inputs = [to_engine(d) for d in measures]
    xmr = [k for k, (_, options) in enumerate(inputs) if options.chart is ChartType.XMR]
    results: dict[int, Result] = dict(
        zip(xmr, compute_batch([inputs[k][0] for k in xmr], [inputs[k][1] for k in xmr]), strict=True)
    )
    return [results[k] if k in results else chart_or_run_chart(*inputs[k]) for k in range(len(inputs))]


# A board's sparkline is 160 pixels wide: the recent periods are all it can show, and drawing
# three years of daily points would cost a hundred times more for the same picture.
SPARKLINE_POINTS = 60
_CONCERN = POINT_TYPES.index(PointType.CONCERN)


class SnapshotFields(TypedDict):
    """The fields of a measure's `SpcSnapshot` that come from its chart."""

    chart_type: str
    n_points: int
    last_period: dt.date
    last_value: float | None
    last_point_type: str
    variation_icon: str
    assurance_icon: str
    concern_since: dt.date | None
    result_json: str
    sparkline_svg: str


def snapshot_fields(data: MeasureData, result: Result) -> SnapshotFields:
    """The snapshot of a measure with data, read from its result's columns (an XmR result's
    `Point`s are built for the sparkline's recent points only). `result_json` is `result_to_dict`
    of the result as shown, the format the pages read back with `result_from_dict`."""
    shown = as_shown(data, result)
    points = PointColumns.of(shown.points)
    columns = points.arrays()
    types = columns.point_type.tolist()
    last_value = float(columns.value[-1])
    # Sliced as the result holds its points: a qicharts2 chart's Points exist already.
    recent = replace(shown, points=shown.points[-SPARKLINE_POINTS:])
    return SnapshotFields(
        chart_type=result.chart.value,
        n_points=len(points),
        last_period=data.periods[-1],
        last_value=None if math.isnan(last_value) else last_value,
        last_point_type=POINT_TYPES[types[-1]].value,
        variation_icon=shown.variation_icon.value if shown.variation_icon else "",
        assurance_icon=shown.assurance_icon.value if shown.assurance_icon else "",
        concern_since=_concern_since(points.x, types),
        result_json=json.dumps(result_to_dict(shown), separators=(",", ":")),
        sparkline_svg=render_sparkline(recent, title="Recent values", width=160, height=40),
    )


def _concern_since(x: Sequence[Any], types: list[int]) -> dt.date | None:
    """The start of the run of concern points that reaches the latest point, if the latest is one."""
    since = None
    for label, code in zip(reversed(x), reversed(types), strict=True):
        if code != _CONCERN:
            break
        since = label
    return since if isinstance(since, dt.date) else None
