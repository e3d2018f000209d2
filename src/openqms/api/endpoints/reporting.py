"""Quality reports: each unit's reports, and a published report's frozen contents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from openqms.access import policy
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import PeriodFilter, UnitFilter, in_period, within
from openqms.reporting import contents
from openqms.reporting.models import Report, Status
from openqms.reporting.selectors import reports as selectors

router = Router(tags=["reporting"])
Permission = policy.Permission
# A list never carries the frozen bodies: they are the detail's, and can be large.
FROZEN = ("frozen_data", "frozen_html", "frozen_pdf")


class ReportOut(Schema):
    id: int
    unit: int
    period_start: dt.date = Field(description="The first day of the month, or of the quarter")
    quarterly: bool
    period_label: str
    status: str
    version: int = Field(description="Each change to the cover or commentary makes a new version")
    owner: int | None
    purpose: str
    ask: str
    assurance_level: str
    created_at: dt.datetime
    published_at: dt.datetime | None
    published_by: int | None


class ReportDetailOut(ReportOut):
    contents: dict[str, Any] | None = Field(
        description="The published version's contents, frozen when it was published; null for a draft"
    )


def report_out(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "unit": r.unit_id,
        "period_start": r.period_start,
        "quarterly": r.quarterly,
        "period_label": r.period_label,
        "status": r.status,
        "version": r.version,
        "owner": r.owner_id,
        "purpose": r.purpose,
        "ask": r.ask,
        "assurance_level": r.assurance_level,
        "created_at": r.created_at,
        "published_at": r.published_at,
        "published_by": r.published_by_id,
    }


class ReportQuery(UnitFilter):
    status: Status | None = None


@router.get("/reports", response={200: page_of(ReportOut), **ERRORS})
def list_reports(
    request: HttpRequest, filters: Query[ReportQuery], period: Query[PeriodFilter], paging: Query[PageQuery]
) -> Any:
    """The reports of the units the person may see (drafts among them, as on each unit's page);
    `period_from`/`period_to` choose by the period's first day."""
    found = policy.visible(request.user, Permission.VIEW, selectors.report_queryset().defer(*FROZEN))
    found = in_period(within(request.user, found, filters), period, "period_start")
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    return page(found, paging, report_out)


@router.get("/reports/{report_id}", response={200: ReportDetailOut, **ERRORS})
def get_report(request: HttpRequest, report_id: int) -> Any:
    report = selectors.report_for(request.user, report_id)
    return report_out(report) | {"contents": contents.stored(report) if report.is_published else None}
