"""Writes for tiered escalation and the proposals to escalate. Each runs in one transaction with
its audit entries.

An escalation tier's obligation to answer is an Action (docs/adr/0017): raised, changed and closed
through the actions services, so the action tracker and the boards read the same state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.actions.models import Action
from openqms.actions.models import Status as ActionStatus
from openqms.actions.services import tracker as actions
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control import links
from openqms.control.models import (
    Escalation,
    EscalationProposal,
    EscalationStatus,
    EscalationTier,
    HuddleIssue,
    Measure,
    ProposalReason,
    ProposalStatus,
    SpcSnapshot,
    TierStatus,
)
from openqms.control.selectors.huddles import leads_tier
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.unchanged import UNCHANGED

TIER_FIELDS = ("escalation", "unit", "level", "action", "status", "notes")
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
TITLE_MAX = Action._meta.get_field("title").max_length or 200


def action_title(text: str) -> tuple[str, str]:
    """An action's title, and its description only when the text is longer than a title."""
    text = text.strip()
    if len(text) <= TITLE_MAX:
        return text, ""
    return text[: TITLE_MAX - 1] + "…", text


def check_owner(owner: Any, unit: Unit) -> None:
    """An owner must be someone who can work on the unit's quality data."""
    if owner is not None and not policy.can(owner, policy.Permission.CONTRIBUTE, unit):
        raise ValidationError({"owner": f"{owner} has no role that reaches {unit}."})


def _stamp(notes: str, actor: User | None, text: str) -> str:
    stamp = timezone.localtime().strftime("%d %b %Y %H:%M")
    return f"{notes}\n{stamp} {actor}: {text}".strip()


def _next_tier_unit(unit: Unit) -> Unit:
    if unit.parent is None:
        raise ValidationError({"unit": f"{unit} is the top of the organisation: there is no tier above it."})
    return unit.parent


def _open_tier(
    actor: User | None,
    escalation: Escalation,
    unit: Unit,
    level: int,
    due_on: dt.date,
    owner: Any = None,
    **tier_fields: Any,
) -> EscalationTier:
    """A tier and the action that says who must answer for it by when, on the tier's own unit, so
    that it is overdue in the tracker of that unit and of every unit above it."""
    verb = "Escalate" if level == 0 else "Answer the escalation"
    action = actions.raise_action(
        actor=actor,
        unit=unit,
        title=action_title(f"{verb}: {escalation.title}")[0],
        owner=owner,
        due_on=due_on,
        source_label=links.escalation_title(escalation),
        source=links.escalation_source(escalation),
        kept_at_source=True,
    )
    tier = EscalationTier.objects.create(
        escalation=escalation, unit=unit, level=level, action=action, **tier_fields
    )
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=tier,
        changes=created(snapshot(tier, TIER_FIELDS)),
        unit_id=unit.pk,
    )
    return tier


