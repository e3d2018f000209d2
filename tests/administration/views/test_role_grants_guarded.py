"""No one gives a role to themselves, and leaders see clinical roles given on their units (issue 17, 3)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.access import policy
from openqms.access import services as access
from openqms.access.models import RoleAssignment

pytestmark = pytest.mark.django_db


def test_an_administrator_cannot_give_themselves_a_clinical_role(trust, signed_in):
    admin = trust.people["ada_admin"]
    response = signed_in("ada_admin").post(
        f"/administration/units/{trust.ward_a.pk}/roles/new/",
        {"person": admin.pk, "role": "senior_leader", "starts_on_day": "1", "starts_on_month": "4",
         "starts_on_year": "2026"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(person=admin, role="senior_leader").exists()
    policy.forget_grants(admin)
    assert not policy.can(admin, policy.Permission.VIEW, trust.ward_a)


def test_the_grant_form_does_not_offer_the_administrator_themselves(trust, signed_in):
    html = signed_in("ada_admin").get(f"/administration/units/{trust.ward_a.pk}/roles/new/").content.decode()
    assert "Mo Member (mo_member)" in html
    assert "Ada Admin (ada_admin)" not in html


def test_the_service_refuses_a_grant_to_oneself_whatever_asks_it(trust):
    admin = trust.people["ada_admin"]
    with pytest.raises(ValidationError, match="yourself"):
        access.grant_role(actor=admin, person=admin, unit=trust.ward_a, role="team_member")


def test_a_clinical_role_given_on_a_ward_is_shown_to_its_leaders(trust, signed_in):
    access.grant_role(
        actor=trust.people["ada_admin"],
        person=trust.people["nora_no_role"],
        unit=trust.ward_a,
        role="clinician",
    )
    for leader in ("tess_team_leader", "dana_division"):
        html = signed_in(leader).get("/").content.decode()
        assert "Roles given on your units in the last 30 days" in html
        assert "Nora No-Role" in html
        assert "Ada Admin" in html
    # Not to staff without a lead role, and not to leaders of other divisions' units.
    assert "Nora No-Role" not in signed_in("mo_member").get("/").content.decode()
    access.grant_role(
        actor=trust.people["ada_admin"],
        person=trust.people["mo_member"],
        unit=trust.theatres,
        role="team_member",
    )
    assert "Theatres" not in signed_in("dana_division").get("/").content.decode().split("roles-given")[1]
