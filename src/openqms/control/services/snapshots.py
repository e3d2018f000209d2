"""SPC recomputation: each measure's stored snapshot, derived from its audited data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, Value
from django.utils import timezone

from openqms.control.models import (
    Annotation,
    AnnotationKind,
    DataShape,
    Measure,
    Observation,
    SpcSnapshot,
    TargetChange,
)
from openqms.control.spc_adapter import COUNT_CHARTS, MeasureData, scaled_result, to_engine
from openqms.spc import ChartType, Direction, Result, compute, compute_batch, result_to_dict
from openqms.spc.render import render_sparkline


def load_measure_data(measure_ids: Iterable[int]) -> list[MeasureData]:
    """Everything the engine needs for these measures, in a constant number of queries per chunk."""
    ids = list(measure_ids)
    result: list[MeasureData] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        measures = Measure.objects.filter(pk__in=chunk).select_related("definition")
        observations: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for row in (
            Observation.objects.filter(measure_id__in=chunk)
            .order_by("measure_id", "period_start")
            .values_list("measure_id", "period_start", "value", "numerator", "denominator")
        ):
            observations[row[0]].append(row[1:])
        targets: dict[int, list[tuple[dt.date, float | None]]] = defaultdict(list)
        for measure_id, day, target in (
            TargetChange.objects.filter(measure_id__in=chunk)
            .order_by("measure_id", "effective_from")
            .values_list("measure_id", "effective_from", "target")
        ):
            targets[measure_id].append((day, target))
        recalcs: dict[int, list[dt.date]] = defaultdict(list)
        for measure_id, day in Annotation.objects.filter(
            measure_id__in=chunk, kind=AnnotationKind.RECALCULATION, archived_at__isnull=True
        ).values_list("measure_id", "on"):
            recalcs[measure_id].append(day)
        for measure in measures:
            definition = measure.definition
            rows = observations.get(measure.pk, [])
            result.append(
                MeasureData(
                    measure_id=measure.pk,
                    chart=ChartType(definition.chart_type),
                    direction=Direction(definition.direction),
                    ratio=definition.data_shape == DataShape.RATIO,
                    multiplier=definition.multiplier,
                    periods=[r[0] for r in rows],
                    values=[r[1] for r in rows],
                    numerators=[r[2] for r in rows],
                    denominators=[r[3] for r in rows],
                    targets=targets.get(measure.pk, []),
                    recalculate_from=sorted(recalcs.get(measure.pk, [])),
                )
            )
    return result


def _scaled(result_dict: dict[str, Any], factor: float) -> dict[str, Any]:
    """p and u charts compute proportions and rates; show them per 100, per 1,000 … as defined."""
    if factor == 1.0:
        return result_dict
    for point in result_dict["points"]:
        for key in ("value", "centre", "lower", "upper", "lower_2sigma", "upper_2sigma", "target"):
            if point.get(key) is not None:
                point[key] *= factor
    for phase in result_dict["phases"]:
        if phase.get("centre") is not None:
            phase["centre"] *= factor
    return result_dict


def _concern_since(result_dict: dict[str, Any]) -> dt.date | None:
    """The start of the run of concern points that reaches the latest point, if the latest is one."""
    since = None
    for point in reversed(result_dict["points"]):
        if point["point_type"] != "special_cause_concern":
            break
        since = point["x"]
    return dt.date.fromisoformat(since) if isinstance(since, str) else None


RECOMPUTE_SLICE = 1000
# A board's sparkline is 160 pixels wide: the recent periods are all it can show, and drawing
# three years of daily points would cost a hundred times more for the same picture.
SPARKLINE_POINTS = 60


def _sparkline(result: Result, factor: float) -> str:
    recent = replace(result, points=result.points[-SPARKLINE_POINTS:])
    return render_sparkline(scaled_result(recent, factor), title="Recent values", width=160, height=40)


def recompute(
    *, measure_ids: Sequence[int], progress: Callable[[str, int, int | None], None] | None = None
) -> int:
    """Recompute and store the SPC snapshot of each measure; measures with no data lose theirs.

    XmR measures go through the engine's batch path together; other charts one by one. Snapshots
    are derived from audited data and are not themselves audited. Thousands of measures are done
    a slice at a time, so memory stays flat and `progress` can say how far it has got.
    """
    ids = list(measure_ids)
    done = 0
    for start in range(0, len(ids), RECOMPUTE_SLICE):
        done += _recompute_slice(ids[start : start + RECOMPUTE_SLICE])
        if progress is not None:
            progress("recomputing", min(start + RECOMPUTE_SLICE, len(ids)), len(ids))
    return done


def _recompute_slice(measure_ids: Sequence[int]) -> int:
    data = load_measure_data(measure_ids)
    now = timezone.now()
    engine_inputs = [(d, *to_engine(d)) for d in data if d.periods]
    xmr = [item for item in engine_inputs if item[2].chart == ChartType.XMR]
    other = [item for item in engine_inputs if item[2].chart != ChartType.XMR]
    results = list(
        zip([i[0] for i in xmr], compute_batch([i[1] for i in xmr], [i[2] for i in xmr]), strict=True)
    )
    for d, series, options in other:
        try:
            results.append((d, compute(series, options)))
        except ValueError:
            # Too few points for this chart yet (a g chart needs events): show the data as a run chart.
            results.append(
                (d, compute(series, type(options)(chart=ChartType.RUN, direction=options.direction)))
            )
    snapshots = []
    for d, result in results:
        as_dict = _scaled(result_to_dict(result), d.multiplier if result.chart in COUNT_CHARTS else 1.0)
        last = as_dict["points"][-1]
        snapshots.append(
            SpcSnapshot(
                measure_id=d.measure_id,
                computed_at=now,
                chart_type=result.chart.value,
                n_points=len(as_dict["points"]),
                last_period=d.periods[-1],
                last_value=last["value"],
                last_point_type=last["point_type"],
                variation_icon=as_dict["variation_icon"] or "",
                assurance_icon=as_dict["assurance_icon"] or "",
                concern_since=_concern_since(as_dict),
                result_json=json.dumps(as_dict, separators=(",", ":")),
                sparkline_svg=_sparkline(result, d.multiplier if result.chart in COUNT_CHARTS else 1.0),
            )
        )
    empty = [d.measure_id for d in data if not d.periods]
    SpcSnapshot.objects.filter(measure_id__in=empty).delete()
    if connection.vendor == "postgresql":
        # Django sends a multi-row insert on PostgreSQL as arrays (UNNEST), and psycopg escapes
        # every quote of every JSON and SVG text in an array literal in Python: half a minute for
        # 5,000 snapshots. An expression in the rows makes Django use plain VALUES, which libpq
        # escapes in C.
        stamp = Value(now, output_field=DateTimeField())
        for snapshot_row in snapshots:
            snapshot_row.computed_at = stamp
    fields = [f.name for f in SpcSnapshot._meta.concrete_fields if f.name != "measure"]
    SpcSnapshot.objects.bulk_create(
        snapshots, batch_size=500, update_conflicts=True, unique_fields=["measure"], update_fields=fields
    )
    return len(snapshots)
