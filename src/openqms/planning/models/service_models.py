"""Service models and pathways, per service (a unit), versioned.

Each `ServiceModel` row is one version: the population served, the model (what, where, who), the
team's structure and job roles, the pathway's ordered steps with the standards and measures that
apply at each, and the service specification, whose quality requirements are each a measure with
a threshold. Consultants, senior clinicians and senior leaders propose a version (a draft); a
leader's planning decision puts it in use (a new or changed service) or stops the service, and
records the rationale and the needs behind it. The version it replaces is kept as superseded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.access.models import Role
from openqms.assurance.models import Standard
from openqms.control.models import MeasureDefinition
from openqms.organisations.models import Unit


class ServiceModelStatus(models.TextChoices):
    DRAFT = "draft", "Proposed"
    CURRENT = "current", "In use"
    SUPERSEDED = "superseded", "Replaced"
    STOPPED = "stopped", "Stopped"


class ChangeKind(models.TextChoices):
    NEW = "new", "A new service"
    CHANGED = "changed", "A changed service"
    STOPPED = "stopped", "A stopped service"


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", "at least"
    AT_MOST = "at_most", "at most"


class ServiceModel(models.Model):
    # Service users of the unit read service models and comment on them (access.policy reads this).
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="service_models")
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=12, choices=ServiceModelStatus.choices, default=ServiceModelStatus.DRAFT
    )
    title = models.CharField(max_length=200)
    population = models.TextField(max_length=2000)
    what = models.TextField(max_length=2000)
    where = models.TextField(max_length=2000)
    who = models.TextField(max_length=2000)
    team_structure = models.TextField(blank=True, max_length=2000)
    shared_with_service_users = models.BooleanField(default=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The planning decision that put this version in use or stopped the service.
    change_kind = models.CharField(max_length=10, choices=ChangeKind.choices, blank=True)
    rationale = models.TextField(blank=True, max_length=4000)
    needs = models.ManyToManyField("planning.Need", blank=True, related_name="service_models")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["unit__path", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "version"], name="service_model_version_unique"),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(status="current"), name="service_model_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"


class PathwayStep(models.Model):
    model = models.ForeignKey(ServiceModel, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=2000)
    standards = models.ManyToManyField(Standard, blank=True, related_name="+")
    measures = models.ManyToManyField(MeasureDefinition, blank=True, related_name="+")

    class Meta:
        ordering = ["model", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class TeamRole(models.Model):
    """A job role in the service's team: one of the seed's roles, or the trust's own."""

    model = models.ForeignKey(ServiceModel, on_delete=models.CASCADE, related_name="team_roles")
    title = models.CharField(max_length=120)
    seed_role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    how_many = models.PositiveSmallIntegerField(default=1)
    responsibilities = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["model", "pk"]

    def __str__(self) -> str:
        return self.title


class SpecRequirement(models.Model):
    """A quality requirement of the service specification, as contract quality schedules have: a
    measure from control's library with a threshold."""

    model = models.ForeignKey(ServiceModel, on_delete=models.CASCADE, related_name="requirements")
    measure = models.ForeignKey(MeasureDefinition, on_delete=models.PROTECT, related_name="+")
    comparison = models.CharField(max_length=10, choices=Comparison.choices)
    threshold = models.FloatField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["model", "pk"]

    def __str__(self) -> str:
        return f"{self.measure.name} {self.get_comparison_display()} {self.threshold:g}"


class ServiceModelComment(models.Model):
    model = models.ForeignKey(ServiceModel, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.model}"

    @property
    def unit(self) -> Unit:
        return self.model.unit
