"""Writes to organisations and the unit tree. Each writes its audit entry in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import Actor, Change, created, diff, record, record_many, snapshot
from openqms.organisations.language_services import apply_preset
from openqms.organisations.models import (
    PATH_SEGMENT,
    Organisation,
    QualityDomain,
    StrategicGoal,
    StrategicPriority,
    Unit,
    UnitKind,
)
from openqms.organisations.presets import STEEEP
from openqms.organisations.selectors import board_id
from openqms.unchanged import UNCHANGED, Unchanged, set_given

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
    # Every organisation starts with STEEEP, so measures and projects have domains to name from
    # the first day; its administrators change the list (ADR 24).
    apply_preset(actor=actor, organisation=organisation, preset=STEEEP)
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


PRIORITY_FIELDS = (
    "organisation", "goal", "title", "description", "executive_owner", "position", "retired_at",
)  # fmt: skip


_board_id = board_id
DEFAULT_GOAL = "Our strategic priorities"


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
    if priority.goal.organisation_id != priority.organisation_id:
        raise ValidationError({"goal": "Choose one of the organisation's own goals"})
    priority.full_clean(validate_constraints=False)


def _check_domains(organisation_id: int, domains: Iterable[QualityDomain]) -> list[QualityDomain]:
    chosen = list(domains)
    if any(d.organisation_id != organisation_id for d in chosen):
        raise ValidationError({"domains": "Choose the organisation's own quality domains"})
    return chosen


def _domain_keys(priority: StrategicPriority) -> list[str]:
    return sorted(priority.domains.values_list("key", flat=True))


def goal_for_new_priority(organisation: Organisation, actor: Actor | None = None) -> StrategicGoal:
    """Where a priority added without a goal goes: the first active goal, or a new one."""
    goal = StrategicGoal.objects.filter(organisation=organisation, retired_at__isnull=True).first()
    if goal is not None:
        return goal
    goal = StrategicGoal.objects.create(organisation=organisation, title=DEFAULT_GOAL, position=1)
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=goal,
        changes=created(snapshot(goal, ("organisation", "title", "position"))),
        unit_id=_board_id(organisation),
    )
    return goal


@transaction.atomic
def add_priority(
    *,
    actor: Actor | None,
    organisation: Organisation,
    title: str,
    description: str = "",
    goal: StrategicGoal | None = None,
    domains: Iterable[QualityDomain] = (),
    executive_owner: AbstractBaseUser | None = None,
) -> StrategicPriority:
    """A new priority at the end of its goal. Without a goal it goes under the organisation's first."""
    last = StrategicPriority.objects.filter(organisation=organisation).order_by("-position").first()
    priority = StrategicPriority(
        organisation=organisation,
        goal=goal or goal_for_new_priority(organisation, actor),
        title=title.strip(),
        description=description.strip(),
        # By id: the people app is beside this one, and its User is only AUTH_USER_MODEL here.
        executive_owner_id=executive_owner.pk if executive_owner is not None else None,
        position=(last.position + 1) if last else 1,
    )
    _check_priority(priority)
    chosen = _check_domains(organisation.pk, domains)
    priority.save()
    priority.domains.set(chosen)
    changes = created(snapshot(priority, PRIORITY_FIELDS))
    changes["domains"] = [None, _domain_keys(priority)]
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=priority,
        changes=changes,
        unit_id=_board_id(organisation),
    )
    return priority


@transaction.atomic
def update_priority(
    *,
    actor: Actor | None,
    priority: StrategicPriority,
    title: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    position: int | Unchanged = UNCHANGED,
    goal: StrategicGoal | Unchanged = UNCHANGED,
    domains: Iterable[QualityDomain] | Unchanged = UNCHANGED,
    executive_owner: AbstractBaseUser | Unchanged | None = UNCHANGED,
) -> StrategicPriority:
    """Change the fields given; the domains, when given, replace the priority's list."""
    before = snapshot(priority, PRIORITY_FIELDS)
    before_domains = _domain_keys(priority)
    set_given(
        priority,
        title=title.strip() if isinstance(title, str) else title,
        description=description.strip() if isinstance(description, str) else description,
        position=position,
        goal=goal,
        executive_owner=executive_owner,
    )
    _check_priority(priority)
    priority.save()
    if not isinstance(domains, Unchanged):
        priority.domains.set(_check_domains(priority.organisation_id, domains))
    changes = diff(before, snapshot(priority, PRIORITY_FIELDS))
    after_domains = _domain_keys(priority)
    if after_domains != before_domains:
        changes["domains"] = [before_domains, after_domains]
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=priority,
            changes=changes,
            unit_id=_board_id(priority.organisation_id),
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
        unit_id=_board_id(priority.organisation_id),
    )
    return priority
