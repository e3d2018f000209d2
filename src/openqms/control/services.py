"""Writes to quality control: measures, their data, targets and annotations, and SPC recomputation.

Every write runs in one transaction with its audit entry. A measure's data are audited per measure
and per change: the entry for a measure lists every period whose value changed, before and after
(see docs/adr/0008-audit-measure-data-per-series.md), so a million-row import stays fast and its
history stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import DateTimeField, Value
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, diff, record, record_many, snapshot
from openqms.organisations.models import Unit
from openqms.spc import ChartType, Direction

from .models import (
    Annotation,
    AnnotationKind,
    DataShape,
    Measure,
    MeasureDefinition,
    Observation,
    SpcSnapshot,
    TargetChange,
)
from .services_huddles import propose_escalations
from .spc_adapter import MeasureData, compute_measures, snapshot_fields

DEFINITION_FIELDS = (
    "organisation", "code", "name", "definition", "unit_of_measurement", "measure_type", "quality_domain",
    "direction", "frequency", "chart_type", "data_shape", "multiplier", "rollup", "default_target",
    "owner_unit", "owner_person", "data_source", "shared_with_service_users", "archived_at",
)  # fmt: skip
MEASURE_FIELDS = ("definition", "unit", "shared_with_service_users", "archived_at")


@transaction.atomic
def create_definition(*, actor: Any, owner_unit: Unit, **fields: Any) -> MeasureDefinition:
    definition = MeasureDefinition(
        organisation_id=owner_unit.organisation_id, owner_unit=owner_unit, **fields
    )
    definition.code = definition.code.strip().upper()
    if MeasureDefinition.objects.filter(
        organisation_id=owner_unit.organisation_id, code=definition.code
    ).exists():
        raise ValidationError(
            {"code": f"Another measure in this organisation already has the code {definition.code}."}
        )
    definition.full_clean()
    definition.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=definition,
        changes=created(snapshot(definition, DEFINITION_FIELDS)),
        unit_id=owner_unit.pk,
    )
    return definition


@transaction.atomic
def update_definition(
    *, actor: Any, definition: MeasureDefinition, changes: dict[str, Any] | None = None, **fields: Any
) -> MeasureDefinition:
    """`changes` carries what cannot be a keyword here: the model's own field called `definition`."""
    before = snapshot(definition, DEFINITION_FIELDS)
    for name, value in {**(changes or {}), **fields}.items():
        if name not in DEFINITION_FIELDS or name in ("organisation", "code"):
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(definition, name, value)
    definition.full_clean()
    definition.save()
    changes = diff(before, snapshot(definition, DEFINITION_FIELDS))
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=definition,
            changes=changes,
            unit_id=definition.owner_unit_id,
        )
        recompute(measure_ids=list(definition.measures.values_list("pk", flat=True)))
    return definition


@transaction.atomic
def add_measure(
    *, actor: Any, definition: MeasureDefinition, unit: Unit, shared_with_service_users: bool | None = None
) -> Measure:
    """The definition, reported from now on by this unit."""
    if unit.organisation_id != definition.organisation_id:
        raise ValidationError({"unit": "The unit belongs to another organisation than the measure."})
    if Measure.objects.filter(definition=definition, unit=unit).exists():
        raise ValidationError({"unit": f"{unit} already reports {definition}."})
    shared = (
        definition.shared_with_service_users
        if shared_with_service_users is None
        else shared_with_service_users
    )
    measure = Measure.objects.create(definition=definition, unit=unit, shared_with_service_users=shared)
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=measure,
        changes=created(snapshot(measure, MEASURE_FIELDS)),
        unit_id=unit.pk,
    )
    if definition.default_target is not None:
        TargetChange.objects.create(
            measure=measure, effective_from=dt.date(1900, 1, 1), target=definition.default_target
        )
    return measure


@transaction.atomic
def set_target(
    *, actor: Any, measure: Measure, effective_from: dt.date, target: float | None, reason: str = ""
) -> TargetChange:
    """A new target from a date; a change on an existing date replaces that change."""
    existing = TargetChange.objects.filter(measure=measure, effective_from=effective_from).first()
    old = existing.target if existing else None
    change, _ = TargetChange.objects.update_or_create(
        measure=measure, effective_from=effective_from, defaults={"target": target, "reason": reason}
    )
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=measure,
        changes={f"target from {effective_from.isoformat()}": [old, target]},
        unit_id=measure.unit_id,
    )
    recompute(measure_ids=[measure.pk])
    return change


@transaction.atomic
def add_annotation(
    *, actor: Any, measure: Measure, on: dt.date, kind: str, label: str, reason: str = ""
) -> Annotation:
    if kind == AnnotationKind.RECALCULATION and not reason.strip():
        raise ValidationError({"reason": "Say why the limits should be recalculated from this date."})
    annotation = Annotation(
        measure=measure, on=on, kind=kind, label=label.strip(), reason=reason.strip(), created_by=actor
    )
    annotation.full_clean()
    annotation.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=measure,
        changes={f"annotation {on.isoformat()}": [None, f"{annotation.get_kind_display()}: {label}"]},
        unit_id=measure.unit_id,
    )
    recompute(measure_ids=[measure.pk])
    return annotation


