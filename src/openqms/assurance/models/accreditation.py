"""Accreditations and external inspections, and their findings."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from openqms.assurance.models.standards import Framework
from openqms.organisations.models import Unit

# --- accreditation -------------------------------------------------------------------------------


class AccreditationKind(models.TextChoices):
    ACCREDITATION = "accreditation", "Accreditation"
    INSPECTION = "inspection", "External inspection"


class AccreditationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "Assessment in progress"
    AWARDED = "awarded", "Awarded"
    CONDITIONS = "conditions", "Awarded with conditions"
    NOT_AWARDED = "not_awarded", "Not awarded"
    EXPIRED = "expired", "Expired"


class Accreditation(models.Model):
    """An accreditation or an external inspection of a unit: its scheme, status, dates and findings."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="accreditations")
    kind = models.CharField(max_length=20, choices=AccreditationKind.choices)
    scheme = models.CharField(max_length=200)
    framework = models.ForeignKey(
        Framework, null=True, blank=True, on_delete=models.PROTECT, related_name="accreditations"
    )
    status = models.CharField(max_length=20, choices=AccreditationStatus.choices)
    assessed_on = models.DateField(null=True, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    shared_with_service_users = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path", "scheme"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(awarded_on__isnull=True)
                | Q(expires_on__gt=models.F("awarded_on")),
                name="accreditation_expires_after_award",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme}, {self.unit.name}"


class FindingSeverity(models.TextChoices):
    MAJOR = "major", "Major: must be put right"
    MINOR = "minor", "Minor: should be put right"
    OBSERVATION = "observation", "Observation"
    GOOD_PRACTICE = "good_practice", "Good practice"


class Finding(models.Model):
    accreditation = models.ForeignKey(Accreditation, on_delete=models.CASCADE, related_name="findings")
    severity = models.CharField(max_length=20, choices=FindingSeverity.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["accreditation", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def unit(self) -> Unit:
        return self.accreditation.unit
