"""Huddles and tiered escalation: how a team raises what it cannot solve, tier by tier up the tree."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from openqms.organisations.models import Unit

from .measures import Measure


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


class HuddleIssue(models.Model):
    """An issue raised at a huddle, with its owner and due date."""

    huddle = models.ForeignKey(Huddle, on_delete=models.PROTECT, related_name="issues")
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=IssueOutcome.choices, default=IssueOutcome.OPEN)
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["huddle", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def unit(self) -> Unit:
        return self.huddle.unit

    @property
    def is_overdue(self) -> bool:
        due = self.due_on
        return self.outcome == IssueOutcome.OPEN and due is not None and due < timezone.localdate()


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


class EscalationTier(models.Model):
    """What one tier did with an escalation: its owner, due date, status and notes."""

    escalation = models.ForeignKey(Escalation, on_delete=models.PROTECT, related_name="tiers")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        help_text="0 for the team that raised it, then 1, 2 … up the tree."
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=TierStatus.choices, default=TierStatus.AWAITING)
    notes = models.TextField(blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["escalation", "level"]
        constraints = [
            models.UniqueConstraint(fields=["escalation", "level"], name="escalation_tier_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.escalation} at {self.unit}"

    @property
    def is_overdue(self) -> bool:
        return self.closed_at is None and self.due_on < timezone.localdate()


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
