from __future__ import annotations

import re

from django.urls import reverse

from openqms.organisations import services as organisations


def test_my_qms_lists_the_persons_units_and_roles(signed_in, trust):
    body = signed_in("colin_clinician").get(reverse("my-qms")).content.decode()
    assert "Elderly Care" in body
    assert "Consultant or senior clinician" in body


def test_someone_without_roles_is_told_to_ask_for_one(signed_in):
    body = signed_in("nora_no_role").get(reverse("my-qms")).content.decode()
    assert "You have no roles yet" in body


def test_the_unit_page_lists_sub_units_and_people_with_roles(signed_in, trust):
    body = signed_in("sam_senior").get(reverse("unit", args=[trust.ward_a.pk])).content.decode()
    assert "Tess Team-Leader" in body
    assert "Team leader" in body
    assert "Mo Member" in body
    body = signed_in("sam_senior").get(reverse("unit", args=[trust.elderly_care.pk])).content.decode()
    assert "Ward A" in body
    assert "Ward B" in body
    assert "Colin Clinician" in body


def test_breadcrumbs_show_the_unit_path(signed_in, trust):
    body = signed_in("sam_senior").get(reverse("unit", args=[trust.ward_a.pk])).content.decode()
    crumbs = body[body.index('aria-label="Breadcrumb"') :]
    for name in ("Northshire Hospitals Board", "Medicine", "Elderly Care"):
        assert name in crumbs
    assert crumbs.index("Medicine") < crumbs.index("Elderly Care")


def test_a_service_user_sees_the_unit_but_not_its_people(signed_in, trust):
    response = signed_in("sue_service_user").get(reverse("unit", args=[trust.ward_a.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "People and roles" not in body
    assert "Tess Team-Leader" not in body


def test_a_unit_out_of_scope_is_not_found(signed_in, trust):
    assert signed_in("mo_member").get(reverse("unit", args=[trust.ward_b.pk])).status_code == 404
    assert signed_in("mo_member").get(reverse("unit", args=[trust.other_team.pk])).status_code == 404


def test_archived_sub_units_are_listed_apart(signed_in, trust):
    organisations.archive_unit(actor=None, unit=trust.ward_b)
    body = signed_in("sam_senior").get(reverse("unit", args=[trust.elderly_care.pk])).content.decode()
    assert "Archived sub-units (1)" in body


def test_the_history_shows_who_changed_what(signed_in, trust):
    organisations.update_unit(
        actor=trust.people["ada_admin"], unit=trust.ward_a, name="Ward A Frailty", kind="ward", code="WA"
    )
    body = signed_in("sam_senior").get(reverse("unit-history", args=[trust.ward_a.pk])).content.decode()
    assert "Ada Admin" in body
    assert "Ward A Frailty" in body
    assert "<del>" in body


def test_the_history_names_what_the_trail_keeps_as_ids_and_codes(signed_in, trust):
    organisations.move_unit(actor=trust.people["ada_admin"], unit=trust.ward_a, new_parent=trust.theatres)
    organisations.update_unit(
        actor=trust.people["ada_admin"], unit=trust.ward_a, name=trust.ward_a.name, kind="team", code="WA"
    )
    body = signed_in("sam_senior").get(reverse("unit-history", args=[trust.ward_a.pk])).content.decode()
    changes = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    # The parent by its name, the kind by its label: never "Parent 7" or "ward".
    assert f"was {trust.elderly_care.name} now {trust.theatres.name}" in changes
    assert "Kind was Ward now Team" in changes


def test_switching_unit_changes_where_the_components_open(signed_in, trust):
    client = signed_in("sam_senior")
    response = client.post(
        reverse("switch-unit"), {"unit": trust.theatres.pk, "next": reverse("control:home")}
    )
    assert response.status_code == 302
    assert response.url == reverse("control:home")
    assert "Working in <strong>Theatres</strong>" in client.get(reverse("control:home")).content.decode()


def test_switching_to_a_unit_out_of_scope_is_not_found(signed_in, trust):
    client = signed_in("mo_member")
    assert client.post(reverse("switch-unit"), {"unit": trust.ward_b.pk}).status_code == 404
    assert client.post(reverse("switch-unit"), {"unit": "x"}).status_code == 404
    assert client.post(reverse("switch-unit"), {}).status_code == 404


def test_switching_never_redirects_off_site(signed_in, trust):
    response = signed_in("mo_member").post(
        reverse("switch-unit"), {"unit": trust.ward_a.pk, "next": "https://evil.example/"}
    )
    assert response.url == reverse("unit", args=[trust.ward_a.pk])


def test_the_switcher_offers_only_units_in_reach(signed_in, trust):
    body = signed_in("tess_team_leader").get(reverse("my-qms")).content.decode()
    switcher = body[body.index('id="switch-unit"') : body.index("</select>")]
    assert "Ward A" in switcher
    assert "Ward B" not in switcher


def test_a_unit_chosen_earlier_but_now_out_of_reach_falls_back(signed_in, trust):
    client = signed_in("dana_division")
    client.post(reverse("switch-unit"), {"unit": trust.ward_b.pk})
    organisations.move_unit(actor=None, unit=trust.ward_b, new_parent=trust.surgery)
    body = client.get(reverse("control:home")).content.decode()
    assert "Working in <strong>Medicine</strong>" in body
