"""The filters every list shares: a unit (and by default its sub-tree), a period, a status."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db import models
from ninja import Schema
from pydantic import Field

from openqms.access import policy
from openqms.organisations.models import Unit

M = TypeVar("M", bound=models.Model)


class UnitFilter(Schema):
    unit: int | None = Field(None, description="Only items of this unit (id) …")
    subtree: bool = Field(True, description="… and of every unit below it (false: the unit only)")


class PeriodFilter(Schema):
    period_from: dt.date | None = Field(None, description="Periods starting on or after this day")
    period_to: dt.date | None = Field(None, description="Periods starting on or before this day")


def unit_or_404(user: Any, pk: int, permission: policy.Permission = policy.Permission.VIEW_UNIT) -> Unit:
    return policy.get_or_404(
        user, permission, Unit.objects.select_related("organisation"), unit_field="", pk=pk
    )


def within(
    user: Any, queryset: models.QuerySet[M], f: UnitFilter, unit_field: str = "unit"
) -> models.QuerySet[M]:
    """Narrow to the chosen unit (404 when the person cannot see it, as a page would answer)."""
    if f.unit is None:
        return queryset
    unit = unit_or_404(user, f.unit)
    if f.subtree:
        return queryset.filter(**{f"{unit_field}__path__startswith": unit.path})
    return queryset.filter(**{unit_field: unit})


def in_period(queryset: models.QuerySet[M], f: PeriodFilter, field: str) -> models.QuerySet[M]:
    if f.period_from is not None:
        queryset = queryset.filter(**{f"{field}__gte": f.period_from})
    if f.period_to is not None:
        queryset = queryset.filter(**{f"{field}__lte": f.period_to})
    return queryset
