"""What the DMAIC and A3 pages answer to each persona (ADR 25): the same policy as every project
page. Staff reaching the project see both; a service user on its team sees them and changes
nothing. A gate is reviewed by the sponsor, the lead or a leader; other staff are told why not."""

from __future__ import annotations

from typing import Any

from openqms.improvement.services.team import add_member
from tests.authorization import SIGNED_IN, Case, only
from tests.improvement import helpers as h

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
# Dana sponsors the Ward A project and Tess leads it; Sam leads the division above.
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]


def _kw(method: str, unit: str = "ward_a", with_sue: bool = False) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        p = h.method_project(t, method, unit)
        if with_sue:
            add_member(
                actor=None, project=p, person=t.people["sue_service_user"], role="Service user partner"
            )
        return {"pk": p.pk}

    return kwargs


def _a3_section(t: Any) -> dict[str, Any]:
    return _kw("a3", with_sue=True)(t) | {"section": "background"}


def _pages(method: str) -> list[Case]:
    return [
        Case("Ward A", _kw(method), allowed=only(WARD_A_STAFF)),
        Case(
            "Ward A, Sue on the team",
            _kw(method, with_sue=True),
            allowed=only([*WARD_A_STAFF, "sue_service_user"]),
        ),
        Case("another organisation", _kw(method, "other_team"), allowed={}),
        Case(
            "a Model for Improvement project has no such page",
            lambda t: {"pk": h.project(t).pk},
            allowed={},
        ),
    ]


EXPECTATIONS: dict[str, list[Case]] = {
    "improvement:dmaic": _pages("dmaic"),
    "improvement:a3": _pages("a3"),
    "improvement:dmaic-gate": [
        Case("GET is not allowed", _kw("dmaic"), allowed=only(SIGNED_IN, 405)),
        Case(
            "pass the define gate (passing twice changes nothing); other staff are refused on the form",
            _kw("dmaic", with_sue=True),
            method="post",
            data=lambda t: {"phase": "define", "outcome": "passed", "note": "Charter agreed"},
            allowed=only(WARD_A_LEADERS, 302, colin_clinician=200, mo_member=200),
        ),
        Case(
            "another organisation",
            _kw("dmaic", "other_team"),
            method="post",
            data=lambda t: {"phase": "define", "outcome": "passed"},
            allowed={},
        ),
    ],
    "improvement:a3-section": [
        Case("GET is not allowed", _a3_section, allowed=only(SIGNED_IN, 405)),
        Case(
            "write the background; Sue on the team may not",
            _a3_section,
            method="post",
            data=lambda t: {"text": "Falls harm older patients at night."},
            allowed=only(WARD_A_STAFF, 302),
        ),
    ],
}
