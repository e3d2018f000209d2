"""What each quality plan, framework and line-of-sight page answers to each persona.

The plan is Ward A's: its staff (Sam, Dana, Tess, Colin, Mo) read it; its leaders (Sam, Dana, Tess)
draft it; the tier above (Elderly Care, reached by Sam and Dana, not by Tess) returns and approves
it; only the top (Sam) signs it off. Sue, a service user on Ward A, reads and comments on a plan
shared with service users only. Ada administers the tree and sees no quality data.
Posts that change state are sent where they are refused or idempotent (a submitted plan cannot be
changed; approving twice changes nothing), so every persona meets the same plan.
"""

from __future__ import annotations

from typing import Any

from openqms.organisations import services as organisations
from openqms.planning.models.plans import PlanTarget
from openqms.planning.services import plans as services
from tests.authorization import NORTHSHIRE_UNIT_VIEWERS, SIGNED_IN, Case, only
from tests.planning.helpers import drafted

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
TIER_ABOVE = ["sam_senior", "dana_division"]


def _plan(t: Any, *, shared: bool = False, state: str = "draft") -> Any:
    d = drafted(t, with_items=state == "approved")
    if shared:
        services.update_plan(actor=None, plan=d.plan, summary="", shared_with_service_users=True)
    if state in ("submitted", "approved"):
        services.submit(actor=None, plan=d.plan)
    if state == "approved":
        services.approve(actor=None, plan=d.plan)
    return d


def _pk(shared: bool = False, state: str = "draft") -> Any:
    return lambda t: {"pk": _plan(t, shared=shared, state=state).plan.pk}


def _item(state: str = "draft") -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        d = _plan(t, state=state)
        return {"pk": d.plan.pk, "item": d.items[0].pk}

    return kwargs


def _target(t: Any) -> dict[str, Any]:
    d = _plan(t, state="submitted")
    target = PlanTarget.objects.create(plan_priority=d.items[0], measure=d.measure, target=3)
    return {"pk": d.plan.pk, "kind": "target", "item": target.pk}


def _empty(t: Any) -> dict[str, int]:
    return {"pk": services.create_plan(actor=None, unit=t.ward_a, year=2026).pk}


def _priority(organisation: str = "org") -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        p = organisations.add_priority(
            actor=None, organisation=getattr(t, organisation), title="No avoidable harm"
        )
        return {"pk": p.pk}

    return kwargs


EXPECTATIONS: dict[str, list[Case]] = {
    "planning:plans": [Case("the list, scoped", allowed=only(SIGNED_IN))],
    "planning:plan-new": [
        Case("the form", allowed=only(WARD_A_LEADERS)),
        Case(
            "a year left out",
            method="post",
            data=lambda t: {"unit": t.ward_a.pk},
            allowed=only(WARD_A_LEADERS, 400),
        ),
    ],
    "planning:plan": [
        Case("Ward A's draft", _pk(), allowed=only(WARD_A_STAFF)),
        Case(
            "shared with service users", _pk(shared=True), allowed=only([*WARD_A_STAFF, "sue_service_user"])
        ),
    ],
    "planning:plan-edit": [Case("a draft", _pk(), allowed=only(WARD_A_LEADERS))],
    "planning:plan-priority-add": [Case("a draft", _pk(), allowed=only(WARD_A_LEADERS))],
    "planning:plan-priority-remove": [
        Case("GET is not a way to remove", _item(), allowed={}),
        Case(
            "a submitted plan refuses", _item("submitted"), method="post", allowed=only(WARD_A_LEADERS, 302)
        ),
    ],
    "planning:plan-target-add": [Case("a draft", _item(), allowed=only(WARD_A_LEADERS))],
    "planning:plan-audit-add": [Case("a draft", _item(), allowed=only(WARD_A_LEADERS))],
    "planning:plan-project-add": [Case("a draft", _item(), allowed=only(WARD_A_LEADERS))],
    "planning:plan-item-remove": [
        Case("GET is not a way to remove", _target, allowed={}),
        Case("a submitted plan refuses", _target, method="post", allowed=only(WARD_A_LEADERS, 302)),
    ],
    "planning:plan-comment": [
        Case("Ward A's draft", _pk(), allowed=only(WARD_A_STAFF)),
        Case(
            "shared with service users", _pk(shared=True), allowed=only([*WARD_A_STAFF, "sue_service_user"])
        ),
        Case(
            "nothing typed",
            _pk(shared=True),
            method="post",
            allowed=only([*WARD_A_STAFF, "sue_service_user"], 400),
        ),
    ],
    "planning:plan-submit": [
        Case("GET is not a way to submit", _empty, allowed={}),
        Case("a plan with no priority is refused", _empty, method="post", allowed=only(WARD_A_LEADERS, 302)),
    ],
    "planning:plan-return": [Case("a submitted plan", _pk(state="submitted"), allowed=only(TIER_ABOVE))],
    "planning:plan-approve": [
        Case("GET is not a way to approve", _pk(state="submitted"), allowed={}),
        Case(
            "approving twice changes nothing",
            _pk(state="submitted"),
            method="post",
            allowed=only(TIER_ABOVE, 302),
        ),
    ],
    "planning:plan-sign-off": [
        Case("an approved plan", _pk(state="approved"), method="post", allowed=only(["sam_senior"], 302)),
    ],
    "planning:plan-amend": [
        Case("an approved plan", _pk(state="approved"), allowed=only(WARD_A_LEADERS)),
        Case("a draft is changed, not amended", _pk(), allowed={}),
    ],
    "planning:framework": [Case("the page", allowed=only(SIGNED_IN))],
    "planning:framework-add": [
        Case("the form", allowed=only(["sam_senior"])),
        Case("nothing chosen", method="post", allowed=only(["sam_senior"], 400)),
    ],
    "planning:line-of-sight": [
        Case("Northshire's priority", _priority(), allowed=only(NORTHSHIRE_UNIT_VIEWERS)),
        Case("Riverside's priority", _priority("other_org"), allowed=only(["otto_other_admin"])),
    ],
    "planning:unit-fit": [
        Case("Ward A", lambda t: {"pk": t.ward_a.pk}, allowed=only(WARD_A_STAFF)),
        Case(
            "Ward B",
            lambda t: {"pk": t.ward_b.pk},
            allowed=only(["sam_senior", "dana_division", "colin_clinician"]),
        ),
    ],
}
