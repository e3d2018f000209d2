"""Reads for huddles and escalations, always scoped through the access policy."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.actions.models import OPEN_STATUSES
from openqms.audit.models import AuditEntry
from openqms.control.models import (
    Escalation,
    EscalationProposal,
    EscalationStatus,
    EscalationTier,
    Huddle,
    HuddleIssue,
    ProposalStatus,
)
from openqms.organisations.models import Unit

# What a huddle issue or a tier reads from its action, in one query with it.
ISSUE_RELATED = ("action__owner", "escalation")
TIER_RELATED = ("unit", "action__owner")


def huddles_of(user: Any, unit: Unit) -> QuerySet[Huddle]:
    return policy.visible(user, policy.Permission.VIEW, Huddle.objects.filter(unit=unit)).prefetch_related(
        "attendees",
        Prefetch("issues", queryset=HuddleIssue.objects.select_related(*ISSUE_RELATED)),
    )


def last_huddle(user: Any, unit: Unit) -> Huddle | None:
    """The unit's latest huddle for its board, with its issues and `attendee_count`: the board
    says how many attended, not who, so the attendees themselves are not read."""
    return (
        policy.visible(user, policy.Permission.VIEW, Huddle.objects.filter(unit=unit))
        .annotate(attendee_count=Count("attendees"))
        .prefetch_related(Prefetch("issues", queryset=HuddleIssue.objects.select_related(*ISSUE_RELATED)))
        # Given in full: a grouped query leaves the model's default ordering out.
        .order_by("-held_on", "-created_at")
        .first()
    )


def open_issues(user: Any, unit: Unit) -> QuerySet[HuddleIssue]:
    return (
        policy.visible(
            user,
            policy.Permission.VIEW,
            HuddleIssue.objects.filter(
                huddle__unit__path__startswith=unit.path,
                action__status__in=OPEN_STATUSES,
                escalation__isnull=True,
            ),
            unit_field="huddle__unit",
        )
        # Not its escalation (ISSUE_RELATED): an open issue here has none, by the filter above.
        .select_related("action__owner", "huddle__unit")
        .order_by("action__due_on", "pk")
    )


def _with_tiers(queryset: QuerySet[Escalation]) -> QuerySet[Escalation]:
    return queryset.select_related("origin_unit", "current_unit", "raised_by").prefetch_related(
        Prefetch("tiers", queryset=EscalationTier.objects.select_related(*TIER_RELATED).order_by("level"))
    )


def _open_escalations(user: Any, unit: Unit) -> QuerySet[Escalation]:
    base = Escalation.objects.filter(status=EscalationStatus.OPEN).filter(
        Q(origin_unit__path__startswith=unit.path) | Q(current_unit__path__startswith=unit.path)
    )
    return policy.visible(user, policy.Permission.VIEW, base, unit_field="origin_unit").order_by("raised_at")


def open_escalations_for(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """Open escalations raised in this unit's sub-tree or now held by this unit or its sub-tree."""
    return _with_tiers(_open_escalations(user, unit))


