"""Writes to a measure library and its measures: definitions, measures, targets and annotations.

Every write runs in one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control.models import (
    Annotation,
    AnnotationKind,
    DataShape,
    Measure,
    MeasureDefinition,
    Rollup,
    TargetChange,
)
from openqms.control.services.snapshots import recompute
from openqms.organisations.models import QualityDomain, Unit
from openqms.organisations.selectors import domain_for
from openqms.people.models import User
from openqms.spc.types import ChartType
from openqms.unchanged import UNCHANGED, Unchanged, set_given

DEFINITION_FIELDS = (
    "organisation", "code", "name", "definition", "unit_of_measurement", "measure_type", "quality_domain",
    "direction", "frequency", "chart_type", "data_shape", "multiplier", "rollup", "default_target",
    "owner_unit", "owner_person", "data_source", "shared_with_service_users", "archived_at",
)  # fmt: skip
MEASURE_FIELDS = ("definition", "unit", "shared_with_service_users", "archived_at")


@transaction.atomic
def create_definition(
    *,
    actor: User | None,
    owner_unit: Unit,
    code: str,
    name: str,
    definition: str,
    unit_of_measurement: str,
    measure_type: str,
    quality_domain: QualityDomain | str,
    direction: str,
    frequency: str,
    chart_type: str = ChartType.XMR.value,
    data_shape: str = DataShape.VALUE,
    multiplier: float = 1.0,
    rollup: str = Rollup.NONE,
    default_target: float | None = None,
    owner_person: User | None = None,
    data_source: str = "",
    shared_with_service_users: bool = False,
) -> MeasureDefinition:
    """A new definition in the library. `definition` is the model's text field (exactly what is
    counted), so the new instance is called `measure_definition` here."""
    measure_definition = MeasureDefinition(
        organisation_id=owner_unit.organisation_id,
        owner_unit=owner_unit,
        code=code,
        name=name,
        definition=definition,
        unit_of_measurement=unit_of_measurement,
        measure_type=measure_type,
        quality_domain=domain_for(owner_unit.organisation_id, quality_domain),
        direction=direction,
        frequency=frequency,
        chart_type=chart_type,
        data_shape=data_shape,
        multiplier=multiplier,
        rollup=rollup,
        default_target=default_target,
        owner_person=owner_person,
        data_source=data_source,
        shared_with_service_users=shared_with_service_users,
    )
    measure_definition.code = measure_definition.code.strip().upper()
    if MeasureDefinition.objects.filter(
        organisation_id=owner_unit.organisation_id, code=measure_definition.code
    ).exists():
        raise ValidationError(
            {"code": f"Another measure in this organisation already has the code {measure_definition.code}."}
        )
    measure_definition.full_clean()
    measure_definition.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=measure_definition,
        changes=created(snapshot(measure_definition, DEFINITION_FIELDS)),
        unit_id=owner_unit.pk,
    )
    return measure_definition


@transaction.atomic
def update_definition(
    *,
    actor: User | None,
    measure_definition: MeasureDefinition,
    name: str | Unchanged = UNCHANGED,
    definition: str | Unchanged = UNCHANGED,
    unit_of_measurement: str | Unchanged = UNCHANGED,
    measure_type: str | Unchanged = UNCHANGED,
    quality_domain: QualityDomain | str | Unchanged = UNCHANGED,
    direction: str | Unchanged = UNCHANGED,
    frequency: str | Unchanged = UNCHANGED,
    chart_type: str | Unchanged = UNCHANGED,
    data_shape: str | Unchanged = UNCHANGED,
    multiplier: float | Unchanged = UNCHANGED,
    rollup: str | Unchanged = UNCHANGED,
    default_target: float | Unchanged | None = UNCHANGED,
    owner_unit: Unit | Unchanged = UNCHANGED,
    owner_person: User | Unchanged | None = UNCHANGED,
    data_source: str | Unchanged = UNCHANGED,
    shared_with_service_users: bool | Unchanged = UNCHANGED,
    archived_at: dt.datetime | Unchanged | None = UNCHANGED,
) -> MeasureDefinition:
    """Change the fields given; a field left UNCHANGED keeps its value. The code and the
    organisation never change. As in `create_definition`, `definition` is the text field."""
    before = snapshot(measure_definition, DEFINITION_FIELDS)
    set_given(
        measure_definition,
        name=name,
        definition=definition,
        unit_of_measurement=unit_of_measurement,
        measure_type=measure_type,
        quality_domain=(
            quality_domain
            if isinstance(quality_domain, Unchanged)
            else domain_for(measure_definition.organisation_id, quality_domain)
        ),
        direction=direction,
        frequency=frequency,
        chart_type=chart_type,
        data_shape=data_shape,
        multiplier=multiplier,
        rollup=rollup,
        default_target=default_target,
        owner_unit=owner_unit,
        owner_person=owner_person,
        data_source=data_source,
        shared_with_service_users=shared_with_service_users,
        archived_at=archived_at,
    )
    measure_definition.full_clean()
    measure_definition.save()
    changes = diff(before, snapshot(measure_definition, DEFINITION_FIELDS))
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=measure_definition,
            changes=changes,
            unit_id=measure_definition.owner_unit_id,
        )
        recompute(measure_ids=list(measure_definition.measures.values_list("pk", flat=True)))
    return measure_definition


@transaction.atomic
def add_measure(
    *,
    actor: User | None,
    definition: MeasureDefinition,
    unit: Unit,
    shared_with_service_users: bool | None = None,
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
    *, actor: User | None, measure: Measure, effective_from: dt.date, target: float | None, reason: str = ""
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
    *, actor: User | None, measure: Measure, on: dt.date, kind: str, label: str, reason: str = ""
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
def archive_annotation(*, actor: User | None, annotation: Annotation) -> Annotation:
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