def _close_tier(actor: User | None, tier: EscalationTier, status: str, notes: str, outcome: str) -> None:
    """The tier has answered (passed it up or resolved it); whoever did owns it if no one had."""
    before = snapshot(tier, TIER_FIELDS)
    tier.action = actions.settle_action(actor=actor, action=tier.action, outcome=outcome, owner=actor)
    tier.status, tier.notes = status, notes
    tier.save(update_fields=["status", "notes"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=tier,
        changes=diff(before, snapshot(tier, TIER_FIELDS)),
        unit_id=tier.unit_id,
    )


@transaction.atomic
def raise_escalation(
    *,
    actor: User,
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
    escalation = Escalation.objects.create(
        title=title.strip(),
        description=description.strip(),
        origin_unit=origin_unit,
        current_unit=target,
        raised_by=actor,
        source_issue=source_issue,
        source_measure=source_measure,
    )
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=escalation,
        changes=created(snapshot(escalation, ESCALATION_FIELDS)),
        unit_id=origin_unit.pk,
    )
    # The team's own tier is answered as it is raised: raising it was the team's answer.
    team = _open_tier(
        actor, escalation, origin_unit, 0, timezone.localdate(), owner=actor,
        status=TierStatus.ESCALATED, notes="Raised by the team.",
    )  # fmt: skip
    actions.settle_action(actor=actor, action=team.action, outcome=f"Passed up to {target.name}.")
    _open_tier(
        actor, escalation, target, 1, due_on or timezone.localdate() + dt.timedelta(days=DEFAULT_TIER_DAYS)
    )
    return escalation


def current_tier(escalation: Escalation) -> EscalationTier:
    tier = escalation.tiers.select_related("unit", "action__owner").order_by("-level").first()
    assert tier is not None  # every escalation is created with two tiers
    return tier


def _require_lead_on(actor: User | None, unit: Unit) -> None:
    # Leading somewhere above is not enough: the leaders nearest the tier answer for it, so a
    # board leader cannot take over a service's tier before the service has passed it up.
    if not leads_tier(actor, unit):
        raise ValidationError(f"Only the leaders who answer for {unit} can act for this tier.")


@transaction.atomic
def update_tier(
    *,
    actor: User | None,
    tier: EscalationTier,
    owner: Any = None,
    due_on: dt.date | None = None,
    note: str = "",
) -> EscalationTier:
    """The tier takes ownership, sets its due date and adds what it did."""
    _require_lead_on(actor, tier.unit)
    if tier.closed_at is not None:
        raise ValidationError("This tier has already passed the escalation on or resolved it.")
    check_owner(owner, tier.unit)
    tier.action = actions.update_action(
        actor=actor,
        action=tier.action,
        by_source=True,
        status=ActionStatus.IN_PROGRESS,
        owner=UNCHANGED if owner is None else owner,
        due_on=UNCHANGED if due_on is None else due_on,
    )
    before = snapshot(tier, TIER_FIELDS)
    if note.strip():
        tier.notes = _stamp(tier.notes, actor, note.strip())
    tier.status = TierStatus.IN_PROGRESS
    tier.save(update_fields=["status", "notes"])
    changes = diff(before, snapshot(tier, TIER_FIELDS))
    if changes:
        record(
            actor=actor, action=AuditEntry.Action.UPDATE, target=tier, changes=changes, unit_id=tier.unit_id
        )
    return tier


@transaction.atomic
def escalate_further(
    *, actor: User | None, escalation: Escalation, note: str, due_on: dt.date | None = None
) -> EscalationTier:
    """The current tier cannot solve it either: pass it to the tier above."""
    tier = current_tier(escalation)
    _require_lead_on(actor, tier.unit)
    if escalation.status != EscalationStatus.OPEN:
        raise ValidationError("This escalation is already resolved.")
    if not note.strip():
        raise ValidationError({"note": "Say what this tier did and why it goes further up."})
    target = _next_tier_unit(tier.unit)
    _close_tier(
        actor,
        tier,
        TierStatus.ESCALATED,
        _stamp(tier.notes, actor, note.strip()),
        f"Passed up to {target.name}: {note.strip()}",
    )
    up = _open_tier(
        actor,
        escalation,
        target,
        tier.level + 1,
        due_on or timezone.localdate() + dt.timedelta(days=DEFAULT_TIER_DAYS),
    )
    before_esc = snapshot(escalation, ESCALATION_FIELDS)
    escalation.current_unit = target
    escalation.save(update_fields=["current_unit"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=escalation,
        changes=diff(before_esc, snapshot(escalation, ESCALATION_FIELDS)),
        unit_id=escalation.origin_unit_id,
    )
    return up


@transaction.atomic
def resolve_escalation(*, actor: User | None, escalation: Escalation, resolution: str) -> Escalation:
    tier = current_tier(escalation)
    _require_lead_on(actor, tier.unit)
    if escalation.status != EscalationStatus.OPEN:
        raise ValidationError("This escalation is already resolved.")
    if not resolution.strip():
        raise ValidationError({"resolution": "Say how it was resolved."})
    # The chain shows what each tier did: the resolving tier's part is the resolution.
    _close_tier(
        actor,
        tier,
        TierStatus.RESOLVED,
        _stamp(tier.notes, actor, f"Resolved: {resolution.strip()}"),
        f"Resolved by {tier.unit.name}: {resolution.strip()}",
    )
    before_esc = snapshot(escalation, ESCALATION_FIELDS)
    escalation.status, escalation.resolution, escalation.resolved_at = (
        EscalationStatus.RESOLVED,
        resolution.strip(),
        tier.closed_at,
    )
    escalation.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=escalation,
        changes=diff(before_esc, snapshot(escalation, ESCALATION_FIELDS)),
        unit_id=escalation.origin_unit_id,
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
    *, actor: User, proposal: EscalationProposal, title: str = "", note: str = ""
) -> Escalation:
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError("This proposal has already been decided.")
    if not policy.can(actor, policy.Permission.CONTRIBUTE, proposal.measure.unit):
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
def dismiss_proposal(*, actor: User | None, proposal: EscalationProposal, reason: str) -> EscalationProposal:
    if proposal.status != ProposalStatus.PROPOSED:
        raise ValidationError("This proposal has already been decided.")
    if not policy.can(actor, policy.Permission.CONTRIBUTE, proposal.measure.unit):
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
