"""Writes to the organisation's strategy: its numbered versions (vision, mission, strategy for a
period) and its strategic goals. The priorities under the goals are written by
`organisations.services` (ADR 15). Each write is audited against the top unit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import Actor, created, diff, record, snapshot
from openqms.organisations.models import Organisation, StrategicGoal, StrategicPriority, StrategyVersion
from openqms.organisations.selectors import board_id
from openqms.unchanged import UNCHANGED, Unchanged, set_given

VERSION_FIELDS = (
    "organisation", "number", "title", "starts", "ends", "vision", "mission", "summary", "change_note",
)  # fmt: skip
GOAL_FIELDS = ("organisation", "title", "description", "position", "retired_at")


def outline(organisation: Organisation) -> list[dict[str, Any]]:
    """The goals and priorities in use as they stand, kept with a version when it is replaced."""
    priorities = StrategicPriority.objects.filter(organisation=organisation, retired_at__isnull=True)
    by_goal: dict[int, list[str]] = {}
    for priority in priorities.order_by("position", "pk"):
        by_goal.setdefault(priority.goal_id, []).append(priority.title)
    goals = StrategicGoal.objects.filter(organisation=organisation, retired_at__isnull=True)
    return [{"goal": g.title, "priorities": by_goal.get(g.pk, [])} for g in goals]


@transaction.atomic
def publish_version(
    *,
    actor: Actor | None,
    organisation: Organisation,
    title: str,
    starts: int,
    ends: int,
    vision: str,
    mission: str,
    summary: str = "",
    change_note: str = "",
) -> StrategyVersion:
    """A new version of the strategy. The one it replaces stays as it was, with the goals and
    priorities of its time, so the board can read what it had agreed."""
    if ends < starts:
        raise ValidationError({"ends": "The last year must be the same as or after the first year"})
    current = (
        StrategyVersion.objects.select_for_update()
        .filter(organisation=organisation)
        .order_by("-number")
        .first()
    )
    if current is not None and not change_note.strip():
        raise ValidationError({"change_note": "Say what changed and why, for the version history"})
    version = StrategyVersion(
        organisation=organisation,
        number=(current.number + 1) if current else 1,
        title=title.strip(),
        starts=starts,
        ends=ends,
        vision=vision.strip(),
        mission=mission.strip(),
        summary=summary.strip(),
        change_note=change_note.strip(),
        created_by=actor if isinstance(actor, AbstractBaseUser) else None,
    )
    version.full_clean(validate_constraints=False)
    if current is not None:
        current.outline = outline(organisation)
        current.save(update_fields=["outline"])
    version.save()
    changes = created(snapshot(version, VERSION_FIELDS))
    if current is not None:
        changes = {
            name: [getattr(current, name), value[1]]
            for name, value in changes.items()
            if name == "number" or getattr(current, name) != value[1]
        }
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=version,
        changes=changes,
        unit_id=board_id(organisation),
    )
    return version


def _check_goal(goal: StrategicGoal) -> None:
    if not goal.title:
        raise ValidationError({"title": "Enter the goal, for example: The safest care we can give"})
    taken = StrategicGoal.objects.filter(organisation_id=goal.organisation_id, title__iexact=goal.title)
    if taken.exclude(pk=goal.pk).exists():
        raise ValidationError({"title": f"The organisation already has a goal called “{goal.title}”"})
    goal.full_clean(validate_constraints=False)


@transaction.atomic
def add_goal(
    *, actor: Actor | None, organisation: Organisation, title: str, description: str = ""
) -> StrategicGoal:
    last = StrategicGoal.objects.filter(organisation=organisation).order_by("-position").first()
    goal = StrategicGoal(
        organisation=organisation,
        title=title.strip(),
        description=description.strip(),
        position=(last.position + 1) if last else 1,
    )
    _check_goal(goal)
    goal.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=goal,
        changes=created(snapshot(goal, GOAL_FIELDS)),
        unit_id=board_id(organisation),
    )
    return goal


@transaction.atomic
def update_goal(
    *,
    actor: Actor | None,
    goal: StrategicGoal,
    title: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    position: int | Unchanged = UNCHANGED,
) -> StrategicGoal:
    before = snapshot(goal, GOAL_FIELDS)
    set_given(
        goal,
        title=title.strip() if isinstance(title, str) else title,
        description=description.strip() if isinstance(description, str) else description,
        position=position,
    )
    _check_goal(goal)
    goal.save()
    changes = diff(before, snapshot(goal, GOAL_FIELDS))
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=goal,
            changes=changes,
            unit_id=board_id(goal.organisation_id),
        )
    return goal


@transaction.atomic
def retire_goal(*, actor: Actor | None, goal: StrategicGoal, retire: bool = True) -> StrategicGoal:
    """Retire a goal (or bring it back). Its priorities stay where they are, shown with it."""
    if retire == goal.is_retired:
        return goal
    before = snapshot(goal, GOAL_FIELDS)
    goal.retired_at = timezone.now() if retire else None
    goal.save(update_fields=["retired_at"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=goal,
        changes=diff(before, snapshot(goal, GOAL_FIELDS)),
        unit_id=board_id(goal.organisation_id),
    )
    return goal
