"""Boards, huddles and escalations: what a unit's board and its huddle pages show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from openqms.access import policy
from openqms.api.endpoints.measures import MeasureOut, measure_out
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import PeriodFilter, UnitFilter, in_period, unit_or_404, within
from openqms.control.models import Escalation, EscalationStatus, Huddle
from openqms.control.selectors import huddles as selectors
from openqms.control.selectors import measures as measure_selectors

router = Router(tags=["huddles"])
Permission = policy.Permission


class IconCount(Schema):
    variation_icon: str | None
    assurance_icon: str | None
    measures: int


class TierOut(Schema):
    level: int
    unit: int
    status: str
    action: int | None


class EscalationOut(Schema):
    id: int
    title: str
    description: str
    origin_unit: int
    current_unit: int
    status: str
    raised_at: dt.datetime
    resolved_at: dt.datetime | None
    resolution: str
    source_measure: int | None
    tiers: list[TierOut]


def escalation_out(e: Escalation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "title": e.title,
        "description": e.description,
        "origin_unit": e.origin_unit_id,
        "current_unit": e.current_unit_id,
        "status": e.status,
        "raised_at": e.raised_at,
        "resolved_at": e.resolved_at,
        "resolution": e.resolution,
        "source_measure": e.source_measure_id,
        "tiers": [
            {"level": t.level, "unit": t.unit_id, "status": t.status, "action": t.action_id}
            for t in e.tiers.all()
        ],
    }


class BoardOut(Schema):
    unit: int
    measures: list[MeasureOut]
    sub_tree_icons: list[IconCount]
    open_issue_actions: list[int]
    open_escalations: list[EscalationOut]


@router.get("/units/{unit_id}/board", response={200: BoardOut, **ERRORS})
def get_board(request: HttpRequest, unit_id: int) -> Any:
    """A unit's board: its own measures with their icons, the icon counts of its sub-tree, the
    huddle's open actions and the open escalations."""
    user = request.user
    unit = unit_or_404(user, unit_id, Permission.VIEW)
    counts = measure_selectors.icon_counts(user, unit)
    return {
        "unit": unit.pk,
        "measures": [measure_out(m) for m in measure_selectors.team_measures(user, unit)],
        "sub_tree_icons": [
            {"variation_icon": v or None, "assurance_icon": a or None, "measures": n}
            for (v, a), n in sorted(counts.items())
        ],
        "open_issue_actions": [i.action_id for i in selectors.open_issues(user, unit)],
        "open_escalations": [escalation_out(e) for e in selectors.open_escalations_for(user, unit)],
    }


class HuddleOut(Schema):
    id: int
    unit: int
    held_on: dt.date
    notes: str
    other_attendees: str
    attendees: list[int]
    issue_actions: list[int]


def huddle_out(h: Huddle) -> dict[str, Any]:
    return {
        "id": h.pk,
        "unit": h.unit_id,
        "held_on": h.held_on,
        "notes": h.notes,
        "other_attendees": h.other_attendees,
        "attendees": [p.pk for p in h.attendees.all()],
        "issue_actions": [i.action_id for i in h.issues.all()],
    }


@router.get("/huddles", response={200: page_of(HuddleOut), **ERRORS})
def list_huddles(
    request: HttpRequest, filters: Query[UnitFilter], period: Query[PeriodFilter], paging: Query[PageQuery]
) -> Any:
    found = policy.visible(request.user, Permission.VIEW, Huddle.objects.all())
    found = in_period(within(request.user, found, filters), period, "held_on")
    return page(found.prefetch_related("attendees", "issues"), paging, huddle_out)


@router.get("/huddles/{huddle_id}", response={200: HuddleOut, **ERRORS})
def get_huddle(request: HttpRequest, huddle_id: int) -> Any:
    return huddle_out(selectors.huddle(request.user, huddle_id))


class EscalationQuery(UnitFilter):
    status: EscalationStatus | None = None


@router.get("/escalations", response={200: page_of(EscalationOut), **ERRORS})
def list_escalations(request: HttpRequest, filters: Query[EscalationQuery], paging: Query[PageQuery]) -> Any:
    found = policy.visible(request.user, Permission.VIEW, Escalation.objects.all(), unit_field="origin_unit")
    found = within(request.user, found, filters, unit_field="origin_unit").prefetch_related("tiers")
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    return page(found, paging, escalation_out)


@router.get("/escalations/{escalation_id}", response={200: EscalationOut, **ERRORS})
def get_escalation(request: HttpRequest, escalation_id: int) -> Any:
    return escalation_out(selectors.escalation(request.user, escalation_id))
