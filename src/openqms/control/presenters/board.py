"""The huddle's side of a board: its open actions and escalations, and what the person may do from
it, so the board's templates only place them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Count, Model, QuerySet, Window
from django.urls import reverse

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.control.models import (
    Escalation,
    EscalationProposal,
    HuddleIssue,
)
from openqms.organisations.models import Unit

M = TypeVar("M", bound=Model)

# Rows and columns of the summary icon table, in the order Making Data Count reports use.
BOARD_ACTIONS = 8  # the soonest due; the huddles' pages list the rest
BOARD_PROPOSALS = 5  # the newest; the proposals' page lists them all


@dataclass(frozen=True)
class BoardEscalation:
    title: str
    href: str
    overdue: bool
    where: str  # "Awaiting Ward A", or "With Medicine" once it has gone up
    owner: str
    due_on: dt.date


@dataclass(frozen=True)
class BoardAction:
    description: str
    href: str  # the huddle that raised it
    overdue: bool
    owner: str
    due_on: dt.date | None
    elsewhere: str  # the unit below that raised it, "" for the board's own
    close_href: str
    may_close: bool  # done or escalated from the board by those who may change the huddle's unit
    may_escalate: bool  # the board of a trust has no tier above it


@dataclass(frozen=True)
class BoardProposal:
    measure: str  # the measure's name
    href: str
    elsewhere: str  # the unit below that reports the measure, "" for the board's own
    detail: str


@dataclass(frozen=True)
class BoardSlots:
    escalations: list[BoardEscalation]
    actions: list[BoardAction]
    more_actions: str  # "3 more open actions", "" when the board shows them all
    proposals: list[BoardProposal]  # the newest signals the measures propose escalating
    proposal_count: int  # all of them, shown or not
    may_view: bool  # the unit's huddles and escalations
    may_contribute: bool  # log a huddle, add data


def board_escalations(unit: Unit, escalations: Iterable[Escalation]) -> list[BoardEscalation]:
    """Those awaiting this unit first (a stable sort keeps each group in its order)."""
    rows = []
    for escalation in sorted(escalations, key=lambda e: e.current_unit_id != unit.pk):
        # The tiers come ordered by level: the last is where the escalation is now.
        tier = list(escalation.tiers.all())[-1]
        here = escalation.current_unit_id == unit.pk
        rows.append(
            BoardEscalation(
                title=escalation.title,
                href=reverse("control:escalation", args=[escalation.pk]),
                overdue=tier.is_overdue,
                where=f"Awaiting {unit.name}" if here else f"With {escalation.current_unit.name}",
                owner=f"owned by {tier.owner}" if tier.owner else "no owner yet",
                due_on=tier.due_on,
            )
        )
    return rows


def board_actions(user: Any, unit: Unit, issues: Iterable[HuddleIssue], today: dt.date) -> list[BoardAction]:
    rows = []
    for issue in issues:
        issue_unit = issue.huddle.unit
        rows.append(
            BoardAction(
                description=issue.description,
                href=reverse("control:huddle", args=[issue.huddle_id]),
                overdue=bool(issue.due_on and issue.due_on < today),
                owner=str(issue.owner or "No owner"),
                due_on=issue.due_on,
                elsewhere=issue_unit.name if issue_unit.pk != unit.pk else "",
                close_href=reverse("control:huddle-issue-close", args=[issue.pk]),
                may_close=policy.can(user, Permission.CONTRIBUTE, issue_unit),
                may_escalate=issue_unit.parent_id is not None,
            )
        )
    return rows


def _first_and_total(queryset: QuerySet[M], n: int) -> tuple[list[M], int]:
    """The first n rows and how many there are in all, in one query: each row carries the count
    of the whole set (a window over it), so a slot never reads the rows it does not show."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:n])
    return rows, rows[0].total_rows if rows else 0  # type: ignore[attr-defined]


def board_proposals(unit: Unit, proposals: QuerySet[EscalationProposal]) -> tuple[list[BoardProposal], int]:
    """The newest proposals and how many await a decision, reading only the columns shown."""
    rows = list(
        proposals.annotate(total_rows=Window(Count("pk"))).values(
            "measure_id", "measure__definition__name", "measure__unit_id", "measure__unit__name", "detail",
            "total_rows",
        )[:BOARD_PROPOSALS]
    )  # fmt: skip
    shown = [
        BoardProposal(
            measure=row["measure__definition__name"],
            href=reverse("control:measure", args=[row["measure_id"]]),
            elsewhere=row["measure__unit__name"] if row["measure__unit_id"] != unit.pk else "",
            detail=row["detail"],
        )
        for row in rows
    ]
    return shown, rows[0]["total_rows"] if rows else 0


def board_slots(
    user: Any,
    unit: Unit,
    *,
    escalations: Iterable[Escalation],
    issues: QuerySet[HuddleIssue],
    proposals: QuerySet[EscalationProposal],
    today: dt.date,
) -> BoardSlots:
    first_issues, open_count = _first_and_total(issues, BOARD_ACTIONS)
    actions = board_actions(user, unit, first_issues, today)
    more = open_count - len(actions)
    shown, proposal_count = board_proposals(unit, proposals)
    return BoardSlots(
        escalations=board_escalations(unit, escalations),
        actions=actions,
        more_actions=f"{more} more open {'action' if more == 1 else 'actions'}" if more > 0 else "",
        proposals=shown,
        proposal_count=proposal_count,
        may_view=policy.can(user, Permission.VIEW, unit),
        may_contribute=policy.can(user, Permission.CONTRIBUTE, unit),
    )
