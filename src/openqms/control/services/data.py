"""Writes of measure data: observations saved, changed or removed, audited per measure.

A measure's data are audited per measure and per change: the entry for a measure lists every period
whose value changed, before and after (see docs/adr/0008-audit-measure-data-per-series.md), so a
million-row import stays fast and its history stays readable.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, record, record_many
from openqms.control.imports.checks import DataPoint, ProgressCallback, Validation, validate_rows
from openqms.control.models import (
    Measure,
    Observation,
)
from openqms.control.services.escalations import propose_escalations
from openqms.control.services.snapshots import recompute
from openqms.organisations.models import Organisation, Unit
from openqms.people.models import User
from openqms.tables import Problem


@dataclass(frozen=True)
class DataSummary:
    created: int
    updated: int
    unchanged: int
    measures: int


@dataclass(frozen=True)
class Submission:
    validation: Validation
    summary: DataSummary | None  # None: nothing was written (a problem, or a dry run)
    dry_run: bool = False


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
    actor: User | None,
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
                        pk=old[0],
                        measure_id=measure_id,
                        period_start=period,
                        value=point.value,
                        numerator=point.numerator,
                        denominator=point.denominator,
                        updated_at=now,
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
def remove_observation(*, actor: User | None, observation: Observation) -> None:
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


def submit_rows(
    *,
    actor: User | None,
    organisation: Organisation,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    source: str = "",
    within: Unit | None = None,
    system: bool = False,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    file_problems: list[Problem] | None = None,
) -> Submission:
    """Check every row, then save them all, or nothing when any row has a problem or on a dry run.

    Checks and writes share one transaction, so nothing can change between them; the audit entries
    (one per measure) name the actor, or the system when `actor` is None.
    """
    with transaction.atomic():
        validation = validate_rows(
            actor=actor,
            organisation=organisation,
            rows=rows,
            within=within,
            system=system,
            progress=progress,
            file_problems=file_problems,
        )
        if not validation.ok or dry_run:
            return Submission(validation, None, dry_run)
        summary = save_data(actor=actor, points=validation.points, source=source, progress=progress)
    return Submission(validation, summary, dry_run)
