"""Quality control: measures and their data over time, SPC results, huddles and tiered escalation.

A MeasureDefinition says what is measured and how (one per organisation, owned by a unit); a Measure
is that definition as reported by one unit ("falls per 1,000 bed days" on Ward 7). Observations are
the data per period. SpcSnapshot holds the last SPC result of a measure, recomputed when its data
change rather than on every page view.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.organisations.models import Organisation, QualityDomain, Unit
from openqms.spc.types import ChartType


class MeasureType(models.TextChoices):
    OUTCOME = "outcome", "Outcome"
    PROCESS = "process", "Process"
    STRUCTURE = "structure", "Structure"
    BALANCING = "balancing", "Balancing"


class ImprovementDirection(models.TextChoices):
    INCREASE = "increase", "Higher is better"
    DECREASE = "decrease", "Lower is better"
    NEITHER = "neither", "Neither"


class Frequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class DataShape(models.TextChoices):
    VALUE = "value", "One value per period"
    RATIO = "ratio", "A numerator and a denominator per period"


class Rollup(models.TextChoices):
    NONE = "none", "Does not add up across units"
    SUM = "sum", "Sum of the units' values"
    RATIO = "ratio", "Sum of numerators over sum of denominators"


CHART_CHOICES = [
    (ChartType.XMR.value, "XmR (Making Data Count)"),
    (ChartType.RUN.value, "Run chart"),
    (ChartType.P.value, "p chart (proportion)"),
    (ChartType.PP.value, "p′ chart (Laney)"),
    (ChartType.U.value, "u chart (rate)"),
    (ChartType.UP.value, "u′ chart (Laney)"),
    (ChartType.C.value, "c chart (count)"),
    (ChartType.G.value, "g chart (opportunities between events)"),
    (ChartType.T.value, "t chart (time between events)"),
    (ChartType.I.value, "I chart (qicharts2)"),
]


class MeasureDefinition(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="measure_definitions"
    )
    code = models.CharField(
        max_length=40, help_text="A short code used in data files, unique in the organisation."
    )
    name = models.CharField(max_length=200)
    definition = models.TextField(help_text="Exactly what is counted, and what is left out.")
    unit_of_measurement = models.CharField(max_length=100, help_text="For example: falls per 1,000 bed days.")
    measure_type = models.CharField(max_length=20, choices=MeasureType.choices)
    # One of the organisation's own domains (ADR 24): choices come from organisations.selectors.
    quality_domain = models.ForeignKey(
        QualityDomain, on_delete=models.PROTECT, related_name="measure_definitions"
    )
    direction = models.CharField(max_length=10, choices=ImprovementDirection.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    chart_type = models.CharField(max_length=10, choices=CHART_CHOICES, default=ChartType.XMR.value)
    data_shape = models.CharField(max_length=10, choices=DataShape.choices, default=DataShape.VALUE)
    # A ratio is shown as numerator / denominator × multiplier (1,000 for "per 1,000 bed days").
    multiplier = models.FloatField(default=1.0)
    rollup = models.CharField(max_length=10, choices=Rollup.choices, default=Rollup.NONE)
    default_target = models.FloatField(null=True, blank=True)
    owner_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="owned_measure_definitions")
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    data_source = models.CharField(max_length=200, blank=True)
    shared_with_service_users = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="measure_definition_code_unique"),
            models.CheckConstraint(
                condition=Q(multiplier__gt=0), name="measure_definition_multiplier_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        """The unit whose people own the definition (the access policy reads it)."""
        return self.owner_unit


class Measure(models.Model):
    """A measure definition as reported by one unit."""

    # What its name and the access policy read, for the audit trail's names (audit.presenters).
    AUDIT_NAMED_WITH = ("definition", "unit")

    definition = models.ForeignKey(MeasureDefinition, on_delete=models.PROTECT, related_name="measures")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="measures")
    shared_with_service_users = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["definition__name", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["definition", "unit"], name="measure_unique_per_unit")]

    def __str__(self) -> str:
        return f"{self.definition.name} – {self.unit.name}"


class TargetChange(models.Model):
    """A target in force from a date (None: no target from then on)."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="target_changes")
    effective_from = models.DateField()
    target = models.FloatField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "effective_from"], name="target_change_unique_date")
        ]

    def __str__(self) -> str:
        return f"target {self.target} from {self.effective_from}"

    @property
    def unit(self) -> Unit:
        return self.measure.unit


class Observation(models.Model):
    """One period's data for one measure: a value, or a numerator and a denominator."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="observations")
    period_start = models.DateField()
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["measure", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period_start"], name="observation_one_per_period"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="observation_denominator_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.period_start}"


class AnnotationKind(models.TextChoices):
    EVENT = "event", "Event"
    CHANGE = "change", "Change to the process"
    RECALCULATION = "recalculation", "Recalculate the limits from here"


class Annotation(models.Model):
    """A note on the time axis; a recalculation annotation also starts a new phase of the limits."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="annotations")
    on = models.DateField()
    kind = models.CharField(max_length=20, choices=AnnotationKind.choices)
    label = models.CharField(max_length=80)
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["measure", "on"]

    def __str__(self) -> str:
        return f"{self.label} ({self.on})"

    @property
    def unit(self) -> Unit:
        return self.measure.unit


class SpcSnapshot(models.Model):
    """The latest SPC result of a measure, kept so that boards never recompute on a page view."""

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, primary_key=True, related_name="snapshot"
    )
    computed_at = models.DateTimeField()
    chart_type = models.CharField(max_length=10)
    n_points = models.PositiveIntegerField()
    last_period = models.DateField(null=True)
    last_value = models.FloatField(null=True)
    last_point_type = models.CharField(max_length=40, blank=True)
    variation_icon = models.CharField(max_length=20, blank=True, db_index=True)
    assurance_icon = models.CharField(max_length=20, blank=True, db_index=True)
    # Concern first seen in the latest run of special-cause concern points, for "new concern" alerts.
    concern_since = models.DateField(null=True)
    result_json = models.TextField()
    # Drawn with the result, so a board of dozens of measures never parses and draws them per view.
    sparkline_svg = models.TextField(blank=True, default="")

    def __str__(self) -> str:
        return f"SPC of {self.measure_id} at {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def result(self) -> dict[str, Any]:
        value: dict[str, Any] = json.loads(self.result_json)
        return value
