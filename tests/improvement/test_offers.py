"""Improvement's offers on control's pages: a project to answer an escalation, or on a measure's
concern, for the people who may contribute there; a measure with no concern offers none."""

from __future__ import annotations

from django.urls import reverse

from openqms.control.responses import offers_on_concern, offers_on_escalation
from openqms.improvement import offers
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as control

NEW = "/improvement/projects/new/"


def test_a_project_is_offered_on_an_escalation_to_those_who_may_contribute(trust):
    escalation = hh.escalation(trust)
    for person in ("mo_member", "tess_team_leader", "dana_division"):
        found = offers.on_escalation(trust.people[person], escalation)
        assert [(o.text, o.url) for o in found] == [
            ("Start an improvement project to answer this escalation", f"{NEW}?escalation={escalation.pk}")
        ]
    for person in ("sue_service_user", "ada_admin", "otto_other_admin", "nora_no_role"):
        assert offers.on_escalation(trust.people[person], escalation) == []


def test_a_project_is_offered_on_a_measure_s_concern_and_only_while_there_is_one(trust, signed_in):
    concern = control.measure(trust.ward_a)
    control.monthly_values(concern, control.RISING)
    steady = control.measure(trust.ward_a, control.definition(trust.ward_a, name="Steady"))
    control.monthly_values(steady, control.STEADY)
    mo = trust.people["mo_member"]
    assert [o.url for o in offers_on_concern(mo, concern)] == [f"{NEW}?measure={concern.pk}"]
    assert offers.on_concern(trust.people["sue_service_user"], concern) == []

    client = signed_in("mo_member")
    page = client.get(reverse("control:measure", args=[concern.pk])).content.decode()
    assert (
        f'<p><a href="{NEW}?measure={concern.pk}">Start an improvement project on this concern</a></p>'
        in page
    )
    page = client.get(reverse("control:measure", args=[steady.pk])).content.decode()
    assert "Start an improvement project" not in page


def test_the_escalation_page_offers_the_project_before_the_audit(trust, signed_in):
    escalation = hh.escalation(trust)
    assert [o.text for o in offers_on_escalation(trust.people["tess_team_leader"], escalation)] == [
        "Start an improvement project to answer this escalation",
        "Schedule an assurance check (an audit) of Ward A",
    ]
    page = (
        signed_in("tess_team_leader")
        .get(reverse("control:escalation", args=[escalation.pk]))
        .content.decode()
    )
    project = page.index(f'<p><a href="{NEW}?escalation={escalation.pk}">Start an improvement project')
    audit = page.index(
        f'<p><a href="/assurance/templates/?unit={trust.ward_a.pk}">Schedule an assurance check'
    )
    assert project < audit
