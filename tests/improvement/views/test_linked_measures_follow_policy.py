"""What a page shows of a linked measure or escalation follows that object's policy (issue 17, 5)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.access import policy
from openqms.improvement.services.team import add_member
from tests.control import huddle_helpers as hh
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(trust):
    made = h.project(trust, escalation=hh.escalation(trust))
    definition = made.aim_measure.definition
    definition.name = "Inpatient falls per 1,000 bed days"
    definition.save()
    add_member(actor=None, project=made, person=trust.people["sue_service_user"], role="partner")
    return made


def test_the_portfolio_counts_but_never_names_a_measure_the_viewer_may_not_see(trust, signed_in, project):
    measure = project.aim_measure
    name = measure.definition.name
    sue = trust.people["sue_service_user"]
    assert not policy.can(sue, policy.Permission.VIEW, measure)
    html = signed_in("sue_service_user").get(reverse("improvement:home")).content.decode()
    assert project.title in html
    assert name not in html
    assert "Common cause" not in html
    assert "1 measure not shared with you" in html
    staff = signed_in("mo_member").get(reverse("improvement:home")).content.decode()
    assert name in staff
    assert "not shared with you" not in staff


def test_the_charter_names_neither_the_measure_nor_the_escalation_to_a_partner(trust, signed_in, project):
    html = (
        signed_in("sue_service_user").get(reverse("improvement:project", args=[project.pk])).content.decode()
    )
    assert project.aim_measure.definition.name not in html
    assert "No hoist on the ward" not in html
    assert "Measure: a measure not shared with you" in html
    assert "An escalation not shared with you" in html
