"""Writes for huddles: recording one with its issues, and closing an issue. Each runs in one
transaction with its audit entries.

A huddle issue's owner, due date and closing are an Action (docs/adr/0017): raised, changed and
closed through the actions services, so the action tracker and the boards read the same state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.actions.services import tracker as actions
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, record, snapshot
from openqms.control import links
from openqms.control.models import (
    Escalation,
    Huddle,
    HuddleIssue,
    IssueOutcome,
    Measure,
)
from openqms.control.services.escalations import action_title, check_owner, raise_escalation
from openqms.organisations.models import Unit
from openqms.people.models import User

ISSUE_FIELDS = ("huddle", "action", "measure")


@dataclass(frozen=True)
class IssueInput:
    description: str
    owner: Any = None
    due_on: dt.date | None = None
    outcome: str = IssueOutcome.OPEN
    measure: Measure | None = None


@transaction.atomic
def record_huddle(
    *,
    actor: User,
    unit: Unit,
    held_on: dt.date,
    attendees: Sequence[Any] = (),
    other_attendees: str = "",
    notes: str = "",
    issues: Sequence[IssueInput] = (),
) -> Huddle:
    """A huddle with who came and the issues raised, each with its action; issues marked escalated
    go to the next tier, and those solved at the huddle are closed there and then."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "A huddle cannot be recorded for a date in the future."})
    for index, issue in enumerate(issues):
        if not issue.description.strip():
            raise ValidationError({f"issues-{index}-description": "Describe the issue."})
        if issue.outcome == IssueOutcome.OPEN and (issue.owner is None or issue.due_on is None):
            raise ValidationError({f"issues-{index}-owner": "An open issue needs an owner and a due date."})
        check_owner(issue.owner, unit)
    huddle = Huddle.objects.create(
        unit=unit,
        held_on=held_on,
        other_attendees=other_attendees.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    huddle.attendees.set(attendees)
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=huddle,
        changes=created(
            {
                "unit": unit.pk,
                "held_on": held_on.isoformat(),
                "attendees": sorted(str(a) for a in attendees),
                "other_attendees": huddle.other_attendees,
                "notes": huddle.notes,
            }
        ),
        unit_id=unit.pk,
    )
    escalate: list[HuddleIssue] = []
    for issue in issues:
        title, description = action_title(issue.description)
        action = actions.raise_action(
            actor=actor,
            unit=unit,
            title=title,
            description=description,
            owner=issue.owner,
            # An issue solved or escalated at the huddle needs no date of its own: it was due then.
            due_on=issue.due_on or held_on,
            source_label=links.huddle_title(held_on),
            source=links.huddle_source(huddle),
        )
        row = HuddleIssue.objects.create(huddle=huddle, action=action, measure=issue.measure)
        record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            target=row,
            changes=created(snapshot(row, ISSUE_FIELDS)),
            unit_id=unit.pk,
        )
        if issue.outcome == IssueOutcome.SOLVED:
            row.action = actions.settle_action(actor=actor, action=action, outcome="Solved at the huddle.")
        elif issue.outcome == IssueOutcome.ESCALATED:
            escalate.append(row)
    for row in escalate:
        _escalate_issue(actor, row)
    return huddle


def _escalate_issue(actor: User, issue: HuddleIssue) -> Escalation:
    """The team cannot solve it: its action closes, and the tier above has its own to answer."""
    escalation = raise_escalation(
        actor=actor,
        origin_unit=issue.huddle.unit,
        title=issue.description[:200],
        description=issue.description,
        source_issue=issue,
        source_measure=issue.measure,
    )
    issue.action = actions.settle_action(
        actor=actor, action=issue.action, outcome=f"Escalated to {escalation.current_unit.name}."
    )
    return escalation


@transaction.atomic
def close_issue(*, actor: User, issue: HuddleIssue, outcome: str = IssueOutcome.SOLVED) -> HuddleIssue:
    """Done or escalated, from the board; whatever closed it, the action tracker shows the same."""
    if issue.outcome != IssueOutcome.OPEN:
        raise ValidationError(f"This action is already {issue.get_outcome_display().lower()}.")
    if outcome == IssueOutcome.ESCALATED:
        _escalate_issue(actor, issue)
        return issue
    issue.action = actions.settle_action(
        actor=actor, action=issue.action, outcome=f"Marked done on the board of {issue.huddle.unit.name}."
    )
    return issue
