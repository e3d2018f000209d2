"""The boards: a team's measures for the huddle, and the icon summary of a sub-tree above the teams.

A unit with sub-units (a service, a division, the board) sees the summary of everything below it;
a team or ward sees its own measures. Both read only stored snapshots.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from openqms.access import policy
from openqms.control.presenters.board import board_slots
from openqms.control.presenters.measures import (
    ASSURANCE_ORDER,
    SHORT_ASSURANCE,
    SHORT_VARIATION,
    VARIATION_ORDER,
    assurance_headers,
    assurance_of,
    board_rows,
    summary_table,
    variation_of,
)
from openqms.control.selectors import huddles as selectors_huddles
from openqms.control.selectors import measures as selectors
from openqms.control.views.common import page_number
from openqms.nhsuk.views import unit_for
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest


def _huddle_slots(user: Any, unit: Unit) -> dict[str, Any]:
    """What the huddle works through beside the measures: escalations, open actions, signals the
    measures propose escalating, and the last huddle's notes."""
    return {
        "slots": board_slots(
            user,
            unit,
            escalations=selectors_huddles.open_escalations_on_board(user, unit),
            issues=selectors_huddles.open_issues(user, unit),
            proposals=selectors_huddles.proposals_awaiting(user, unit),
            today=timezone.localdate(),
        ),
        "last_huddle": selectors_huddles.last_huddle(user, unit),
    }


def _team_board(request: AuthenticatedHttpRequest, unit: Unit) -> HttpResponse:
    rows = board_rows(selectors.team_measures(request.user, unit))
    context = {
        "page": "control",
        "unit": unit,
        "rows": rows,
        "concern_count": sum(1 for r in rows if r.rank == 0),
        **_huddle_slots(request.user, unit),
    }
    return render(request, "control/board_team.jinja", context)


def _summary_board(request: AuthenticatedHttpRequest, unit: Unit) -> HttpResponse:
    counts = selectors.icon_counts(request.user, unit)
    rows, no_data, total = summary_table(unit.pk, counts)
    context = {
        "page": "control",
        "unit": unit,
        "rows": rows,
        "headers": assurance_headers(),
        "no_data": no_data,
        "total": total,
        "concerns": board_rows(selectors.concerns(request.user, unit)),
        "own": board_rows(selectors.team_measures(request.user, unit)),
        **_huddle_slots(request.user, unit),
    }
    return render(request, "control/board_summary.jinja", context)


def _board(request: AuthenticatedHttpRequest, unit: Unit) -> HttpResponse:
    if selectors.has_sub_units(request.user, unit):
        return _summary_board(request, unit)
    return _team_board(request, unit)


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.current_unit  # type: ignore[attr-defined]
    if not unit:
        return render(request, "control/no_unit.jinja", {"page": "control"})
    return _board(request, unit)


def unit_board(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # VIEW_UNIT: service users see the board too, with only the measures shared with them.
    return _board(request, unit_for(request, pk, policy.Permission.VIEW_UNIT))


def unit_measures(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The measures behind one cell of the summary table, or every measure of the sub-tree."""
    unit = unit_for(request, pk, policy.Permission.VIEW_UNIT)
    variation = request.GET.get("variation") or None
    assurance = request.GET.get("assurance") or None
    if variation not in (None, "none", *(v.value for v in VARIATION_ORDER)):
        variation = None
    if assurance not in (None, "none", *(a.value for a in ASSURANCE_ORDER if a)):
        assurance = None
    found = selectors.cell_measures(request.user, unit, variation=variation, assurance=assurance)
    listing = Paginator(found, 50).get_page(page_number(request))
    return render(
        request,
        "control/unit_measures.jinja",
        {
            "page": "control",
            "unit": unit,
            "listing": listing,
            "rows": board_rows(list(listing.object_list)),
            "variation": variation,
            "assurance": assurance,
            "variation_label": SHORT_VARIATION.get(variation_of(variation))  # type: ignore[arg-type]
            if variation and variation != "none"
            else ("No data yet" if variation == "none" else None),
            "assurance_label": SHORT_ASSURANCE[assurance_of(assurance)]
            if assurance and assurance != "none"
            else ("No target" if assurance == "none" else None),
        },
    )
