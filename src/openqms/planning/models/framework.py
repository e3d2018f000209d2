"""The measurement framework: which of control's measure definitions show progress on which
strategic priority, for the whole organisation or for one service.

The measure's type (outcome, process, structure, balancing) is the definition's own
(`control.MeasureType`); the framework only says which priority it serves, and where.
"""

from __future__ import annotations

from django.db import models

from openqms.control.models.measures import MeasureDefinition
from openqms.organisations.models import StrategicPriority, Unit


class FrameworkMeasure(models.Model):
    priority = models.ForeignKey(
        StrategicPriority, on_delete=models.PROTECT, related_name="framework_measures"
    )
    definition = models.ForeignKey(
        MeasureDefinition, on_delete=models.PROTECT, related_name="framework_entries"
    )
    # None: the measure shows progress on the priority across the organisation.
    service = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="framework_measures"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "definition__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "definition", "service"], name="framework_measure_once"
            ),
            models.UniqueConstraint(
                fields=["priority", "definition"],
                condition=models.Q(service__isnull=True),
                name="framework_measure_once_organisation_wide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition} for {self.priority}"

    @property
    def unit(self) -> Unit | None:
        return self.service if self.service_id else self.priority.unit
