"""What needs a person now: the "What needs you" panel on My QMS and the e-mail digest.

Each list is one query (plus one to find which tiers the person answers for), however many units,
people or items there are, so the home page and a digest for thousands of people stay cheap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q
from django.utils import timezone

from openqms.access import policy
from openqms.actions.models import OPEN_STATUSES
from openqms.control.models import (
    EscalationProposal,
    EscalationStatus,
    EscalationTier,
    HuddleIssue,
    Measure,
    ProposalStatus,
)
from openqms.control.selectors.huddles import LEAD_ROLES, tiers_led_by

# A concern is "new" for this long after the first point of its run.
NEW_CONCERN_DAYS = 14
# Each list shows the most pressing few; the count says how many there are in all.
SHOWN = 10


@dataclass(frozen=True)
class Section:
    items: list[Any]
    total: int

    def __bool__(self) -> bool:
        return self.total > 0


@dataclass(frozen=True)
class NeedsAttention:
    overdue_issues: Section
    escalations: Section  # the open tiers this person owns or answers for
    concerns: Section  # measures whose concern began in the last NEW_CONCERN_DAYS
    proposals: Section

    @property
    def total(self) -> int:
        return self.overdue_issues.total + self.escalations.total + self.concerns.total + self.proposals.total

    def __bool__(self) -> bool:
        return self.total > 0


def _section(found: Any) -> Section:
    """The first few, and a count only when there may be more (a list is counted as it is)."""
    if isinstance(found, list):
        return Section(found[:SHOWN], len(found))
    if found.query.is_empty():
        # Out of the person's reach altogether (`policy.visible` gave none): nothing to ask for.
        return Section([], 0)
    items = list(found[:SHOWN])
    if len(items) < SHOWN:
        return Section(items, len(items))
    return Section(items, found.count())


def _overdue_issues(user: Any, today: dt.date) -> Section:
    issues = policy.visible(
        user,
        policy.Permission.VIEW,
        HuddleIssue.objects.filter(
            action__owner=user,
            action__status__in=OPEN_STATUSES,
            action__due_on__lt=today,
            escalation__isnull=True,
        ),
        unit_field="huddle__unit",
    ).select_related("huddle__unit", "action__owner", "escalation")
    return _section(issues.order_by("action__due_on", "pk"))


def _escalations(user: Any) -> Section:
    lead_paths = [g.path for g in policy.grants_of(user) if g.role in LEAD_ROLES]
    mine = Q(action__owner=user)
    if lead_paths:
        unowned_here = reduce(or_, (Q(unit__path__startswith=path) for path in lead_paths))
        mine |= Q(action__owner__isnull=True) & unowned_here
    found = policy.visible(
        user,
        policy.Permission.VIEW,
        EscalationTier.objects.filter(
            mine, action__status__in=OPEN_STATUSES, escalation__status=EscalationStatus.OPEN
        ),
        unit_field="escalation__origin_unit",
    )
    if found.query.is_empty():
        return Section([], 0)
    tiers = list(
        found.select_related("escalation__origin_unit", "unit", "action")
        # What the panel and the digest say of a tier, and the unit's path for who answers for it.
        .only(
            "escalation__title",
            "escalation__origin_unit__name",
            "unit__name",
            "unit__path",
            "action__owner_id",
            "action__due_on",
            "action__status",
        )
        .order_by("action__due_on", "pk")
    )
    # An unowned tier is this person's only if no leader nearer to it answers for it first.
    led = tiers_led_by(user, {t.unit for t in tiers if t.owner_id is None})
    return _section([t for t in tiers if t.owner_id is not None or t.unit_id in led])


def _concerns(user: Any, today: dt.date) -> Section:
    since = today - dt.timedelta(days=NEW_CONCERN_DAYS)
    found = (
        policy.visible(
            user,
            policy.Permission.VIEW,
            Measure.objects.filter(archived_at__isnull=True, snapshot__concern_since__gte=since),
        )
        .select_related("definition", "unit", "snapshot")
        # The list names the measure and when its concern began: never the stored result or picture.
        .only("definition__name", "unit__name", "snapshot__concern_since")
        .order_by("-snapshot__concern_since", "definition__name")
    )
    return _section(found)


def _proposals(user: Any) -> Section:
    """Proposals on the measures of the units where the person holds a role themselves: their teams.

    A role reaches the whole sub-tree, but deciding on a ward's signal is the ward's business; the
    leaders above see the escalation once the ward confirms it.
    """
    units = [g.unit_id for g in policy.grants_of(user)]
    found = (
        policy.visible(
            user,
            policy.Permission.CONTRIBUTE,
            EscalationProposal.objects.filter(status=ProposalStatus.PROPOSED, measure__unit_id__in=units),
            unit_field="measure__unit",
        )
        .select_related("measure__definition", "measure__unit")
        .only("detail", "measure__unit__name", "measure__definition__name")
        .order_by("-created_at")
    )
    return _section(found)


def needs_attention(user: Any, *, overdue_issues: bool = True) -> NeedsAttention:
    """Everything that needs the person now. My QMS asks without `overdue_issues`: it lists a
    person's huddle actions among all the actions they own (assurance's panel), so that list is
    left empty rather than read for nothing; the digest, which is control's alone, lists them."""
    today = timezone.localdate()
    return NeedsAttention(
        overdue_issues=_overdue_issues(user, today) if overdue_issues else Section([], 0),
        escalations=_escalations(user),
        concerns=_concerns(user, today),
        proposals=_proposals(user),
    )
