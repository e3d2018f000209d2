"""A unit's yearly QMS maturity self-assessment and its ratings.

The framework itself is a file (framework.py), not rows: an assessment records which framework and
version it was made against, and each rating names its statement by code, so a later change of
framework leaves past assessments as they were made. Completing an assessment keeps the live
evidence as it stood (`evidence_json`), so last year's results read the same next year.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openqms.organisations.models import Unit


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class SelfAssessment(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="maturity_assessments")
    year = models.PositiveSmallIntegerField(help_text="The calendar year the assessment covers.")
    framework_code = models.CharField(max_length=60)
    framework_version = models.CharField(max_length=20)
    framework_title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # The live evidence when it was completed: {statement code: [evidence as plain values]}.
    evidence_json = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_self_assessment_per_unit_year"),
        ]

    def __str__(self) -> str:
        return f"QMS self-assessment {self.year}, {self.unit}"

    @property
    def is_completed(self) -> bool:
        return self.status == AssessmentStatus.COMPLETED


class Rating(models.Model):
    """One statement rated on the framework's scale, with what the rating rests on."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    statement_code = models.CharField(max_length=20)
    level = models.PositiveSmallIntegerField()
    evidence = models.TextField()
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "statement_code"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "statement_code"], name="one_rating_per_statement"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_code}: {self.level}"

    @property
    def unit(self) -> Unit:
        return self.assessment.unit
