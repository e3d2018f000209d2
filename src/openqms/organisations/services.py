"""Writes to organisations and the unit tree. Each writes its audit entry in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import Actor, Change, created, diff, record, record_many, snapshot
from openqms.organisations.models import PATH_SEGMENT, Organisation, StrategicPriority, Unit, UnitKind

ORGANISATION_FIELDS = ("name", "code", "archived_at")
UNIT_FIELDS = ("organisation", "parent", "name", "kind", "code", "archived_at")


def _check_code_is_free(unit: Unit) -> None:
    taken = Unit.objects.filter(organisation_id=unit.organisation_id, code=unit.code).exclude(pk=unit.pk)
    if taken.exists():
        raise ValidationError(
            {"code": f"Another unit in this organisation already has the code {unit.code}."}
        )


@transaction.atomic
def create_organisation(
    *, actor: Actor | None, name: str, code: str, board_name: str | None = None
) -> Organisation:
    """A new organisation, with the board unit at the root of its tree."""
    organisation = Organisation(name=name.strip(), code=code.strip().upper())
    organisation.full_clean()
    organisation.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=organisation,
        changes=created(snapshot(organisation, ORGANISATION_FIELDS)),
    )
    create_unit(
        actor=actor,
        organisation=organisation,
        parent=None,
        name=board_name or f"{organisation.name} Board",
        kind=UnitKind.BOARD,
        code="BOARD",
    )
    return organisation


@transaction.atomic
def update_organisation(
    *, actor: Actor | None, organisation: Organisation, name: str, code: str
) -> Organisation:
    before = snapshot(organisation, ORGANISATION_FIELDS)
    organisation.name, organisation.code = name.strip(), code.strip().upper()
    organisation.full_clean()
    organisation.save()
    changes = diff(before, snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, target=organisation, changes=changes)
    return organisation


@transaction.atomic
def create_unit(
    *, actor: Actor | None, organisation: Organisation, parent: Unit | None, name: str, kind: str, code: str
) -> Unit:
    if parent is not None and parent.organisation_id != organisation.pk:
        raise ValidationError({"parent": "The parent unit belongs to another organisation."})
    if parent is not None and parent.is_archived:
        raise ValidationError({"parent": "The parent unit is archived."})
    if parent is None and organisation.units.filter(parent__isnull=True).exists():
        raise ValidationError({"parent": "The organisation already has a root unit; choose a parent."})
    unit = Unit(
        organisation=organisation, parent=parent, name=name.strip(), kind=kind, code=code.strip().upper()
    )
    unit.path = "pending"
    _check_code_is_free(unit)
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = (parent.path if parent else "") + PATH_SEGMENT.format(unit.pk)
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=unit,
        changes=created(snapshot(unit, UNIT_FIELDS)),
        unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def update_unit(*, actor: Actor | None, unit: Unit, name: str, kind: str, code: str) -> Unit:
    """Rename a unit or change its kind or code."""
    before = snapshot(unit, UNIT_FIELDS)
    unit.name, unit.kind, unit.code = name.strip(), kind, code.strip().upper()
    _check_code_is_free(unit)
    unit.full_clean()
    unit.save(update_fields=["name", "kind", "code"])
    changes = diff(before, snapshot(unit, UNIT_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, target=unit, changes=changes, unit_id=unit.pk)
    return unit


@transaction.atomic
def move_unit(*, actor: Actor | None, unit: Unit, new_parent: Unit) -> Unit:
    """Move a unit, with its whole sub-tree, under another parent in the same organisation."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.parent_id is None:
        raise ValidationError({"parent": "The root unit of an organisation cannot be moved."})
    if new_parent.organisation_id != unit.organisation_id:
        raise ValidationError({"parent": "A unit can only move within its own organisation."})
    if new_parent.is_within(unit):
        raise ValidationError({"parent": "A unit cannot move under itself or one of its own sub-units."})
    if new_parent.is_archived:
        raise ValidationError({"parent": "The new parent unit is archived."})
    if new_parent.pk == unit.parent_id:
        return unit
    before = snapshot(unit, UNIT_FIELDS)
    old_path = unit.path
    new_path = new_parent.path + PATH_SEGMENT.format(unit.pk)
    depth_change = new_parent.depth + 1 - unit.depth
    # One statement re-roots the whole sub-tree, whatever its size.
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.refresh_from_db()
    record(
        actor=actor,
        action=AuditEntry.Action.MOVE,
        target=unit,
        changes=diff(before, snapshot(unit, UNIT_FIELDS)),
        unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def archive_unit(*, actor: Actor | None, unit: Unit) -> Unit:
    """Archive a unit and its sub-tree. Nothing is deleted: their data stays, read-only in history."""
    if unit.is_archived:
        return unit
    now = timezone.now()
    targets = list(unit.subtree().active())
    Unit.objects.filter(pk__in=[u.pk for u in targets]).update(archived_at=now)
    record_many(
        actor=actor,
        changes=[Change(AuditEntry.Action.ARCHIVE, t, {"archived_at": [None, now]}, t.pk) for t in targets],
    )
    unit.refresh_from_db()
    return unit


@transaction.atomic
def restore_unit(*, actor: Actor | None, unit: Unit) -> Unit:
    """Bring an archived unit back (its parent must be active); its sub-units stay as they are."""
    if not unit.is_archived:
        return unit
    if unit.parent is not None and unit.parent.is_archived:
        raise ValidationError({"parent": "Restore the parent unit first."})
    before = unit.archived_at
    unit.archived_at = None
    unit.save(update_fields=["archived_at"])
    record(
        actor=actor,
        action=AuditEntry.Action.RESTORE,
        target=unit,
        changes={"archived_at": [before, None]},
        unit_id=unit.pk,
    )
    return unit


PRIORITY_FIELDS = ("organisation", "title", "description", "position", "retired_at")


def _board_id(organisation: Organisation) -> int | None:
    return (
        Unit.objects.filter(organisation=organisation, parent__isnull=True)
        .values_list("pk", flat=True)
        .first()
    )


def _check_priority(priority: StrategicPriority) -> None:
    if not priority.title:
        raise ValidationError({"title": "Enter the priority's title"})
    taken = StrategicPriority.objects.filter(
        organisation_id=priority.organisation_id, title__iexact=priority.title
    ).exclude(pk=priority.pk)
    if taken.exists():
        raise ValidationError(
            {"title": f"{priority.organisation} already has a priority called “{priority.title}”"}
        )
    priority.full_clean(validate_constraints=False)


@transaction.atomic
def add_priority(
    *, actor: Actor | None, organisation: Organisation, title: str, description: str = ""
) -> StrategicPriority:
    last = StrategicPriority.objects.filter(organisation=organisation).order_by("-position").first()
    priority = StrategicPriority(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        position=(last.position + 1) if last else 1,
    )
    _check_priority(priority)
    priority.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=priority,
        changes=created(snapshot(priority, PRIORITY_FIELDS)),
        unit_id=_board_id(organisation),
    )
    return priority


@transaction.atomic
def update_priority(
    *, actor: Actor | None, priority: StrategicPriority, title: str, description: str, position: int
) -> StrategicPriority:
    before = snapshot(priority, PRIORITY_FIELDS)
    priority.title, priority.description, priority.position = title.strip(), description.strip(), position
    _check_priority(priority)
    priority.save()
    changes = diff(before, snapshot(priority, PRIORITY_FIELDS))
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=priority,
            changes=changes,
            unit_id=_board_id(priority.organisation),
        )
    return priority


@transaction.atomic
def retire_priority(
    *, actor: Actor | None, priority: StrategicPriority, retire: bool = True
) -> StrategicPriority:
    """Retire a priority (or bring it back): work that served it keeps the link."""
    if retire == priority.is_retired:
        return priority
    before = snapshot(priority, PRIORITY_FIELDS)
    priority.retired_at = timezone.now() if retire else None
    priority.save(update_fields=["retired_at"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=priority,
        changes=diff(before, snapshot(priority, PRIORITY_FIELDS)),
        unit_id=_board_id(priority.organisation),
    )
    return priority
