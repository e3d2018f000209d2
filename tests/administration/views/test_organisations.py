"""Administration home and organisations: who sees what, who may create and change organisations."""

from __future__ import annotations

from django.urls import reverse

from openqms.audit.models import AuditEntry
from openqms.organisations.models import Organisation


def test_the_home_page_lists_only_the_organisations_the_administrator_administers(ada, trust):
    page = ada.get(reverse("administration:home")).content.decode()
    assert "Northshire Hospitals" in page
    assert "Riverside Community" not in page
    assert reverse("administration:unit", args=[trust.board.pk]) in page
    assert "Create an organisation" not in page


def test_the_home_page_shows_a_part_administrator_the_top_of_their_part(client, trust, medicine_admin):
    client.force_login(medicine_admin)
    page = client.get(reverse("administration:home")).content.decode()
    assert reverse("administration:unit", args=[trust.medicine.pk]) in page
    assert reverse("administration:unit", args=[trust.board.pk]) not in page
    assert f'href="{reverse("administration:organisation", args=[trust.org.pk])}"' not in page


def test_a_part_administrator_cannot_change_the_organisation_but_can_import_into_it(
    client, trust, medicine_admin
):
    client.force_login(medicine_admin)
    assert client.get(reverse("administration:organisation", args=[trust.org.pk])).status_code == 404
    assert client.get(reverse("administration:import", args=[trust.org.pk])).status_code == 200


def test_a_superuser_sees_every_organisation_and_may_create_one(superuser):
    page = superuser.get(reverse("administration:home")).content.decode()
    assert "Northshire Hospitals" in page
    assert "Riverside Community" in page
    assert "Create an organisation" in page


def test_a_superuser_can_create_an_organisation_with_its_board(superuser):
    response = superuser.post(
        reverse("administration:organisation-new"), {"name": "Eastbay Health", "code": "rxe"}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(code="RXE")
    assert organisation.units.get().kind == "board"
    assert AuditEntry.objects.filter(
        object_type="organisations.organisation", object_id=str(organisation.pk)
    ).exists()
    assert "Eastbay Health has been created" in superuser.get(response["Location"]).content.decode()


def test_an_administrator_of_one_organisation_cannot_create_one(ada):
    url = reverse("administration:organisation-new")
    assert ada.get(url).status_code == 404
    assert ada.post(url, {"name": "Eastbay Health", "code": "RXE"}).status_code == 404
    assert not Organisation.objects.filter(code="RXE").exists()


def test_it_rejects_an_organisation_without_a_name_or_code(superuser):
    response = superuser.post(reverse("administration:organisation-new"), {"name": "", "code": ""})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the organisation&#39;s name" in page
    assert "Enter the organisation&#39;s ODS code" in page
    assert 'href="#id_name"' in page


def test_it_rejects_an_ods_code_already_used_or_with_other_characters(superuser):
    url = reverse("administration:organisation-new")
    assert (
        "Another organisation already has this ODS code"
        in superuser.post(url, {"name": "Eastbay", "code": "nht"}).content.decode()
    )
    assert (
        "ODS code must contain only letters and numbers"
        in superuser.post(url, {"name": "Eastbay", "code": "R X"}).content.decode()
    )
    assert (
        "Another organisation already has this name"
        in superuser.post(url, {"name": "northshire hospitals", "code": "RXE"}).content.decode()
    )
    assert Organisation.objects.count() == 2


def test_an_administrator_of_the_root_unit_can_rename_the_organisation(ada, trust):
    url = reverse("administration:organisation", args=[trust.org.pk])
    response = ada.post(url, {"name": "Northshire Hospitals NHS Trust", "code": "NHT"})
    assert response.status_code == 302
    trust.org.refresh_from_db()
    assert trust.org.name == "Northshire Hospitals NHS Trust"
    entry = AuditEntry.objects.filter(object_type="organisations.organisation", action="update").get()
    assert entry.actor_id == trust.people["ada_admin"].pk


def test_the_other_organisations_administrator_cannot_rename_it(signed_in, trust):
    otto = signed_in("otto_other_admin")
    url = reverse("administration:organisation", args=[trust.org.pk])
    assert otto.post(url, {"name": "Taken over", "code": "NHT"}).status_code == 404
    trust.org.refresh_from_db()
    assert trust.org.name == "Northshire Hospitals"


def test_a_superuser_reaches_administration_before_any_organisation_exists(client, db):
    from openqms.people.models import User

    client.force_login(User.objects.create_superuser(username="root", full_name="Root", password="x"))
    page = client.get(reverse("administration:home")).content.decode()
    assert "There are no organisations yet. Create the first one." in page
