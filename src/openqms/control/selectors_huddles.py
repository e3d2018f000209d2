"""Reads for huddles and escalations, always scoped through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from openqms.access import policy
from openqms.organisations.models import Unit

from .models import (
    Escalation,
    EscalationProposal,
    EscalationStatus,
    EscalationTier,
    Huddle,
    HuddleIssue,
    IssueOutcome,
    ProposalStatus,
)


def huddles_of(user: Any, unit: Unit) -> QuerySet[Huddle]:
    return policy.visible(user, policy.Action.VIEW, Huddle.objects.filter(unit=unit)).prefetch_related(
        "attendees", "issues__owner"
    )


def last_huddle(user: Any, unit: Unit) -> Huddle | None:
    return huddles_of(user, unit).first()


def open_issues(user: Any, unit: Unit) -> QuerySet[HuddleIssue]:
    return (
        policy.visible(
            user,
            policy.Action.VIEW,
            HuddleIssue.objects.filter(huddle__unit__path__startswith=unit.path, outcome=IssueOutcome.OPEN),
            unit_field="huddle__unit",
        )
        .select_related("owner", "huddle__unit")
        .order_by("due_on")
    )


def _with_tiers(queryset: QuerySet[Escalation]) -> QuerySet[Escalation]:
    return queryset.select_related("origin_unit", "current_unit", "raised_by").prefetch_related(
        Prefetch("tiers", queryset=EscalationTier.objects.select_related("unit", "owner").order_by("level"))
    )


def open_escalations_for(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """Open escalations raised in this unit's sub-tree or now held by this unit or its sub-tree."""
    base = Escalation.objects.filter(status=EscalationStatus.OPEN).filter(
        Q(origin_unit__path__startswith=unit.path) | Q(current_unit__path__startswith=unit.path)
    )
    return _with_tiers(policy.visible(user, policy.Action.VIEW, base, unit_field="origin_unit")).order_by(
        "raised_at"
    )


def awaiting_tier(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """Open escalations whose current tier is exactly this unit: the ones it must act on."""
    return open_escalations_for(user, unit).filter(current_unit=unit)


def overdue_escalations_below(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """Open escalations in the sub-tree whose current tier is past its due date: shown at every tier above."""
    today = timezone.localdate()
    overdue_tiers = EscalationTier.objects.filter(closed_at__isnull=True, due_on__lt=today)
    return open_escalations_for(user, unit).filter(tiers__in=overdue_tiers).distinct()


def escalation(user: Any, pk: int) -> Escalation:
    return policy.get_or_404(
        user, policy.Action.VIEW, _with_tiers(Escalation.objects.all()), unit_field="origin_unit", pk=pk
    )


def proposals_awaiting(user: Any, unit: Unit) -> QuerySet[EscalationProposal]:
    return policy.visible(
        user,
        policy.Action.VIEW,
        EscalationProposal.objects.filter(
            status=ProposalStatus.PROPOSED, measure__unit__path__startswith=unit.path
        ),
        unit_field="measure__unit",
    ).select_related("measure__definition", "measure__unit")
