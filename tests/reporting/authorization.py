"""What the reports pages answer to each persona, for the authorization matrix.

A unit's report is read by staff whose role reaches the unit and owned by its leaders (Tess on
Ward A, Dana on Medicine, Sam on the board): they start it, set its cover, ask for and approve
commentary, publish it and schedule it. Commentary is written by the person asked (Mo) or an owner.
Service users and administrators read no report: a report gathers items not shared with them.
"""

from __future__ import annotations

from typing import Any

from tests.authorization import SIGNED_IN, Case, only
from tests.reporting import helpers as h

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
WARD_B_LEADERS = ["sam_senior", "dana_division"]
WRITERS = [*WARD_A_LEADERS, "mo_member"]
NOT_STAFF = ["sue_service_user", "ada_admin", "otto_other_admin", "nora_no_role"]


def _unit(name: str) -> Any:
    return lambda t: {"pk": getattr(t, name).pk}


def _report(unit: str = "ward_a", published: bool = False) -> Any:
    return lambda t: {"pk": h.report(t, unit, published=published).pk}


def _commentary(t: Any) -> dict[str, int]:
    return {"pk": h.commentary(t).pk}


def _start(t: Any) -> dict[str, str]:
    return {"period": h.this_month().code, "kind": "month"}


SCHEDULE = {"kind": "month", "day_of_month": "10", "recipients": "board@example.nhs.uk", "attach_pdf": "pdf"}

EXPECTATIONS: dict[str, list[Case]] = {
    "reporting:home": [
        # Staff are sent on to their current unit's reports; the rest are told why there are none.
        Case("the page", allowed=only(WARD_A_STAFF, 302) | only(NOT_STAFF)),
    ],
    "reporting:unit": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _unit("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("another organisation", _unit("other_team"), allowed={}),
        Case("starting Ward A's report", _unit("ward_a"), method="post", data=_start,
             allowed=only(WARD_A_LEADERS, 302)),
    ],
    "reporting:schedule": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_LEADERS)),
        Case("Ward A, saved", _unit("ward_a"), method="post", data=lambda t: SCHEDULE,
             allowed=only(WARD_A_LEADERS, 302)),
        Case("another organisation", _unit("other_team"), allowed={}),
    ],
    "reporting:report": [
        Case("Ward A's draft", _report(), allowed=only(WARD_A_STAFF)),
        Case("Ward B's draft", _report("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("Ward A's published", _report(published=True), allowed=only(WARD_A_STAFF)),
    ],
    "reporting:report-pdf": [
        Case("Ward A's published", _report(published=True), allowed=only(WARD_A_STAFF)),
        Case("Ward B's published", _report("ward_b", published=True), allowed=only(WARD_B_STAFF)),
    ],
    "reporting:cover": [
        Case("Ward A's draft", _report(), allowed=only(WARD_A_LEADERS)),
        Case("Ward A's draft, empty form", _report(), method="post", allowed=only(WARD_A_LEADERS, 400)),
        Case("Ward A's published", _report(published=True), allowed={}),
    ],
    "reporting:publish": [
        Case("GET is not a way to publish", _report(), allowed=only(SIGNED_IN, 405)),
        # Refused for want of an assurance level, and said so on the report's page.
        Case("Ward A's draft", _report(), method="post", allowed=only(WARD_A_LEADERS, 302)),
        Case("Ward B's draft", _report("ward_b"), method="post", allowed=only(WARD_B_LEADERS, 302)),
    ],
    "reporting:request-commentary": [
        Case("GET is not allowed", _report(), allowed=only(SIGNED_IN, 405)),
        Case("Ward A's draft, empty form", _report(), method="post", allowed=only(WARD_A_LEADERS, 302)),
    ],
    "reporting:commentary": [
        Case("asked of Mo", _commentary, allowed=only(WRITERS)),
        Case("asked of Mo, empty form", _commentary, method="post", allowed=only(WRITERS, 400)),
    ],
    "reporting:approve-commentary": [
        Case("GET is not allowed", _commentary, allowed=only(SIGNED_IN, 405)),
        # Not written yet: refused with a message on the report's page.
        Case("asked of Mo", _commentary, method="post", allowed=only(WARD_A_LEADERS, 302)),
    ],
}  # fmt: skip
