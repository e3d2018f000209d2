"""People pickers offer the people near the person; others are found by exact name or e-mail (issue 17, 6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.access import services as access
from openqms.improvement.models import ProjectMember
from openqms.people import services as people
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_away(trust):
    """A service user of Theatres, in another division from Ward A."""
    person = people.create_person(actor=None, username="tina_theatres", full_name="Tina Theatres")
    person.email = "tina@example.nhs.uk"
    person.save()
    access.grant_role(actor=None, person=person, unit=trust.theatres, role="service_user")
    return person


def test_the_team_picker_lists_only_people_near_the_person_adding(trust, signed_in, far_away):
    project = h.project(trust)
    html = signed_in("mo_member").get(reverse("improvement:project-team", args=[project.pk])).content.decode()
    assert ">Sue Service-User</option>" in html  # Ward A's own service user
    assert ">Dana Division</option>" in html  # a leader above Ward A
    assert "Colin Clinician" not in html  # a clinician of Elderly Care: may join, found by typing
    assert "Tina Theatres" not in html


def test_someone_not_listed_is_added_by_their_exact_name_or_e_mail_address(trust, signed_in, far_away):
    project = h.project(trust)
    colin = trust.people["colin_clinician"]
    colin.email = "colin@example.nhs.uk"
    colin.save()
    client = signed_in("mo_member")
    url = reverse("improvement:project-team", args=[project.pk])
    partial = client.post(url, {"find": "Colin", "role": "physiotherapist"})
    assert "No one who may join the team has exactly that name or e-mail address" in partial.content.decode()
    posted_id = client.post(url, {"person": colin.pk, "role": "physiotherapist"})
    assert posted_id.status_code == 200  # not offered, so not accepted by id
    assert not ProjectMember.objects.filter(person=colin).exists()
    assert client.post(url, {"find": "COLIN@example.nhs.uk", "role": "physio"}).status_code == 302
    assert client.post(url, {"find": "Tina Theatres", "role": "partner"}).status_code == 200  # cannot join
    assert set(ProjectMember.objects.filter(project=project).values_list("person__username", flat=True)) >= {
        "colin_clinician"
    }
    assert not ProjectMember.objects.filter(person=far_away).exists()


def test_the_charter_offers_near_leaders_and_keeps_its_own_lead_and_sponsor(trust, signed_in, far_away):
    project = h.project(trust)
    html = signed_in("mo_member").get(reverse("improvement:project-edit", args=[project.pk])).content.decode()
    assert "Dana Division" in html
    assert "Tess Team-Leader" in html
    assert "Tina Theatres" not in html
