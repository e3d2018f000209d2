"""Control's escalation and measure pages list the improvement work answering them, scoped to the
person, through the registry improvement fills when it starts (control cannot import improvement)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.control import responses
from openqms.improvement.services.team import add_project_measure
from tests.control import huddle_helpers as hh
from tests.control import pages_helpers as control
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def _escalation_page(signed_in, who, escalation):
    response = signed_in(who).get(reverse("control:escalation", args=[escalation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_escalation_lists_the_projects_answering_it_that_the_person_may_see(signed_in, trust):
    escalation = hh.escalation(trust)
    assert "No improvement project answers this escalation yet." in _escalation_page(
        signed_in, "tess_team_leader", escalation
    )
    on_ward_a = h.project(trust, title="A hoist for every bay", escalation=escalation)
    on_ward_b = h.project(trust, "ward_b", title="Borrowing hoists from Ward B", escalation=escalation)
    h.project(trust, title="Unrelated falls work")

    page = _escalation_page(signed_in, "tess_team_leader", escalation)
    assert "Work answering this escalation" in page
    assert reverse("improvement:project", args=[on_ward_a.pk]) in page
    assert "A hoist for every bay" in page
    assert "Borrowing hoists from Ward B" not in page  # Ward A's leader does not see Ward B's projects
    assert "Unrelated falls work" not in page

    page = _escalation_page(signed_in, "dana_division", escalation)
    assert "A hoist for every bay" in page
    assert "Borrowing hoists from Ward B" in page
    assert reverse("improvement:project", args=[on_ward_b.pk]) in page


def test_the_measure_page_says_how_each_project_uses_the_measure(signed_in, trust):
    measure = control.measure(trust.ward_a)
    control.monthly_values(measure, control.STEADY)
    aiming = h.project(trust, title="Aims at it", measure=measure)
    balancing = h.project(trust, title="Balances with it")
    add_project_measure(actor=None, project=balancing, measure=measure, role="balancing")
    url = reverse("control:measure", args=[measure.pk])

    page = signed_in("mo_member").get(url).content.decode()
    assert "Improvement work on this measure" in page
    assert "Improvement project (its aim)" in page
    assert "Aims at it" in page
    assert "Improvement project (balancing measure)" in page
    assert "Balances with it" in page
    assert page.count(reverse("improvement:project", args=[aiming.pk])) == 1

    untouched = control.measure(trust.ward_a, control.definition(trust.ward_a, name="Untouched"))
    page = signed_in("mo_member").get(reverse("control:measure", args=[untouched.pk])).content.decode()
    assert "Improvement work on this measure" not in page


def test_a_provider_registered_twice_lists_its_work_once(trust):
    escalation = hh.escalation(trust)
    h.project(trust, escalation=escalation)
    from openqms.improvement.selectors.projects import escalation_responses

    responses.register_for_escalations(escalation_responses)
    found = responses.responses_to_escalation(trust.people["tess_team_leader"], escalation)
    assert [r.title for r in found] == ["Fewer falls"]
    assert found[0].status == "Idea"
    assert found[0].unit == "Ward A"
