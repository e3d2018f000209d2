"""What the huddle, escalation and proposal pages answer to each persona (merged into
tests/control/authorization.py's EXPECTATIONS for the authorization matrix).

Huddles and escalations belong to staff whose role reaches the team: never service users, never
administrators. Acting on an escalation is for the leaders nearest its current tier: an escalation
from Ward A waits at Elderly Care, which has no leader of its own in the test trust, so Dana (who
leads Medicine) answers for it, and Sam on the board does not until it reaches him.
"""

from __future__ import annotations

from typing import Any

from tests.authorization import SIGNED_IN, Case, only
from tests.control import huddle_helpers as hh

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
ELDERLY_CARE_TIER = ["dana_division"]


def _unit(name: str) -> Any:
    return lambda t: {"pk": getattr(t, name).pk}


def _huddle(unit: str) -> Any:
    return lambda t: {"pk": hh.huddle(t, unit).pk}


def _escalation(unit: str) -> Any:
    return lambda t: {"pk": hh.escalation(t, unit).pk}


def _action(unit: str) -> Any:
    return lambda t: {"pk": hh.huddle(t, unit).issues.get().pk}


def _proposal(unit: str) -> Any:
    return lambda t: {"pk": hh.proposal(t, unit).pk}


_UNIT_PAGE = [
    Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
    Case("Ward B", _unit("ward_b"), allowed=only(WARD_B_STAFF)),
    Case("another organisation", _unit("other_team"), allowed={}),
]


def _acting(what: str, data: dict[str, str]) -> list[Case]:
    return [
        Case("GET is not allowed", _escalation("ward_a"), allowed=only(SIGNED_IN, 405)),
        # An empty form comes back with its error; out of scope (or not this tier's leader) is 404.
        Case("Ward A, empty form", _escalation("ward_a"), method="post", allowed=only(ELDERLY_CARE_TIER)),
        Case("Ward B, empty form", _escalation("ward_b"), method="post", allowed=only(ELDERLY_CARE_TIER)),
        Case(f"Ward A, {what}", _escalation("ward_a"), method="post", data=lambda t: data,
             allowed=only(ELDERLY_CARE_TIER, 302)),
    ]  # fmt: skip


EXPECTATIONS: dict[str, list[Case]] = {
    "control:huddle-list": _UNIT_PAGE,
    "control:huddle-new": [
        *_UNIT_PAGE,
        # Nothing typed: the form comes back with its errors, and nothing is saved.
        Case("Ward A, empty form", _unit("ward_a"), method="post", allowed=only(WARD_A_STAFF)),
        Case("Ward B, empty form", _unit("ward_b"), method="post", allowed=only(WARD_B_STAFF)),
    ],
    "control:huddle-issue-row": _UNIT_PAGE,
    "control:huddle": [
        Case("Ward A", _huddle("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _huddle("ward_b"), allowed=only(WARD_B_STAFF)),
    ],
    "control:huddle-issue-close": [
        Case("GET is not allowed", _action("ward_a"), allowed=only(SIGNED_IN, 405)),
        # With no outcome chosen the board comes back with the question (a redirect); out of scope, 404.
        Case("Ward A", _action("ward_a"), method="post", allowed=only(WARD_A_STAFF, 302)),
        Case("Ward B", _action("ward_b"), method="post", allowed=only(WARD_B_STAFF, 302)),
    ],
    "control:escalation-list": _UNIT_PAGE,
    "control:escalation": [
        Case("Ward A", _escalation("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _escalation("ward_b"), allowed=only(WARD_B_STAFF)),
    ],
    "control:escalation-tier": _acting("a note", {"note": "Asked estates for a loan hoist."}),
    "control:escalation-escalate": _acting("escalated", {"escalate_note": "Needs capital money."}),
    "control:escalation-resolve": _acting("resolved", {"resolution": "Loan hoist delivered."}),
    "control:proposal-list": _UNIT_PAGE,
    "control:proposal-confirm": [
        Case("GET is not allowed", _proposal("ward_a"), allowed=only(SIGNED_IN, 405)),
        # Sam confirms first and is sent to the new escalation; the rest find it already decided.
        Case("Ward A", _proposal("ward_a"), method="post", allowed=only(WARD_A_STAFF) | {"sam_senior": 302}),
        Case("Ward B", _proposal("ward_b"), method="post", allowed=only(WARD_B_STAFF) | {"sam_senior": 302}),
    ],
    "control:proposal-dismiss": [
        Case("GET is not allowed", _proposal("ward_a"), allowed=only(SIGNED_IN, 405)),
        Case("Ward A, no reason", _proposal("ward_a"), method="post", allowed=only(WARD_A_STAFF)),
        Case("Ward B, no reason", _proposal("ward_b"), method="post", allowed=only(WARD_B_STAFF)),
    ],
}
