"""Roles that people hold on units. A role on a unit reaches the unit's whole sub-tree."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.organisations.models import Unit


class Role(models.TextChoices):
    SENIOR_LEADER = "senior_leader", "Senior leader"
    TEAM_LEADER = "team_leader", "Team leader"
    CLINICIAN = "clinician", "Consultant or senior clinician"
    TEAM_MEMBER = "team_member", "Team member"
    SERVICE_USER = "service_user", "Service user"
    ADMINISTRATOR = "administrator", "Administrator"


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def current(self, on: dt.date | None = None) -> RoleAssignmentQuerySet:
        """Assignments in force on a day (today by default), on units that are not archived."""
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(
            Q(starts_on__lte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            unit__archived_at__isnull=True,
            person__is_active=True,
        )


class RoleAssignment(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_assignments"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["unit__path", "role", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="role_ends_on_or_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on {self.unit}"
