"""Writes for service models: proposing a version, its pathway steps, team roles and specification,
comments, a new version from the one in use, and the planning decision that puts a version in use
or stops the service."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.planning.models import (
    ChangeKind,
    Need,
    PathwayStep,
    ServiceModel,
    ServiceModelComment,
    ServiceModelStatus,
    SpecRequirement,
    TeamRole,
)

A = AuditEntry.Action
FIELDS = (
    "unit", "version", "status", "title", "population", "what", "where", "who", "team_structure",
    "change_kind", "rationale", "decided_by", "decided_at",
)  # fmt: skip
TEXT = ("title", "population", "what", "where", "who", "team_structure")


def _audit(actor: User | None, action: str, model: ServiceModel, changes: dict[str, list[Any]]) -> None:
    record(actor=actor, action=action, target=model, changes=changes, unit_id=model.unit_id)


def _refuse_unless_draft(model: ServiceModel) -> None:
    if model.status != ServiceModelStatus.DRAFT:
        raise ValidationError(
            f"Version {model.version} is {model.get_status_display().lower()}: change it in a new version"
        )


def _next_version(unit: Unit) -> int:
    return int(ServiceModel.objects.filter(unit=unit).aggregate(v=Max("version"))["v"] or 0) + 1


@transaction.atomic
def propose_model(*, actor: User | None, unit: Unit, **text: str) -> ServiceModel:
    model = ServiceModel(unit=unit, version=_next_version(unit), proposed_by=actor)
    for name in TEXT:
        setattr(model, name, text.get(name, "").strip())
    model.full_clean()
    model.save()
    _audit(actor, A.CREATE, model, created(snapshot(model, FIELDS)))
    return model


@transaction.atomic
def update_model(*, actor: User, model: ServiceModel, **text: str) -> ServiceModel:
    _refuse_unless_draft(model)
    before = snapshot(model, FIELDS)
    for name in TEXT:
        if name in text:
            setattr(model, name, text[name].strip())
    model.full_clean()
    model.save()
    changes = diff(before, snapshot(model, FIELDS))
    if changes:
        _audit(actor, A.UPDATE, model, changes)
    return model


def _check_organisation(model: ServiceModel, field: str, items: Iterable[Any]) -> None:
    org = model.unit.organisation_id
    if any(i.organisation_id != org for i in items):
        raise ValidationError({field: f"Choose {field} of {model.unit.organisation.name} only"})


@transaction.atomic
def add_step(
    *,
    actor: User,
    model: ServiceModel,
    title: str,
    description: str = "",
    standards: Iterable[Any] = (),
    measures: Iterable[Any] = (),
) -> PathwayStep:
    _refuse_unless_draft(model)
    standards, measures = list(standards), list(measures)
    _check_organisation(model, "standards", standards)
    _check_organisation(model, "measures", measures)
    position = model.steps.count() + 1
    step = PathwayStep(model=model, position=position, title=title.strip(), description=description.strip())
    step.full_clean()
    step.save()
    step.standards.set(standards)
    step.measures.set(measures)
    change = {
        "title": step.title, "position": position,
        "standards": [s.pk for s in standards], "measures": [m.pk for m in measures],
    }  # fmt: skip
    _audit(actor, A.UPDATE, model, {"steps": [None, change]})
    return step


@transaction.atomic
def add_team_role(
    *,
    actor: User,
    model: ServiceModel,
    title: str,
    seed_role: str = "",
    how_many: int = 1,
    responsibilities: str = "",
) -> TeamRole:
    _refuse_unless_draft(model)
    role = TeamRole(
        model=model, title=title.strip(), seed_role=seed_role, how_many=how_many,
        responsibilities=responsibilities.strip(),
    )  # fmt: skip
    role.full_clean()
    role.save()
    _audit(actor, A.UPDATE, model, {"team_roles": [None, {"title": role.title, "how_many": how_many}]})
    return role


@transaction.atomic
def add_requirement(
    *, actor: User, model: ServiceModel, measure: Any, comparison: str, threshold: float, note: str = ""
) -> SpecRequirement:
    _refuse_unless_draft(model)
    _check_organisation(model, "measure", [measure])
    requirement = SpecRequirement(
        model=model, measure=measure, comparison=comparison, threshold=threshold, note=note.strip()
    )
    requirement.full_clean()
    requirement.save()
    change = {"measure": measure.pk, "comparison": comparison, "threshold": threshold}
    _audit(actor, A.UPDATE, model, {"requirements": [None, change]})
    return requirement


@transaction.atomic
def comment(*, actor: User, model: ServiceModel, text: str) -> ServiceModelComment:
    item = ServiceModelComment(model=model, author=actor, text=text.strip())
    item.full_clean()
    item.save()
    record(
        actor=actor, action=A.CREATE, target=item, changes=created({"model": model.pk, "text": item.text}),
        unit_id=model.unit_id,
    )  # fmt: skip
    return item


@transaction.atomic
def new_version(*, actor: User, model: ServiceModel) -> ServiceModel:
    """A draft copied from this version, with its steps, roles and requirements, to change."""
    draft = propose_model(actor=actor, unit=model.unit, **{n: getattr(model, n) for n in TEXT})
    for step in model.steps.all():
        copy = PathwayStep.objects.create(
            model=draft, position=step.position, title=step.title, description=step.description
        )
        copy.standards.set(step.standards.all())
        copy.measures.set(step.measures.all())
    for role in model.team_roles.all():
        TeamRole.objects.create(
            model=draft, title=role.title, seed_role=role.seed_role, how_many=role.how_many,
            responsibilities=role.responsibilities,
        )  # fmt: skip
    for r in model.requirements.all():
        SpecRequirement.objects.create(
            model=draft, measure=r.measure, comparison=r.comparison, threshold=r.threshold, note=r.note
        )
    _audit(actor, A.UPDATE, draft, {"copied_from": [None, model.pk]})
    return draft


@transaction.atomic
def decide(
    *, actor: User | None, model: ServiceModel, change_kind: str, rationale: str, needs: Iterable[Need] = ()
) -> ServiceModel:
    """The planning decision on a proposed version: a new or changed service puts it in use (the
    version in use before is kept, replaced); a stopped service stops it. Deciding twice changes
    nothing: only a proposed version can be decided."""
    list(ServiceModel.objects.select_for_update().filter(unit=model.unit))
    model.refresh_from_db()
    _refuse_unless_draft(model)
    rationale = rationale.strip()
    if not rationale:
        raise ValidationError({"rationale": "Say why: the rationale is part of the planning decision"})
    needs = list(needs)
    if any(n.unit.organisation_id != model.unit.organisation_id for n in needs):
        raise ValidationError({"needs": "Choose needs of this organisation only"})
    current = ServiceModel.objects.filter(unit=model.unit, status=ServiceModelStatus.CURRENT).first()
    if change_kind == ChangeKind.NEW and current is not None:
        raise ValidationError(
            {"change_kind": f"{model.unit.name} has a service model in use: this is a change"}
        )
    if change_kind in (ChangeKind.CHANGED, ChangeKind.STOPPED) and current is None:
        raise ValidationError(
            {"change_kind": f"{model.unit.name} has no service model in use to change or stop"}
        )
    now = timezone.now()
    if current is not None:
        current.status = ServiceModelStatus.SUPERSEDED
        current.save(update_fields=["status"])
        _audit(actor, A.UPDATE, current, {"status": [ServiceModelStatus.CURRENT, current.status]})
    before = snapshot(model, FIELDS)
    model.status = (
        ServiceModelStatus.STOPPED if change_kind == ChangeKind.STOPPED else ServiceModelStatus.CURRENT
    )
    model.change_kind, model.rationale, model.decided_by, model.decided_at = (
        change_kind,
        rationale,
        actor,
        now,
    )
    model.full_clean()
    model.save()
    model.needs.set(needs)
    changes = diff(before, snapshot(model, FIELDS)) | {"needs": [[], sorted(n.pk for n in needs)]}
    _audit(actor, A.UPDATE, model, changes)
    return model
