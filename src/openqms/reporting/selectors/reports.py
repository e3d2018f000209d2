"""Reads of reports, their commentary and schedules, scoped through the access policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.access.policy import Permission
from openqms.control.models import Measure
from openqms.organisations.models import Unit
from openqms.reporting.models import Commentary, CommentaryStatus, Report, Schedule
from openqms.reporting.periods import Period


def report_queryset() -> QuerySet[Report]:
    return Report.objects.select_related("unit", "unit__organisation", "owner", "published_by")


def report_for(user: Any, pk: int) -> Report:
    return policy.get_or_404(user, Permission.VIEW, report_queryset(), pk=pk)


def history(user: Any, unit: Unit) -> QuerySet[Report]:
    """The unit's reports, newest period first (drafts among them)."""
    return policy.visible(user, Permission.VIEW, report_queryset().filter(unit=unit)).order_by(
        "-period_start", "quarterly"
    )


def commentary_for(user: Any, pk: int) -> Commentary:
    return policy.get_or_404(
        user,
        Permission.VIEW,
        Commentary.objects.select_related("report__unit", "measure__definition", "requested_of"),
        unit_field="report__unit",
        pk=pk,
    )


def asked_of(user: Any) -> QuerySet[Commentary]:
    """Commentary waiting for this person to write it."""
    return (
        policy.visible(user, Permission.CONTRIBUTE, Commentary.objects.all(), unit_field="report__unit")
        .filter(requested_of=user, status=CommentaryStatus.REQUESTED, report__status="draft")
        .select_related("report__unit")
    )


def commentaries(report: Report) -> list[Commentary]:
    return list(report.commentaries.select_related("requested_of", "measure__definition").order_by("pk"))


def schedules(user: Any, unit: Unit) -> QuerySet[Schedule]:
    return policy.visible(user, Permission.VIEW, Schedule.objects.filter(unit=unit)).order_by("quarterly")


def commentators(unit: Unit) -> QuerySet[Any]:
    """Staff whose role reaches the unit: those who may be asked for commentary."""
    from django.contrib.auth import get_user_model

    paths = [unit.path[: i + 1] for i, c in enumerate(unit.path) if c == "/"]
    holders = RoleAssignment.objects.current().filter(
        unit__path__in=[p for p in paths if p], role__in=list(policy.STAFF)
    ) | RoleAssignment.objects.current().filter(unit__path__startswith=unit.path, role__in=list(policy.STAFF))
    return (
        get_user_model()
        .objects.filter(pk__in=holders.values("person_id"), is_active=True)
        .order_by("full_name")
    )


def report_measures(user: Any, unit: Unit) -> QuerySet[Measure]:
    return (
        policy.visible(user, Permission.VIEW, Measure.objects.filter(archived_at__isnull=True))
        .filter(unit__path__startswith=unit.path)
        .select_related("definition", "unit")
        .order_by("definition__name", "unit__path")
    )


def measure_choices(user: Any, unit: Unit) -> list[tuple[int, str]]:
    """The measures commentary may be asked on, as (id, "name, unit"): read as values, since a
    trust's report offers hundreds."""
    return [
        (pk, f"{name}, {unit_name}")
        for pk, name, unit_name in report_measures(user, unit).values_list(
            "pk", "definition__name", "unit__name"
        )
    ]


def recent_periods(today: dt.date, *, months: int = 12) -> list[Period]:
    """The months a report may be started for, this month first."""
    period = Period.containing(today)
    found = []
    for _ in range(months):
        found.append(period)
        period = period.previous
    return found
