"""Control's registry of the work answering its pages and the work they offer to start: control
lists whatever the providers return, in their order, naming no higher app."""

from __future__ import annotations

from openqms.control import responses
from openqms.control.models import Escalation
from openqms.control.responses import Offer
from openqms.people.models import User
from tests.control import huddle_helpers as hh


def test_offers_are_listed_in_their_order_whichever_provider_registered_first(monkeypatch, trust):
    def later(user: User, escalation: Escalation) -> list[Offer]:
        return [Offer("Second", "/second/", order=20)]

    def sooner(user: User, escalation: Escalation) -> list[Offer]:
        return [Offer(f"First, for {user.username}", "/first/", order=10)]

    monkeypatch.setattr(responses, "_offers_on_escalations", [])
    responses.register_offers_on_escalations(later)
    responses.register_offers_on_escalations(sooner)
    responses.register_offers_on_escalations(sooner)  # ready() run twice lists it once
    offers = responses.offers_on_escalation(trust.people["mo_member"], hh.escalation(trust))
    assert [o.text for o in offers] == ["First, for mo_member", "Second"]


def test_with_no_app_offering_work_control_offers_none(monkeypatch, trust, signed_in):
    monkeypatch.setattr(responses, "_offers_on_escalations", [])
    escalation = hh.escalation(trust)
    assert responses.offers_on_escalation(trust.people["tess_team_leader"], escalation) == []
    page = signed_in("tess_team_leader").get(f"/control/escalations/{escalation.pk}/").content.decode()
    assert "Start an improvement project" not in page
    assert "Schedule an assurance check" not in page
