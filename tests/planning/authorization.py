"""What each planning page answers to each persona, for the authorization matrix.

Everyone with a role in an organisation reads its strategic priorities; only leaders on its top
unit (Sam, the board's senior leader) add, change and retire them. Riverside's priority is out of
everyone's reach here: Otto administers Riverside but does not lead it.
"""

from __future__ import annotations

from typing import Any

from openqms.organisations import services, strategy_services
from tests.authorization import SIGNED_IN, Case, only

READERS = [p for p in SIGNED_IN if p != "nora_no_role"]  # Otto reads Riverside's strategy


def _goal(t: Any, organisation: str = "org") -> dict[str, int]:
    goal = strategy_services.add_goal(actor=None, organisation=getattr(t, organisation), title="Safe care")
    return {"pk": goal.pk}


def _version(t: Any) -> dict[str, int]:
    strategy_services.publish_version(
        actor=None, organisation=t.org, title="Strategy", starts=2025, ends=2028, vision="V", mission="M"
    )
    return {"number": 1}


VERSION = {"title": "Quality strategy", "starts": "2025", "ends": "2028", "vision": "V", "mission": "M"}


def _priority(t: Any, organisation: str = "org") -> dict[str, int]:
    p = services.add_priority(actor=None, organisation=getattr(t, organisation), title="No avoidable harm")
    return {"pk": p.pk}


EXPECTATIONS: dict[str, list[Case]] = {
    "planning:home": [
        Case("the page", allowed=only(SIGNED_IN)),
        Case(
            "adding a priority",
            method="post",
            data=lambda t: {"title": "Care without waiting"},
            allowed=only(["sam_senior"], 302),
        ),
    ],
    "planning:priority": [
        Case("Northshire's", _priority, allowed=only(["sam_senior"])),
        Case("Riverside's", lambda t: _priority(t, "other_org"), allowed={}),
    ],
    "planning:priority-retire": [
        Case("GET is not a way to retire", _priority, allowed={}),
        Case("Northshire's", _priority, method="post", allowed=only(["sam_senior"], 302)),
        Case("Riverside's", lambda t: _priority(t, "other_org"), method="post", allowed={}),
    ],
    "planning:strategy": [Case("the page", allowed=only(READERS))],
    "planning:strategy-version": [
        Case("Northshire's first", _version, allowed=only(READERS, otto_other_admin=404))
    ],
    "planning:strategy-new-version": [
        Case("the form", allowed=only(["sam_senior"])),
        Case("saving it", method="post", data=lambda t: VERSION, allowed=only(["sam_senior"], 302)),
    ],
    "planning:goal-new": [
        Case("the form", allowed=only(["sam_senior"])),
        Case(
            "saving it",
            method="post",
            data=lambda t: {"title": "Kind care"},
            allowed=only(["sam_senior"], 302),
        ),
    ],
    "planning:goal": [
        Case("Northshire's", _goal, allowed=only(["sam_senior"])),
        Case("Riverside's", lambda t: _goal(t, "other_org"), allowed={}),
    ],
    "planning:goal-retire": [
        Case("GET is not a way to retire", _goal, allowed={}),
        Case("Northshire's", _goal, method="post", allowed=only(["sam_senior"], 302)),
        Case("Riverside's", lambda t: _goal(t, "other_org"), method="post", allowed={}),
    ],
    "planning:priority-new": [
        Case("under Northshire's goal", _goal, allowed=only(["sam_senior"])),
        Case(
            "saving it",
            _goal,
            method="post",
            data=lambda t: {"title": "Fewer falls", "domains": [t.org.quality_domains.get(key="safe").pk]},
            allowed=only(["sam_senior"], 302),
        ),
        Case("under Riverside's goal", lambda t: _goal(t, "other_org"), allowed={}),
    ],
}

# Feedback, needs, service models and "you said, we did" keep their expectations beside their tests.
from tests.planning.authorization_needs import EXPECTATIONS as _NEEDS  # noqa: E402

EXPECTATIONS.update(_NEEDS)
# Quality plans, the measurement framework and the line of sight keep their own file.
from tests.planning.authorization_plans import EXPECTATIONS as _PLANS  # noqa: E402

EXPECTATIONS.update(_PLANS)
