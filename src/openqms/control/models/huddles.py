"""Huddles and tiered escalation: how a team raises what it cannot solve, tier by tier up the tree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from openqms.actions.models import Action, Status
from openqms.control.models.measures import Measure
from openqms.organisations.models import Unit


class Huddle(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="huddles")
    held_on = models.DateField()
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="huddles_attended", blank=True)
    other_attendees = models.CharField(max_length=300, blank=True, help_text="People without an account.")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"Huddle on {self.held_on:%d %b %Y}"


class IssueOutcome(models.TextChoices):
    OPEN = "open", "Open: the owner is working on it"
    SOLVED = "solved", "Solved"
    ESCALATED = "escalated", "Escalated"
    # Only from the action tracker, which may cancel an action; a huddle records the other three.
    CANCELLED = "cancelled", "Cancelled"


class _ReadsItsAction:
    """What a record backed by an `Action` reads from it, so its pages and the board keep their words."""

    action: Action

    @property
    def owner(self) -> Any:
        return self.action.owner

    @property
    def owner_id(self) -> int | None:
        return self.action.owner_id

    @property
    def due_on(self) -> dt.date:
        return self.action.due_on

    @property
    def closed_at(self) -> dt.datetime | None:
        return self.action.closed_at


class HuddleIssue(_ReadsItsAction, models.Model):
    """An issue raised at a huddle. What must be done, by whom and by when, and whether it was, is
    its Action (one model for every action: docs/adr/0017); what is the huddle's own stays here.
    It was escalated when an escalation names it as its source."""

    huddle = models.ForeignKey(Huddle, on_delete=models.PROTECT, related_name="issues")
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="huddle_issue")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["huddle", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def unit(self) -> Unit:
        return self.huddle.unit

    @property
    def description(self) -> str:
        # A description longer than an action's title is kept whole as the action's description.
        return self.action.description or self.action.title

    @property
    def is_escalated(self) -> bool:
        return hasattr(self, "escalation")

    @property
    def outcome(self) -> str:
        if self.is_escalated:
            return IssueOutcome.ESCALATED
        if self.action.is_open:
            return IssueOutcome.OPEN
        return IssueOutcome.SOLVED if self.action.status == Status.CLOSED else IssueOutcome.CANCELLED

    def get_outcome_display(self) -> str:
        return IssueOutcome(self.outcome).label

    @property
    def is_overdue(self) -> bool:
        return self.outcome == IssueOutcome.OPEN and self.action.is_overdue


class EscalationStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Escalation(models.Model):
    """An issue a team could not solve, carried up the tree one tier at a time.

    Its unit for access is the team it came from: every tier is an ancestor of that team, so the
    people on each tier reach it through their sub-tree.
    """

    title = models.CharField(max_length=200)
    description = models.TextField()
    origin_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="escalations_raised")
    current_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="escalations_held")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.OPEN)
    resolution = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    source_issue = models.OneToOneField(
        HuddleIssue, null=True, blank=True, on_delete=models.PROTECT, related_name="escalation"
    )
    source_measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        return self.origin_unit


class TierStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting this tier"
    IN_PROGRESS = "in_progress", "Being worked on"
    ESCALATED = "escalated", "Escalated to the next tier"
    RESOLVED = "resolved", "Resolved here"


class EscalationTier(_ReadsItsAction, models.Model):
    """What one tier did with an escalation: its status and notes. The tier's obligation to answer
    (owner, due date, when it was closed) is its Action on the tier's unit, so an overdue tier shows
    in the action tracker and on every tier above like any other overdue action (docs/adr/0017)."""

    escalation = models.ForeignKey(Escalation, on_delete=models.PROTECT, related_name="tiers")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        help_text="0 for the team that raised it, then 1, 2 … up the tree."
    )
    action = models.OneToOneField(Action, on_delete=models.PROTECT, related_name="escalation_tier")
    status = models.CharField(max_length=12, choices=TierStatus.choices, default=TierStatus.AWAITING)
    notes = models.TextField(blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["escalation", "level"]
        constraints = [
            models.UniqueConstraint(fields=["escalation", "level"], name="escalation_tier_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.escalation} at {self.unit}"

    @property
    def is_overdue(self) -> bool:
        return self.action.is_overdue


class ProposalReason(models.TextChoices):
    CONCERN = "concern", "Special-cause concern"
    MISSED_TARGETS = "missed_targets", "A run of missed targets"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting the team"
    CONFIRMED = "confirmed", "Escalated"
    DISMISSED = "dismissed", "Dismissed"


class EscalationProposal(models.Model):
    """An escalation the system proposes from a measure's signal; the team confirms or dismisses it."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="escalation_proposals")
    reason = models.CharField(max_length=20, choices=ProposalReason.choices)
    period = models.DateField(help_text="The period whose data raised the signal.")
    detail = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    dismissal_reason = models.CharField(max_length=300, blank=True)
    escalation = models.OneToOneField(
        Escalation, null=True, blank=True, on_delete=models.PROTECT, related_name="proposal"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "reason", "period"], name="proposal_once_per_signal")
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on {self.measure}"

    @property
    def unit(self) -> Unit:
        return self.measure.unit
