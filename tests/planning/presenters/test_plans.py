"""What the plan page offers each person: the drafting, deciding and signing-off flags."""

from __future__ import annotations

from openqms.planning.presenters import plans as presenters
from openqms.planning.services import plans as services
from tests.planning.helpers import drafted


def test_each_person_is_offered_their_own_step(trust):
    d = drafted(trust)
    people = trust.people
    page = presenters.plan_page(people["tess_team_leader"], d.plan)
    assert (page["may_draft"], page["may_decide"], page["status_tag"]["text"]) == (True, False, "Draft")
    assert page["inputs"] is not None
    assert presenters.plan_page(people["mo_member"], d.plan)["may_draft"] is False
    services.submit(actor=None, plan=d.plan)
    d.plan.refresh_from_db()
    assert presenters.plan_page(people["tess_team_leader"], d.plan)["may_decide"] is False
    assert presenters.plan_page(people["dana_division"], d.plan)["may_decide"] is True
    services.approve(actor=None, plan=d.plan)
    d.plan.refresh_from_db()
    dana = presenters.plan_page(people["dana_division"], d.plan)
    sam = presenters.plan_page(people["sam_senior"], d.plan)
    assert (dana["may_sign_off"], sam["may_sign_off"]) == (False, True)
    assert sam["results"] is not None
    assert sam["status_tag"]["classes"] == "nhsuk-tag--green"
