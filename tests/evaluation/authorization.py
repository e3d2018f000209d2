"""What each evaluation page answers to each persona, for the authorization matrix.

Everyone whose staff role reaches a unit reads its QMS balance and its self-assessments (VIEW);
only its leaders (senior and team leaders, access.policy's ASSESS) start, rate and complete one.
Service users, administrators and people from another organisation get 404.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from openqms.evaluation import framework as frameworks
from openqms.evaluation.services.assessments import start_assessment
from tests.authorization import Case, only

READERS = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]


def _assessment(t: Any, unit: str = "ward_a") -> dict[str, int]:
    found = start_assessment(actor=None, unit=getattr(t, unit), year=2025, framework=frameworks.current())
    return {"pk": found.pk}


def _statement(t: Any, unit: str = "ward_a") -> dict[str, Any]:
    return _assessment(t, unit) | {"code": "CO1"}


EXPECTATIONS: dict[str, list[Case]] = {
    "evaluation:balance": [
        Case("Ward A's", lambda t: {"pk": t.ward_a.pk}, allowed=only(READERS)),
        Case("Riverside's team", lambda t: {"pk": t.other_team.pk}, allowed={}),
    ],
    "evaluation:assessments": [
        Case("Ward A's", lambda t: {"pk": t.ward_a.pk}, allowed=only(READERS)),
        Case("Riverside's team", lambda t: {"pk": t.other_team.pk}, allowed={}),
        Case(
            "starting this year's (the first leader starts it; for the next it exists already)",
            lambda t: {"pk": t.ward_a.pk},
            method="post",
            data=lambda t: {"year": timezone.localdate().year},
            allowed=only(["sam_senior"], 302, dana_division=400, tess_team_leader=400),
        ),
        Case(
            "starting one for a year before 2000",
            lambda t: {"pk": t.ward_a.pk},
            method="post",
            data=lambda t: {"year": 1999},
            allowed=only(LEADERS, 400),
        ),
    ],
    "evaluation:assessment": [
        Case("Ward A's", _assessment, allowed=only(READERS)),
        Case("Riverside's team's", lambda t: _assessment(t, "other_team"), allowed={}),
    ],
    "evaluation:rate": [
        Case("Ward A's", _statement, allowed=only(LEADERS)),
        Case(
            "a statement the framework does not have", lambda t: _assessment(t) | {"code": "ZZ9"}, allowed={}
        ),
        Case(
            "rating it",
            _statement,
            method="post",
            data=lambda t: {"level": "3", "evidence": "Daily huddles at the board."},
            allowed=only(LEADERS, 302),
        ),
        Case("Riverside's team's", lambda t: _statement(t, "other_team"), allowed={}),
    ],
    "evaluation:complete": [
        Case("GET is not a way to complete", _assessment, allowed={}),
        Case(
            "Ward A's (not rated yet: sent back with the reason)",
            _assessment,
            method="post",
            allowed=only(LEADERS, 302),
        ),
        Case("Riverside's team's", lambda t: _assessment(t, "other_team"), method="post", allowed={}),
    ],
}
