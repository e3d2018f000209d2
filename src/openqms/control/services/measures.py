"""Writes to a measure library and its measures: definitions, measures, targets and annotations.

Every write runs in one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control.models import (
    Annotation,
    AnnotationKind,
    Measure,
    MeasureDefinition,
    TargetChange,
)
from openqms.control.services.snapshots import recompute
from openqms.organisations.models import Unit

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


