"""A published "you said, we did" for a unit and period: the rows as they were when published, so
the page the public reads does not change as the work moves on (a new period is a new page)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openqms.organisations.models import Unit


class YouSaidWeDid(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    rows = models.JSONField(default=list)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "starts_on", "ends_on"], name="you_said_once_per_period")
        ]

    def __str__(self) -> str:
        return f"You said, we did: {self.unit}, {self.starts_on} to {self.ends_on}"
