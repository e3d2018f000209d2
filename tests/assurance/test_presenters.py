"""Assurance's presenters: the way back from an audit depends on whether the person may see its unit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.assurance.presenters import audit_breadcrumbs
from tests.assurance import helpers as h

pytestmark = pytest.mark.django_db


def test_staff_go_back_from_an_audit_to_their_units_assurance_page(trust):
    run = h.run(trust, h.template(trust))

    for username in ("mo_member", "tess_team_leader", "sam_senior"):
        assert audit_breadcrumbs(trust.people[username], run) == [
            {"href": reverse("assurance:unit", args=[trust.ward_a.pk]), "text": "Ward A assurance"}
        ]


def test_a_service_user_taking_part_in_an_audit_goes_back_to_assurance_not_to_the_unit(trust):
    sue = trust.people["sue_service_user"]
    assigned = h.run(trust, h.template(trust), assignees=[sue])
    shared = h.run(trust, h.template(trust, code="HH2"), shared=True)

    for run in (assigned, shared):
        assert audit_breadcrumbs(sue, run) == [{"href": reverse("assurance:home"), "text": "Assurance"}]