@transaction.atomic
def archive_annotation(*, actor: Any, annotation: Annotation) -> Annotation:
    annotation.archived_at = timezone.now()
    annotation.save(update_fields=["archived_at"])
    record(
        actor=actor,
        action=AuditEntry.Action.ARCHIVE,
        target=annotation.measure,
        changes={f"annotation {annotation.on.isoformat()}": [annotation.label, None]},
        unit_id=annotation.measure.unit_id,
    )
    recompute(measure_ids=[annotation.measure_id])
    return annotation


@dataclass(frozen=True)
class DataPoint:
    """One period's data for one measure, already validated."""

    measure_id: int
    period_start: dt.date
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class DataSummary:
    created: int
    updated: int
    unchanged: int
    measures: int


def _fields(point: DataPoint | Observation) -> tuple[float | None, float | None, float | None]:
    return (point.value, point.numerator, point.denominator)


def _label(fields: tuple[float | None, float | None, float | None]) -> Any:
    value, numerator, denominator = fields
    if numerator is None and denominator is None:
        return value
    return f"{numerator:g}/{denominator:g}" if numerator is not None and denominator is not None else None


@transaction.atomic
def save_data(
    *,
    actor: Any,
    points: Sequence[DataPoint],
    source: str = "",
    batch_size: int = 5000,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> DataSummary:
    """Create or correct observations; unchanged ones are left alone; SPC recomputed once at the end.

    Callers validate first (a failed import writes nothing): this only guards the invariants.
    `progress(stage, done, total)` is told how far saving and recomputing have gone.
    """
    by_measure: dict[int, dict[dt.date, DataPoint]] = defaultdict(dict)
    for point in points:
        if point.period_start in by_measure[point.measure_id]:
            raise ValidationError(
                f"Two values for measure {point.measure_id} in the period {point.period_start}."
            )
        by_measure[point.measure_id][point.period_start] = point
    ids = list(by_measure)
    measures: dict[int, Measure] = {}
    # Plain tuples, not model instances: a million-row re-import compares a million old values.
    existing: dict[tuple[int, dt.date], tuple[int, float | None, float | None, float | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        # The names are read here because the audit entry's text names the measure and its unit.
        for measure in Measure.objects.filter(pk__in=chunk).select_related("definition", "unit"):
            measures[measure.pk] = measure
        for pk, measure_id, period, value, numerator, denominator in Observation.objects.filter(
            measure_id__in=chunk
        ).values_list("pk", "measure_id", "period_start", "value", "numerator", "denominator"):
            existing[(measure_id, period)] = (pk, value, numerator, denominator)
    now = timezone.now()
    to_create: list[tuple[int, dt.date, float | None, float | None, float | None]] = []
    to_update: list[Observation] = []
    audit: list[Change] = []
    unchanged = 0
    for measure_id, periods in by_measure.items():
        changes: dict[str, list[Any]] = {}
        for period, point in sorted(periods.items()):
            new = _fields(point)
            old = existing.get((measure_id, period))
            if old is None:
                to_create.append((measure_id, period, *new))
                changes[period.isoformat()] = [None, _label(new)]
            elif old[1:] != new:
                changes[period.isoformat()] = [_label(old[1:]), _label(new)]
                to_update.append(
                    Observation(
                        pk=old[0], measure_id=measure_id, period_start=period, value=point.value,
                        numerator=point.numerator, denominator=point.denominator, updated_at=now,
                    )
                )
            else:
                unchanged += 1
        if changes:
            measure = measures[measure_id]
            action = AuditEntry.Action.IMPORT if source else AuditEntry.Action.UPDATE
            if source:
                changes["source"] = [None, source]
            audit.append(Change(action, measure, changes, measure.unit_id))
    total = len(to_create) + len(to_update)
    for start in range(0, len(to_create), batch_size):
        _insert_observations(to_create[start : start + batch_size], now)
        if progress is not None:
            progress("saving", min(start + batch_size, len(to_create)), total)
    # bulk_update writes one CASE per field per batch; only corrected rows come here.
    Observation.objects.bulk_update(
        to_update, ["value", "numerator", "denominator", "updated_at"], batch_size=500
    )
    if progress is not None:
        progress("saving", total, total)
    record_many(actor=actor, changes=audit)
    touched = [c.target.pk for c in audit]
    if touched:
        recompute(measure_ids=touched, progress=progress)
        propose_escalations(measure_ids=touched)
    return DataSummary(len(to_create), len(to_update), unchanged, len(touched))


def _insert_observations(
    rows: Sequence[tuple[int, dt.date, float | None, float | None, float | None]], now: dt.datetime
) -> None:
    """Insert new observations straight from tuples.

    A million-row import spends most of bulk_create's time building model instances and preparing
    each value through its field; these five plain columns need neither. PostgreSQL takes them by
    COPY, the fastest way in.
    """
    if not rows:
        return
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = ("measure_id", "period_start", "value", "numerator", "denominator", "updated_at")
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, now))
        else:
            stamp = connection.ops.adapt_datetimefield_value(now)
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",  # noqa: S608 (names from the model)
                [(m, p.isoformat(), v, n, d, stamp) for m, p, v, n, d in rows],
            )


@transaction.atomic
def remove_observation(*, actor: Any, observation: Observation) -> None:
    """Data entered by mistake. The old value stays in the audit trail."""
    record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        target=observation.measure,
        changes={observation.period_start.isoformat(): [_label(_fields(observation)), None]},
        unit_id=observation.measure.unit_id,
    )
    measure_id = observation.measure_id
    observation.delete()
    recompute(measure_ids=[measure_id])


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
