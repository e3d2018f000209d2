"""Assurance's offer on an escalation's page: an audit of the team it came from, for its leaders."""

from __future__ import annotations

from django.urls import reverse

from openqms.assurance import offers
from tests.control import huddle_helpers as hh


def test_an_audit_of_the_team_is_offered_to_those_who_lead_it(trust, signed_in):
    escalation = hh.escalation(trust)
    for person in ("tess_team_leader", "dana_division", "sam_senior"):
        found = offers.on_escalation(trust.people[person], escalation)
        assert [(o.text, o.url) for o in found] == [
            (
                "Schedule an assurance check (an audit) of Ward A",
                f"/assurance/templates/?unit={trust.ward_a.pk}",
            )
        ]
    for person in ("mo_member", "colin_clinician", "sue_service_user", "ada_admin", "nora_no_role"):
        assert offers.on_escalation(trust.people[person], escalation) == []
    page = signed_in("mo_member").get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    assert "Schedule an assurance check" not in page
    assert "Start an improvement project to answer this escalation" in page
