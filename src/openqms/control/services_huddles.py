"""Writes for huddles and tiered escalation. Each runs in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, diff, record, record_many, snapshot
from openqms.organisations.models import Unit

from .models import (
    Escalation,
    EscalationProposal,
    EscalationStatus,
    EscalationTier,
    Huddle,
    HuddleIssue,
    IssueOutcome,
    Measure,
    ProposalReason,
    ProposalStatus,
    SpcSnapshot,
    TierStatus,
)
from .selectors_huddles import leads_tier

ISSUE_FIELDS = ("huddle", "description", "owner", "due_on", "outcome", "measure", "closed_at")
TIER_FIELDS = ("escalation", "unit", "level", "owner", "due_on", "status", "notes", "closed_at")
ESCALATION_FIELDS = (
    "title",
    "description",
    "origin_unit",
    "current_unit",
    "status",
    "resolution",
    "resolved_at",
)

# A tier that takes an escalation has this long to act, unless a due date is given.
DEFAULT_TIER_DAYS = 7


@dataclass(frozen=True)
class IssueInput:
    description: str
    owner: Any = None
    due_on: dt.date | None = None
    outcome: str = IssueOutcome.OPEN
    measure: Measure | None = None


def _check_owner(owner: Any, unit: Unit) -> None:
    """An owner must be someone who can work on the unit's quality data."""
    if owner is not None and not policy.can(owner, policy.Action.CONTRIBUTE, unit):
        raise ValidationError({"owner": f"{owner} has no role that reaches {unit}."})


