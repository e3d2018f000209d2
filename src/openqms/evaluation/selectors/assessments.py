"""Reads of QMS maturity self-assessments, scoped to the person through the access policy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from openqms.access import policy
from openqms.evaluation.models import Rating, SelfAssessment
from openqms.organisations.models import Unit

Permission = policy.Permission


def visible(user: Any, action: Permission = Permission.VIEW) -> QuerySet[SelfAssessment]:
    return policy.visible(user, action, SelfAssessment.objects.select_related("unit", "unit__organisation"))


def of_unit(user: Any, unit: Unit) -> QuerySet[SelfAssessment]:
    return visible(user).filter(unit=unit).order_by("-year")


def assessment(user: Any, pk: int, action: Permission = Permission.VIEW) -> SelfAssessment:
    return policy.get_or_404(
        user,
        action,
        SelfAssessment.objects.select_related("unit", "unit__organisation", "unit__parent"),
        pk=pk,
    )


def may_assess(user: Any, unit: Unit) -> bool:
    return policy.can(user, Permission.ASSESS, unit)


def ratings_of(assessment: SelfAssessment) -> dict[str, Rating]:
    return {r.statement_code: r for r in assessment.ratings.select_related("rated_by")}


def levels_of(user: Any, units: list[Unit]) -> dict[int, dict[int, dict[str, int]]]:
    """{unit id: {year: {statement code: level}}} for the units' assessments the person may see.
    One query."""
    found: dict[int, dict[int, dict[str, int]]] = {}
    rows = Rating.objects.filter(assessment__in=visible(user).filter(unit__in=units)).values_list(
        "assessment__unit_id", "assessment__year", "statement_code", "level"
    )
    for unit_id, year, code, level in rows:
        found.setdefault(unit_id, {}).setdefault(year, {})[code] = level
    return found


def period_of(year: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The evidence period of a year's assessment: the calendar year, up to today for this year."""
    today = today or timezone.localdate()
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)
