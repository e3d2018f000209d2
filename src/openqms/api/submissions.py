"""Observations sent to the API, handed to control's `submit_rows` exactly as a file's rows are.

An item is a row of a data file: the measure's code, the unit's code, the period's first day and a
value or a numerator and a denominator. The whole request is checked first, every problem reported
with the item's index and field, and nothing is written unless every item is right; then the data
are saved with one audit entry per measure and SPC recomputed once per series (ADR 8). The natural
key (measure, unit, period) makes a repeat harmless: unchanged values write nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Schema
from pydantic import BaseModel, Field

from openqms.access import policy
from openqms.api.auth import token_of
from openqms.api.errors import ProblemsError
from openqms.control.services.data import submit_rows
from openqms.organisations.models import Organisation, Unit


def bulk_max() -> int:
    return int(getattr(settings, "OPENQMS_API_BULK_MAX", 50_000))


# A plain pydantic model, not a ninja Schema: a Schema reads its input through ninja's Django-object
# getter, which costs four times as much on a bulk request of 50,000 items. (No docstring: it would
# become the schema's description.)
class ObservationIn(BaseModel):
    measure: str = Field(min_length=1, max_length=40, description="The measure definition's code")
    unit: str = Field(min_length=1, max_length=40, description="The unit's code")
    period: dt.date = Field(
        description="The period's first day (a Monday for weekly measures, the 1st for monthly)"
    )
    value: float | None = Field(None, description="For measures of one value per period")
    numerator: float | None = Field(None, description="For ratio measures, with the denominator")
    denominator: float | None = None


class SubmissionOut(Schema):
    items: int
    created: int
    updated: int
    unchanged: int
    empty: int = Field(description="Items naming a period but no data: skipped")
    measures: int = Field(description="Measures whose data changed (one audit entry each)")
    dry_run: bool


def organisation_for(request: HttpRequest, code: str | None) -> Organisation:
    """The organisation the data belong to: named, or the token's, or the only one the person adds to."""
    token = token_of(request)
    units = policy.units_where(request.user, policy.Permission.CONTRIBUTE)
    if code:
        found = Organisation.objects.filter(code__iexact=code, pk__in=units.values("organisation_id")).first()
        if found is None:
            raise ValidationError(
                {"organisation": f"No organisation you can add data to has the code {code}"}
            )
        return found
    if token is not None:
        return token.unit.organisation  # type: ignore[no-any-return]
    ids = set(units.values_list("organisation_id", flat=True))
    if len(ids) != 1:
        raise ValidationError(
            {"organisation": "Name the organisation (its code): you add data to more than one, or to none"}
        )
    return Organisation.objects.get(pk=ids.pop())


def submit(
    request: HttpRequest,
    items: Sequence[ObservationIn],
    *,
    organisation: Organisation,
    within: Unit | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    rows = (
        (
            index,
            {
                "measure": item.measure,
                "unit": item.unit,
                "period": item.period,
                "value": item.value,
                "numerator": item.numerator,
                "denominator": item.denominator,
            },
        )
        for index, item in enumerate(items)
    )
    submission = submit_rows(
        actor=request.user,  # type: ignore[arg-type]
        organisation=organisation,
        rows=rows,
        source="API",
        within=within,
        dry_run=dry_run,
    )
    validation = submission.validation
    if not validation.ok:
        raise ProblemsError(
            [{"index": p.line, "field": p.column or None, "message": p.message} for p in validation.problems]
        )
    summary = submission.summary
    return {
        "items": validation.rows,
        "created": summary.created if summary else 0,
        "updated": summary.updated if summary else 0,
        "unchanged": summary.unchanged if summary else 0,
        "empty": validation.empty,
        "measures": summary.measures if summary else 0,
        "dry_run": dry_run,
    }
