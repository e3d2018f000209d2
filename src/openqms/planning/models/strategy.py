"""Which measure definitions show each strategic priority's progress (its outcome measures).

The priority is the organisation's (organisations.StrategicPriority, ADR 15) and the definition is
control's; the link lives here, in the one app above both, so neither has to know the other
(docs/adr/0024-strategy-and-the-organisations-quality-language.md).
"""

from __future__ import annotations

from django.db import models

from openqms.control.models import MeasureDefinition
from openqms.organisations.models import StrategicPriority, Unit


class PriorityMeasure(models.Model):
    """An outcome measure of a priority: a definition in control's library whose data show progress."""

    priority = models.ForeignKey(StrategicPriority, on_delete=models.CASCADE, related_name="outcome_measures")
    definition = models.ForeignKey(MeasureDefinition, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "definition__name"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "definition"], name="priority_measure_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.definition} shows {self.priority}"

    @property
    def unit(self) -> Unit | None:
        return self.priority.unit
