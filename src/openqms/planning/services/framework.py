"""Writing the measurement framework: which library measure shows progress on which priority."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, record, snapshot
from openqms.control.models import MeasureDefinition
from openqms.organisations.models import StrategicPriority, Unit
from openqms.people.models import User
from openqms.planning.models.framework import FrameworkMeasure

FIELDS = ("priority", "definition", "service", "note")


def _unit_id(entry: FrameworkMeasure) -> int | None:
    unit = entry.unit
    return unit.pk if unit else None


@transaction.atomic
def add_framework_measure(
    *,
    actor: User | None,
    priority: StrategicPriority,
    definition: MeasureDefinition,
    service: Unit | None = None,
    note: str = "",
) -> FrameworkMeasure:
    if definition.organisation_id != priority.organisation_id:
        raise ValidationError({"definition": "Choose a measure from the organisation’s library"})
    if service is not None and service.organisation_id != priority.organisation_id:
        raise ValidationError({"service": "Choose one of the organisation’s services"})
    if FrameworkMeasure.objects.filter(priority=priority, definition=definition, service=service).exists():
        where = f" for {service.name}" if service else ""
        raise ValidationError(
            {"definition": f"“{definition.name}” already shows progress on this priority{where}"}
        )
    entry = FrameworkMeasure.objects.create(
        priority=priority, definition=definition, service=service, note=note.strip()
    )
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=entry,
        changes=created(snapshot(entry, FIELDS)),
        unit_id=_unit_id(entry),
    )
    return entry


@transaction.atomic
def remove_framework_measure(*, actor: User | None, entry: FrameworkMeasure) -> None:
    record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        target=entry,
        changes={"removed": [str(entry), None]},
        unit_id=_unit_id(entry),
    )
    entry.delete()
