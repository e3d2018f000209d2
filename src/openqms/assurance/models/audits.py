"""Audit templates and audits. An AuditTemplate keeps numbered TemplateVersions; an AuditRun keeps
the version it was run with, so publishing a new version never changes a finished audit. Answers
are saved one at a time; a completed audit keeps a StandardScore per standard.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.assurance.models.standards import Standard
from openqms.organisations.models import Organisation, Unit

# --- audit templates -----------------------------------------------------------------------------


class AuditTemplate(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="audit_templates")
    owner_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="owned_audit_templates")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="audit_template_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.owner_unit


class TemplateVersion(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    purpose = models.TextField(blank=True)
    sample_size = models.PositiveIntegerField(default=1, help_text="Records (patients, beds…) per audit.")
    pass_threshold = models.FloatField(default=85.0, help_text="Percentage needed to pass.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_unique"),
            models.CheckConstraint(condition=Q(sample_size__gte=1), name="template_sample_at_least_one"),
            models.CheckConstraint(
                condition=Q(pass_threshold__gte=0) & Q(pass_threshold__lte=100),
                name="template_threshold_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"

    @property
    def unit(self) -> Unit:
        return self.template.owner_unit

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", "Yes, no or not applicable"
    CHOICE = "choice", "One of a list of choices"
    NUMBER = "number", "A number"
    TEXT = "text", "Text"
    DATE = "date", "A date"


class Question(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices)
    # Choice questions: one choice a line; those that meet the standard are listed in `passing`.
    choices = models.TextField(blank=True)
    passing = models.TextField(blank=True, help_text="Choices that meet the standard, one a line.")
    # Number questions: the range that meets the standard (either end may be open).
    minimum = models.FloatField(null=True, blank=True)
    maximum = models.FloatField(null=True, blank=True)
    standard = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    weight = models.FloatField(default=1.0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="question_position_unique"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="question_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def unit(self) -> Unit:
        return self.version.template.owner_unit

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]

    @property
    def passing_list(self) -> list[str]:
        return [c.strip() for c in self.passing.splitlines() if c.strip()]

    @property
    def is_scored(self) -> bool:
        return (
            self.answer_type in (AnswerType.YES_NO, AnswerType.CHOICE, AnswerType.NUMBER) and self.weight > 0
        )


# --- audits --------------------------------------------------------------------------------------


class Recurrence(models.TextChoices):
    ONCE = "once", "Once"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every quarter"
    YEARLY = "yearly", "Every year"


RECURRENCE_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}


class RunStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class AuditRun(models.Model):
    """One audit of one unit: scheduled, carried out record by record, then completed and scored."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="audit_runs")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="runs")
    # Fixed when the audit starts: the questions it was run with, whatever is published later.
    version = models.ForeignKey(
        TemplateVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="runs"
    )
    due_on = models.DateField()
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.SCHEDULED)
    assignees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="audit_runs")
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_run"
    )
    shared_with_service_users = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "unit__path"]

    def __str__(self) -> str:
        return f"{self.template.name}, {self.unit.name}, due {self.due_on:%d %b %Y}"


class Answer(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="answers")
    record_number = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=2000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["run", "record_number", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "record_number", "question"], name="answer_one_per_question_and_record"
            )
        ]

    def __str__(self) -> str:
        return f"record {self.record_number}, question {self.question_id}: {self.value}"

    @property
    def unit(self) -> Unit:
        return self.run.unit


class StandardScore(models.Model):
    """A completed audit's score for one standard, kept for the heat map and the charts."""

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="standard_scores")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="scores")
    score = models.FloatField()
    passed = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "standard"], name="standard_score_one_per_run")]

    def __str__(self) -> str:
        return f"{self.standard.code} {self.score:.0f}% in run {self.run_id}"

    @property
    def unit(self) -> Unit:
        return self.run.unit