@transaction.atomic
def record_huddle(
    *,
    actor: Any,
    unit: Unit,
    held_on: dt.date,
    attendees: Sequence[Any] = (),
    other_attendees: str = "",
    notes: str = "",
    issues: Sequence[IssueInput] = (),
) -> Huddle:
    """A huddle with who came and the issues raised; issues marked escalated go to the next tier."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "A huddle cannot be recorded for a date in the future."})
    for index, issue in enumerate(issues):
        if not issue.description.strip():
            raise ValidationError({f"issues-{index}-description": "Describe the issue."})
        if issue.outcome == IssueOutcome.OPEN and (issue.owner is None or issue.due_on is None):
            raise ValidationError({f"issues-{index}-owner": "An open issue needs an owner and a due date."})
        _check_owner(issue.owner, unit)
    huddle = Huddle.objects.create(
        unit=unit,
        held_on=held_on,
        other_attendees=other_attendees.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    huddle.attendees.set(attendees)
    changes = [
        Change(
            AuditEntry.Action.CREATE,
            huddle,
            created(
                {
                    "unit": unit.pk,
                    "held_on": held_on.isoformat(),
                    "attendees": sorted(str(a) for a in attendees),
                    "other_attendees": huddle.other_attendees,
                    "notes": huddle.notes,
                }
            ),
            unit.pk,
        )
    ]
    escalate: list[HuddleIssue] = []
    for issue in issues:
        row = HuddleIssue.objects.create(
            huddle=huddle,
            description=issue.description.strip(),
            owner=issue.owner,
            due_on=issue.due_on,
            outcome=issue.outcome,
            measure=issue.measure,
            closed_at=timezone.now() if issue.outcome == IssueOutcome.SOLVED else None,
        )
        changes.append(Change(AuditEntry.Action.CREATE, row, created(snapshot(row, ISSUE_FIELDS)), unit.pk))
        if issue.outcome == IssueOutcome.ESCALATED:
            escalate.append(row)
    record_many(actor=actor, changes=changes)
    for row in escalate:
        raise_escalation(
            actor=actor,
            origin_unit=unit,
            title=row.description[:200],
            description=row.description,
            source_issue=row,
            source_measure=row.measure,
        )
    return huddle


@transaction.atomic
def close_issue(*, actor: Any, issue: HuddleIssue, outcome: str = IssueOutcome.SOLVED) -> HuddleIssue:
    before = snapshot(issue, ISSUE_FIELDS)
    if outcome == IssueOutcome.ESCALATED:
        issue.outcome = outcome
        issue.save(update_fields=["outcome"])
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=issue,
            changes=diff(before, snapshot(issue, ISSUE_FIELDS)),
            unit_id=issue.huddle.unit_id,
        )
        raise_escalation(
            actor=actor,
            origin_unit=issue.huddle.unit,
            title=issue.description[:200],
            description=issue.description,
            source_issue=issue,
            source_measure=issue.measure,
        )
        return issue
    issue.outcome = IssueOutcome.SOLVED
    issue.closed_at = timezone.now()
    issue.save(update_fields=["outcome", "closed_at"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=issue,
        changes=diff(before, snapshot(issue, ISSUE_FIELDS)),
        unit_id=issue.huddle.unit_id,
    )
    return issue


def _next_tier_unit(unit: Unit) -> Unit:
    if unit.parent is None:
        raise ValidationError({"unit": f"{unit} is the top of the organisation: there is no tier above it."})
    return unit.parent


@transaction.atomic
def raise_escalation(
    *,
    actor: Any,
    origin_unit: Unit,
    title: str,
    description: str,
    source_issue: HuddleIssue | None = None,
    source_measure: Measure | None = None,
    due_on: dt.date | None = None,
) -> Escalation:
    """Raise an issue from a team to the tier above: the team's record is tier 0, the next is tier 1."""
    if not title.strip():
        raise ValidationError({"title": "Give the escalation a title."})
    target = _next_tier_unit(origin_unit)
    now = timezone.now()
    escalation = Escalation.objects.create(
        title=title.strip(),
        description=description.strip(),
        origin_unit=origin_unit,
        current_unit=target,
        raised_by=actor,
        source_issue=source_issue,
        source_measure=source_measure,
    )
    team_tier = EscalationTier.objects.create(
        escalation=escalation,
        unit=origin_unit,
        level=0,
        owner=actor,
        due_on=timezone.localdate(),
        status=TierStatus.ESCALATED,
        notes="Raised by the team.",
        closed_at=now,
    )
    up = EscalationTier.objects.create(
        escalation=escalation,
        unit=target,
        level=1,
        owner=None,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=DEFAULT_TIER_DAYS),
    )
    record_many(
        actor=actor,
        changes=[
            Change(
                AuditEntry.Action.CREATE,
                escalation,
                created(snapshot(escalation, ESCALATION_FIELDS)),
                origin_unit.pk,
            ),
            Change(
                AuditEntry.Action.CREATE, team_tier, created(snapshot(team_tier, TIER_FIELDS)), origin_unit.pk
            ),
            Change(AuditEntry.Action.CREATE, up, created(snapshot(up, TIER_FIELDS)), target.pk),
        ],
    )
    return escalation


def current_tier(escalation: Escalation) -> EscalationTier:
    tier = escalation.tiers.order_by("-level").first()
    assert tier is not None  # every escalation is created with two tiers
    return tier


def _require_lead_on(actor: Any, unit: Unit) -> None:
    # Leading somewhere above is not enough: the leaders nearest the tier answer for it, so a
    # board leader cannot take over a service's tier before the service has passed it up.
    if not leads_tier(actor, unit):
        raise ValidationError(f"Only the leaders who answer for {unit} can act for this tier.")


@transaction.atomic
def update_tier(
    *, actor: Any, tier: EscalationTier, owner: Any = None, due_on: dt.date | None = None, note: str = ""
) -> EscalationTier:
    """The tier takes ownership, sets its due date and adds what it did."""
    _require_lead_on(actor, tier.unit)
    if tier.closed_at is not None:
        raise ValidationError("This tier has already passed the escalation on or resolved it.")
    _check_owner(owner, tier.unit)
    before = snapshot(tier, TIER_FIELDS)
    if owner is not None:
        tier.owner = owner
    if due_on is not None:
        tier.due_on = due_on
    if note.strip():
        stamp = timezone.localtime().strftime("%d %b %Y %H:%M")
        tier.notes = f"{tier.notes}\n{stamp} {actor}: {note.strip()}".strip()
    tier.status = TierStatus.IN_PROGRESS
    tier.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=tier,
        changes=diff(before, snapshot(tier, TIER_FIELDS)),
        unit_id=tier.unit_id,
    )
    return tier


