"""The needs register: what service users and the population need, who is affected, the evidence,
a score (impact × reach, docs/needs.md) and what came of it.

A need links to what answers it: strategic priorities, services (units), standards and projects
here; actions through their source ("planning.need"); quality plans register their own answer in
`openqms.planning.work` (the extension point), so this module does not need to know them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.assurance.models import Standard
from openqms.improvement.models import Project
from openqms.organisations.models import StrategicPriority, Unit


class NeedStatus(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    PLANNED = "planned", "Planned"
    MET = "met", "Met"
    DECLINED = "declined", "Declined"


class EvidenceSource(models.TextChoices):
    NEEDS_ASSESSMENT = "needs_assessment", "A needs assessment"
    COMPLAINTS = "complaints", "Complaints"
    FEEDBACK = "feedback", "Feedback"
    SURVEY = "survey", "A survey"
    DATA = "data", "Data"
    INCIDENTS = "incidents", "Incident themes"


SCALE = range(1, 6)


class Need(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="planning_needs")
    title = models.CharField(max_length=200, help_text="What is needed.")
    who_affected = models.TextField(max_length=1000)
    description = models.TextField(blank=True, max_length=4000)
    impact = models.PositiveSmallIntegerField(null=True, blank=True)
    reach = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=NeedStatus.choices, default=NeedStatus.NEW)
    decline_reason = models.TextField(blank=True, max_length=2000)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Raised through the service users' form: they follow it on "needs you raised".
    raised_by_service_user = models.BooleanField(default=False)
    priorities = models.ManyToManyField(StrategicPriority, blank=True, related_name="planning_needs")
    services = models.ManyToManyField(Unit, blank=True, related_name="planning_needs_answered")
    standards = models.ManyToManyField(Standard, blank=True, related_name="planning_needs")
    projects = models.ManyToManyField(Project, blank=True, related_name="planning_needs")
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(impact__isnull=True) | Q(impact__gte=1, impact__lte=5))
                & (Q(reach__isnull=True) | Q(reach__gte=1, reach__lte=5)),
                name="need_score_on_scale",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="need_declined_with_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int | None:
        """Impact × reach, 1 to 25; None until both are set (docs/needs.md)."""
        if self.impact is None or self.reach is None:
            return None
        return self.impact * self.reach


class NeedEvidence(models.Model):
    """What shows the need: its source, a date, and a file (kept as assurance keeps evidence files,
    under var/evidence/ with a random name) or a link."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="evidence")
    source = models.CharField(max_length=20, choices=EvidenceSource.choices)
    on = models.DateField()
    summary = models.CharField(max_length=300)
    link = models.URLField(max_length=500, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    stored_name = models.CharField(max_length=64, blank=True, unique=True, null=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return self.summary

    @property
    def unit(self) -> Unit:
        return self.need.unit
