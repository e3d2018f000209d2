"""Annual quality plans: what a unit takes on for a year, for which strategic priorities, and how.

A plan belongs to a unit and an NHS financial year (`year` 2026 is 2026/27, 1 April to 31 March).
Its team leader drafts it; the leaders of the tier above approve it and the leaders of the top unit
sign it off. Approval carries the plan out (services.plans.approve): each PlanTarget, PlanAudit and
PlanProject then points at the TargetChange, AuditRun or Project it made, so the link records sit
here in planning and the lower apps know nothing of plans (ADR 0027).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from openqms.assurance.models import AuditRun, AuditTemplate
from openqms.assurance.models.audits import Recurrence
from openqms.control.models.measures import Measure, TargetChange
from openqms.improvement.models import Project
from openqms.organisations.models import StrategicPriority, Unit

# Quality Accounts ask each provider for at least three priorities for improvement a year.
MINIMUM_IMPROVEMENT_PRIORITIES = 3
# The kind of source the needs register registers with `openqms.links` for its needs.
NEED_KIND = "planning.need"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    RETURNED = "returned", "Returned with comments"
    APPROVED = "approved", "Approved"
    SIGNED_OFF = "signed_off", "Signed off"


LOCKED = frozenset({PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.SIGNED_OFF})
EDITABLE = frozenset({PlanStatus.DRAFT, PlanStatus.RETURNED})


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def year_of(day: dt.date) -> int:
    """The financial year a day falls in."""
    return day.year if day.month >= 4 else day.year - 1


class QualityPlan(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="quality_plans")
    year = models.PositiveSmallIntegerField(help_text="The financial year it starts in: 2026 is 2026/27.")
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    shared_with_service_users = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="quality_plan_one_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} quality plan {self.year_label}"

    @property
    def year_label(self) -> str:
        return year_label(self.year)

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_approved(self) -> bool:
        return self.status in (PlanStatus.APPROVED, PlanStatus.SIGNED_OFF)


class PlanPriority(models.Model):
    """A strategic priority the unit takes on for the year."""

    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="priorities")
    priority = models.ForeignKey(StrategicPriority, on_delete=models.PROTECT, related_name="plan_priorities")
    is_improvement_priority = models.BooleanField(default=True)
    why = models.TextField(blank=True, help_text="Why the unit takes it on this year.")
    resources = models.TextField(blank=True, help_text="People, time, money and skills it needs.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "priority__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "priority"], name="plan_priority_once")]

    def __str__(self) -> str:
        return f"{self.priority.title} in {self.plan}"

    @property
    def unit(self) -> Unit:
        return self.plan.unit


class _PlanItem(models.Model):
    """What a plan priority holds; its unit, for the access policy, is the plan's."""

    plan_priority: PlanPriority

    class Meta:
        abstract = True

    @property
    def unit(self) -> Unit:
        return self.plan_priority.plan.unit


class PlanTarget(_PlanItem):
    """A target control will watch on one of the unit's measures; approval sets it from the year's start."""

    plan_priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="targets")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="plan_targets")
    target = models.FloatField()
    target_change = models.ForeignKey(
        TargetChange, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_targets"
    )

    class Meta:
        ordering = ["plan_priority", "measure__definition__name"]
        constraints = [models.UniqueConstraint(fields=["plan_priority", "measure"], name="plan_target_once")]

    def __str__(self) -> str:
        return f"{self.measure.definition.name}: target {self.target:g}"


class PlanAudit(_PlanItem):
    """An audit assurance will run; approval schedules it."""

    plan_priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="audits")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="plan_audits")
    due_on = models.DateField()
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE)
    audit_run = models.ForeignKey(
        AuditRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_audits"
    )

    class Meta:
        ordering = ["plan_priority", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.template.name} by {self.due_on}"


class PlanProject(_PlanItem):
    """Improvement work planned; approval proposes it in the portfolio as a project at its idea stage."""

    plan_priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=200)
    aim = models.TextField()
    aim_measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="plan_projects")
    aim_target = models.FloatField()
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_projects"
    )

    class Meta:
        ordering = ["plan_priority", "title"]

    def __str__(self) -> str:
        return self.title


class PlanNeed(_PlanItem):
    """A need the priority answers, as a source kind and id (`openqms.links`).

    The needs register is its own part of planning; it registers the kind `NEED_KIND` with
    `openqms.links` when it is installed, and only then can needs be added here (ADR 0027).
    """

    plan_priority = models.ForeignKey(PlanPriority, on_delete=models.CASCADE, related_name="needs")
    need_kind = models.CharField(max_length=40)
    need_id = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["plan_priority", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan_priority", "need_kind", "need_id"], name="plan_need_once")
        ]

    def __str__(self) -> str:
        return f"{self.need_kind} {self.need_id}"


class CommentKind(models.TextChoices):
    COMMENT = "comment", "Comment"
    RETURNED = "returned", "Returned with comments"
    APPROVED = "approved", "Approved"


class PlanComment(models.Model):
    """What the team, service users and approvers said about the plan."""

    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=CommentKind.choices, default=CommentKind.COMMENT)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.plan}"

    @property
    def unit(self) -> Unit:
        return self.plan.unit


class PlanAmendment(models.Model):
    """An approved plan opened again for a change, with the reason."""

    plan = models.ForeignKey(QualityPlan, on_delete=models.CASCADE, related_name="amendments")
    reason = models.TextField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "made_at", "pk"]

    def __str__(self) -> str:
        return f"Amendment to {self.plan}"

    @property
    def unit(self) -> Unit:
        return self.plan.unit