@transaction.atomic
def escalate_further(
    *, actor: Any, escalation: Escalation, note: str, due_on: dt.date | None = None
) -> EscalationTier:
    """The current tier cannot solve it either: pass it to the tier above."""
    tier = current_tier(escalation)
    _require_lead_on(actor, tier.unit)
    if escalation.status != EscalationStatus.OPEN:
        raise ValidationError("This escalation is already resolved.")
    if not note.strip():
        raise ValidationError({"note": "Say what this tier did and why it goes further up."})
    target = _next_tier_unit(tier.unit)
    before_tier = snapshot(tier, TIER_FIELDS)
    stamp = timezone.localtime().strftime("%d %b %Y %H:%M")
    tier.notes = f"{tier.notes}\n{stamp} {actor}: {note.strip()}".strip()
    tier.owner = tier.owner or actor  # who passed it on answers for this tier's part
    tier.status, tier.closed_at = TierStatus.ESCALATED, timezone.now()
    tier.save()
    up = EscalationTier.objects.create(
        escalation=escalation,
        unit=target,
        level=tier.level + 1,
        due_on=due_on or timezone.localdate() + dt.timedelta(days=DEFAULT_TIER_DAYS),
    )
    before_esc = snapshot(escalation, ESCALATION_FIELDS)
    escalation.current_unit = target
    escalation.save(update_fields=["current_unit"])
    record_many(
        actor=actor,
        changes=[
            Change(
                AuditEntry.Action.UPDATE, tier, diff(before_tier, snapshot(tier, TIER_FIELDS)), tier.unit_id
            ),
            Change(AuditEntry.Action.CREATE, up, created(snapshot(up, TIER_FIELDS)), target.pk),
            Change(
                AuditEntry.Action.UPDATE,
                escalation,
                diff(before_esc, snapshot(escalation, ESCALATION_FIELDS)),
                escalation.origin_unit_id,
            ),
        ],
    )
    return up


@transaction.atomic
def resolve_escalation(*, actor: Any, escalation: Escalation, resolution: str) -> Escalation:
    tier = current_tier(escalation)
    _require_lead_on(actor, tier.unit)
    if escalation.status != EscalationStatus.OPEN:
        raise ValidationError("This escalation is already resolved.")
    if not resolution.strip():
        raise ValidationError({"resolution": "Say how it was resolved."})
    now = timezone.now()
    before_tier, before_esc = snapshot(tier, TIER_FIELDS), snapshot(escalation, ESCALATION_FIELDS)
    # The chain shows what each tier did: the resolving tier's part is the resolution, and whoever
    # resolved it owns the tier if no one had taken it.
    stamp = timezone.localtime().strftime("%d %b %Y %H:%M")
    tier.notes = f"{tier.notes}\n{stamp} {actor}: Resolved: {resolution.strip()}".strip()
    tier.owner = tier.owner or actor
    tier.status, tier.closed_at = TierStatus.RESOLVED, now
    tier.save()
    escalation.status, escalation.resolution, escalation.resolved_at = (
        EscalationStatus.RESOLVED,
        resolution.strip(),
        now,
    )
    escalation.save()
    record_many(
        actor=actor,
        changes=[
            Change(
                AuditEntry.Action.UPDATE, tier, diff(before_tier, snapshot(tier, TIER_FIELDS)), tier.unit_id
            ),
            Change(
                AuditEntry.Action.UPDATE,
                escalation,
                diff(before_esc, snapshot(escalation, ESCALATION_FIELDS)),
                escalation.origin_unit_id,
            ),
        ],
    )
    return escalation


