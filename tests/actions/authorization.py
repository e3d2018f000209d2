"""What each page of the action tracker answers to each persona, for the authorization matrix.

An action is unit data: the staff whose role reaches its unit see it and add notes, the unit's
leaders (on it or above) change and close it; service users and administrators see none. An
escalation tier's answer is seen in the tracker but changed only on its escalation's page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.authorization import SIGNED_IN, Case, only

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]


def _unit(name: str) -> Any:
    return lambda t: {"pk": getattr(t, name).pk}


def raised_action(unit: str = "ward_a", status: str = "open") -> Any:
    """An action raised on the unit (and closed, if asked); assurance's evidence cases use it too."""

    def kwargs(t: Any) -> dict[str, int]:
        from openqms.actions.services import tracker as services

        item = services.raise_action(
            actor=None, unit=getattr(t, unit), title="Fix it", due_on=dt.date.today()
        )
        if status == "closed":
            services.close_action(
                actor=None, action=item, evidence="Done", effectiveness_check="Re-audit", effective=True
            )
        return {"pk": item.pk}

    return kwargs


def _huddle_action(t: Any) -> dict[str, int]:
    from tests.control import huddle_helpers as hh

    return {"pk": hh.huddle(t).issues.get().action_id}


def _tier_action(t: Any) -> dict[str, int]:
    """Elderly Care's answer to an escalation from Ward A: an action on Elderly Care, kept at its
    escalation (seen in the tracker by whoever reaches Elderly Care, changed only on the escalation)."""
    from openqms.control.services.escalations import current_tier
    from tests.control import huddle_helpers as hh

    return {"pk": current_tier(hh.escalation(t)).action_id}


ELDERLY_CARE_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
ELDERLY_CARE_LEADERS = ["sam_senior", "dana_division"]
_CLOSING = {"evidence": "Done", "effectiveness_check": "Checked", "effective": "yes"}


EXPECTATIONS: dict[str, list[Case]] = {
    "actions:actions": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("another organisation", _unit("other_team"), allowed={}),
    ],
    "actions:action-new": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _unit("ward_b"), allowed=only(WARD_B_STAFF)),
    ],
    "actions:action": [
        Case("Ward A", raised_action(), allowed=only(WARD_A_STAFF)),
        Case("Ward B", raised_action("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("Ward A, a huddle's action", _huddle_action, allowed=only(WARD_A_STAFF)),
        Case("Elderly Care, an escalation tier's answer", _tier_action, allowed=only(ELDERLY_CARE_STAFF)),
    ],
    "actions:action-edit": [
        Case("Ward A", raised_action(), allowed=only(WARD_A_LEADERS)),
        # Changed on its escalation: its leaders are sent there, everyone else finds nothing.
        Case(
            "Elderly Care, an escalation tier's answer",
            _tier_action,
            allowed=only(ELDERLY_CARE_LEADERS, 302),
        ),
    ],
    "actions:action-note": [
        Case("GET is not allowed", raised_action(), allowed=only(SIGNED_IN, 405)),
        Case(
            "Ward A: an empty note comes back with its error",
            raised_action(),
            method="post",
            allowed=only(WARD_A_STAFF),
        ),
    ],
    "actions:action-close": [
        Case("Ward A", raised_action(), allowed=only(WARD_A_LEADERS)),
        Case("Ward A, closed already", raised_action(status="closed"), allowed=only(WARD_A_LEADERS)),
        # Sam closes it first; the other leaders find it closed already (the form comes back).
        Case(
            "Ward A, a huddle's action",
            _huddle_action,
            method="post",
            data=lambda t: _CLOSING,
            allowed=only(WARD_A_LEADERS) | {"sam_senior": 302},
        ),
        # A tier's answer is closed on its escalation: its leaders are sent there, nothing closes.
        Case(
            "Elderly Care, an escalation tier's answer",
            _tier_action,
            method="post",
            data=lambda t: _CLOSING,
            allowed=only(ELDERLY_CARE_LEADERS, 302),
        ),
    ],
}
