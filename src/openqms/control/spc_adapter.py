"""The web application's adapter to the pure SPC engine: measures in, stored snapshots out.

The engine knows nothing of Django; this module turns a measure's observations, target history and
recalculation annotations into the engine's Series and Options, and a stored result back into the
engine's Result for drawing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from openqms.spc import (
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

    def times(value: float | None) -> float | None:
        return None if value is None else value * factor

    points = tuple(
        replace(
            p, value=times(p.value), centre=times(p.centre), lower=times(p.lower), upper=times(p.upper),
            lower_2sigma=times(p.lower_2sigma), upper_2sigma=times(p.upper_2sigma), target=times(p.target),
        )
        for p in result.points
    )  # fmt: skip
    return replace(
        result, points=points, phases=tuple(replace(ph, centre=times(ph.centre)) for ph in result.phases)
    )