# How many consecutive missed targets make a run worth escalating.
MISSED_TARGET_RUN = 3


def _missed_target_run(points: list[dict[str, Any]], direction: str) -> bool:
    recent = [p for p in points if p.get("value") is not None][-MISSED_TARGET_RUN:]
    if len(recent) < MISSED_TARGET_RUN or direction == "neither":
        return False
    for p in recent:
        target = p.get("target")
        if target is None:
            return False
        if (direction == "increase" and p["value"] >= target) or (
            direction == "decrease" and p["value"] <= target
        ):
            return False
    return True


@transaction.atomic
def propose_escalations(*, measure_ids: Sequence[int]) -> list[EscalationProposal]:
    """Propose an escalation where a measure's latest point is a concern or misses its target in a run.

    One proposal per signal and period, so recomputing never proposes the same thing twice.
    """
    proposals: list[EscalationProposal] = []
    snapshots = SpcSnapshot.objects.filter(measure_id__in=measure_ids).select_related("measure__definition")
    existing = set(
        EscalationProposal.objects.filter(measure_id__in=measure_ids).values_list(
            "measure_id", "reason", "period"
        )
    )
    for snap in snapshots:
        if snap.last_period is None:
            continue
        result = snap.result
        direction = snap.measure.definition.direction
        candidates = []
        if snap.last_point_type == "special_cause_concern":
            since = snap.concern_since or snap.last_period
            candidates.append(
                (
                    ProposalReason.CONCERN,
                    f"Special-cause concern since {since:%d %b %Y}: latest value {snap.last_value:g}.",
                )
            )
        if _missed_target_run(result["points"], direction):
            candidates.append(
                (ProposalReason.MISSED_TARGETS, f"The last {MISSED_TARGET_RUN} values all missed the target.")
            )
        for reason, detail in candidates:
            if (snap.measure_id, reason, snap.last_period) in existing:
                continue
            proposals.append(
                EscalationProposal(
                    measure_id=snap.measure_id, reason=reason, period=snap.last_period, detail=detail
                )
            )
    EscalationProposal.objects.bulk_create(proposals)
    # Proposals are the system's suggestions; they enter the audit trail when someone decides on them.
    return proposals


@transaction.atomic
def confirm_proposal(
    *, actor: Any, proposal: EscalationProposal, title: str = "", note: str = ""
) -> Escalation:
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError("This proposal has already been decided.")
    if not policy.can(actor, policy.Action.CONTRIBUTE, proposal.measure.unit):
        raise ValidationError("Only the team can confirm this proposal.")
    escalation = raise_escalation(
        actor=actor,
        origin_unit=proposal.measure.unit,
        title=title or f"{proposal.measure.definition.name}: {proposal.get_reason_display().lower()}",
        description=f"{proposal.detail}\n{note}".strip(),
        source_measure=proposal.measure,
    )
    before = {"status": proposal.status}
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.CONFIRMED,
        actor,
        timezone.now(),
    )
    proposal.escalation = escalation
    proposal.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=proposal,
        changes=diff(before, {"status": proposal.status}),
        unit_id=proposal.measure.unit_id,
    )
    return escalation


@transaction.atomic
def dismiss_proposal(*, actor: Any, proposal: EscalationProposal, reason: str) -> EscalationProposal:
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError("This proposal has already been decided.")
    if not policy.can(actor, policy.Action.CONTRIBUTE, proposal.measure.unit):
        raise ValidationError("Only the team can dismiss this proposal.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why this signal does not need escalating."})
    proposal.status, proposal.decided_by, proposal.decided_at = (
        ProposalStatus.DISMISSED,
        actor,
        timezone.now(),
    )
    proposal.dismissal_reason = reason.strip()
    proposal.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=proposal,
        changes={
            "status": [ProposalStatus.PROPOSED, ProposalStatus.DISMISSED],
            "dismissal_reason": [None, reason.strip()],
        },
        unit_id=proposal.measure.unit_id,
    )
    return proposal
