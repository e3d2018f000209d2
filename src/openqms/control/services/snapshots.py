"""SPC recomputation: each measure's stored snapshot, derived from its audited data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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
from openqms.control.spc_adapter import MeasureData, compute_measures, snapshot_fields
from openqms.spc import ChartType, Direction


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


RECOMPUTE_SLICE = 1000


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
    measured = [d for d in data if d.periods]
    snapshots = [
        SpcSnapshot(measure_id=d.measure_id, computed_at=now, **snapshot_fields(d, result))
        for d, result in zip(measured, compute_measures(measured), strict=True)
    ]
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
