"""What each planning page answers to each persona, for the authorization matrix.

Everyone with a role in an organisation reads its strategic priorities; only leaders on its top
unit (Sam, the board's senior leader) add, change and retire them. Riverside's priority is out of
everyone's reach here: Otto administers Riverside but does not lead it.
"""

from __future__ import annotations

from typing import Any

from openqms.organisations import services
from tests.authorization import SIGNED_IN, Case, only


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
}

# Feedback, needs, service models and "you said, we did" keep their expectations beside their tests.
from tests.planning.authorization_needs import EXPECTATIONS as _NEEDS  # noqa: E402

EXPECTATIONS.update(_NEEDS)
# Quality plans, the measurement framework and the line of sight keep their own file.
from tests.planning.authorization_plans import EXPECTATIONS as _PLANS  # noqa: E402

EXPECTATIONS.update(_PLANS)