def open_escalations_on_board(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """The same escalations with only what a board shows of them (presenters.board_escalations):
    the unit each is with now, and its tiers' actions and owners."""
    return (
        _open_escalations(user, unit)
        .select_related("current_unit")
        .prefetch_related(
            Prefetch(
                "tiers", queryset=EscalationTier.objects.select_related("action__owner").order_by("level")
            )
        )
    )


def awaiting_tier(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """Open escalations whose current tier is exactly this unit: the ones it must act on."""
    return open_escalations_for(user, unit).filter(current_unit=unit)


def overdue_escalations_below(user: Any, unit: Unit) -> QuerySet[Escalation]:
    """Open escalations in the sub-tree whose current tier is past its due date: shown at every tier above."""
    today = timezone.localdate()
    overdue_tiers = EscalationTier.objects.filter(action__status__in=OPEN_STATUSES, action__due_on__lt=today)
    return open_escalations_for(user, unit).filter(tiers__in=overdue_tiers).distinct()


def escalation(user: Any, pk: int) -> Escalation:
    return policy.get_or_404(
        user, policy.Permission.VIEW, _with_tiers(Escalation.objects.all()), unit_field="origin_unit", pk=pk
    )


def proposals_awaiting(user: Any, unit: Unit) -> QuerySet[EscalationProposal]:
    return policy.visible(
        user,
        policy.Permission.VIEW,
        EscalationProposal.objects.filter(
            status=ProposalStatus.PROPOSED, measure__unit__path__startswith=unit.path
        ),
        unit_field="measure__unit",
    ).select_related("measure__definition", "measure__unit")


def huddle(user: Any, pk: int) -> Huddle:
    return policy.get_or_404(
        user,
        policy.Permission.VIEW,
        Huddle.objects.select_related("unit", "recorded_by").prefetch_related(
            "attendees",
            Prefetch("issues", queryset=HuddleIssue.objects.select_related(*ISSUE_RELATED)),
        ),
        pk=pk,
    )


def proposal(user: Any, pk: int) -> EscalationProposal:
    return policy.get_or_404(
        user,
        policy.Permission.CONTRIBUTE,
        EscalationProposal.objects.select_related("measure__definition", "measure__unit"),
        unit_field="measure__unit",
        pk=pk,
    )


def history_of_many(objects: Iterable[models.Model]) -> QuerySet[AuditEntry]:
    """The audit entries of several objects at once, newest first. The caller has checked access."""
    condition = Q(pk__in=[])
    for obj in objects:
        condition |= Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return AuditEntry.objects.filter(condition).order_by("-sequence")


def _ancestor_paths(unit: Unit) -> list[str]:
    """The paths of the unit's ancestors and its own, root first."""
    parts = [p for p in unit.path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[: i + 1]) for i in range(len(parts))]


def people_on_hand(user: Any, unit: Unit) -> list[tuple[Any, str]]:
    """People whose roles let them work on this unit (held on it or above), nearest first, each with
    the role and unit that bring them here, for attendance and owner choices."""
    if not policy.can(user, policy.Permission.CONTRIBUTE, unit):
        return []
    rows = (
        RoleAssignment.objects.current()
        .filter(role__in=policy.GRANTS[policy.Permission.CONTRIBUTE], unit__path__in=_ancestor_paths(unit))
        .select_related("person", "unit")
        .order_by("-unit__depth", "person__full_name", "person__username")
    )
    found: dict[int, tuple[Any, str]] = {}
    for row in rows:
        found.setdefault(row.person_id, (row.person, f"{row.get_role_display()}, {row.unit.name}"))
    return sorted(found.values(), key=lambda pair: str(pair[0]).lower())


LEAD_ROLES = policy.GRANTS[policy.Permission.LEAD]


def tiers_led_by(user: Any, units: Iterable[Unit]) -> set[int]:
    """The ids of the units, among these, for whose escalation tier this person answers.

    The leaders nearest a tier answer for it: a division's leaders can see a service's tier (and
    see it flagged when it is overdue) but do not act on it while the service has leaders of its
    own; if it has none, the next leaders up answer for it. One query, however many units.
    """
    own = [g.path for g in policy.grants_of(user) if g.role in LEAD_ROLES]
    units = list(units)
    if not own or not units:
        return set()
    candidates = {path for unit in units for path in _ancestor_paths(unit)}
    leader_paths = set(
        RoleAssignment.objects.current()
        .filter(role__in=LEAD_ROLES, unit__path__in=candidates)
        .values_list("unit__path", flat=True)
    )
    led: set[int] = set()
    for unit in units:
        mine = [path for path in own if unit.path.startswith(path)]
        if not mine:
            continue
        deepest = max(len(path) for path in mine)
        if not any(len(path) > deepest and unit.path.startswith(path) for path in leader_paths):
            led.add(unit.pk)
    return led


def leads_tier(user: Any, unit: Unit) -> bool:
    return unit.pk in tiers_led_by(user, [unit])


def chain_above(escalation: Escalation) -> list[Unit]:
    """The units the escalation has not reached yet, nearest first, to show the rest of the chain."""
    held = escalation.current_unit
    return list(Unit.objects.filter(pk__in=held.ancestor_ids).order_by("-depth"))
