"""People: the list and its search, adding a person with a first role, changing details, passwords."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.access import services as access
from openqms.audit.models import AuditEntry
from openqms.people import services as people
from openqms.people.models import User
from tests.administration.conftest import Counts

GOOD_PASSWORD = "Correct-Horse-Battery-42"


def new_person(trust, **changes):  # type: ignore[no-untyped-def]
    data = {
        "username": "priya.patel",
        "full_name": "Priya Patel",
        "email": "priya.patel@example.nhs.uk",
        "job_title": "Staff Nurse",
        "password": GOOD_PASSWORD,
        "role": "team_member",
        "unit": trust.ward_a.pk,
        "starts_on_day": "1",
        "starts_on_month": "4",
        "starts_on_year": "2026",
    }
    return {**data, **changes}


def person_url(name: str, person) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"administration:{name}", args=[person.pk])


def test_the_list_shows_the_people_with_roles_in_the_administrators_organisation(ada, signed_in, trust):
    page = ada.get(reverse("administration:people")).content.decode()
    assert "Mo Member" in page
    assert "Otto Other-Admin" not in page
    assert "Nora No-Role" not in page
    otto_page = signed_in("otto_other_admin").get(reverse("administration:people")).content.decode()
    assert "Otto Other-Admin" in otto_page
    assert "Mo Member" not in otto_page


def test_the_list_searches_by_name_or_username(ada):
    page = ada.get(reverse("administration:people"), {"q": "tess"}).content.decode()
    assert "Tess Team-Leader" in page
    assert "Mo Member" not in page
    assert "Nobody matches" in ada.get(reverse("administration:people"), {"q": "zzz"}).content.decode()


def test_the_list_is_paginated(ada, trust):
    for i in range(30):
        person = people.create_person(actor=None, username=f"extra{i:02d}", full_name=f"Extra {i:02d}")
        access.grant_role(actor=None, person=person, unit=trust.ward_b, role="team_member")
    first = ada.get(reverse("administration:people"), {"q": "extra"}).content.decode()
    assert "page 1 of 2" in first
    assert "?page=2&amp;q=extra" in first
    second = ada.get(reverse("administration:people"), {"q": "extra", "page": "2"}).content.decode()
    assert "Extra 29" in second


def test_it_adds_a_person_with_a_first_role_and_audit_entries(ada, trust):
    response = ada.post(reverse("administration:person-new"), new_person(trust))
    priya = User.objects.get(username="priya.patel")
    assert response["Location"] == person_url("person", priya)
    assert priya.check_password(GOOD_PASSWORD)
    assignment = priya.role_assignments.get()
    assert (assignment.unit, assignment.role, assignment.starts_on) == (
        trust.ward_a,
        "team_member",
        dt.date(2026, 4, 1),
    )
    assert AuditEntry.objects.filter(object_type="people.user", object_id=str(priya.pk)).exists()
    assert AuditEntry.objects.filter(
        object_type="access.roleassignment", object_id=str(assignment.pk)
    ).exists()


def test_it_rejects_a_weak_password_and_adds_nobody(ada, trust, counts):
    page = ada.post(
        reverse("administration:person-new"), new_person(trust, password="priyapatel")
    ).content.decode()
    assert "This password is too short. It must contain at least 12 characters." in page
    assert 'href="#id_password"' in page
    page = ada.post(
        reverse("administration:person-new"), new_person(trust, password="12345678901234")
    ).content
    assert "This password is entirely numeric." in page.decode()
    assert counts.unchanged()


def test_it_says_what_is_wrong_with_each_detail_of_a_new_person(ada, trust, counts):
    data = new_person(trust, username="mo_member", full_name="", email="not-an-email", unit="", role="chief")
    page = ada.post(reverse("administration:person-new"), data).content.decode()
    for message in (
        "This username is already taken: choose another",
        "Enter the full name",
        "Enter an email address in the correct format, like name@example.nhs.uk",
        "Select a role from the list",
        "Select the unit for the first role",
    ):
        assert message in page
    assert counts.unchanged()


def test_it_rejects_a_username_with_spaces(ada, trust, counts):
    page = ada.post(reverse("administration:person-new"), new_person(trust, username="priya patel")).content
    assert "Username must contain only letters, numbers and the characters @ . + - _" in page.decode()
    assert counts.unchanged()


def test_it_rejects_a_first_role_on_a_unit_the_administrator_does_not_administer(ada, trust, counts):
    data = new_person(trust, unit=trust.other_team.pk)
    assert (
        "Select a unit from the list" in ada.post(reverse("administration:person-new"), data).content.decode()
    )
    assert counts.unchanged()


def test_the_person_page_shows_roles_and_history(ada, trust):
    page = ada.get(person_url("person", trust.people["mo_member"])).content.decode()
    assert "Team member" in page
    assert "Ward A" in page
    assert "Created role" in page
    assert person_url("person-password", trust.people["mo_member"]) in page


def test_it_changes_a_persons_details_with_an_audit_entry(ada, trust):
    mo = trust.people["mo_member"]
    data = {
        "full_name": "Mo Member-Smith",
        "email": "mo@example.nhs.uk",
        "job_title": "HCA",
        "is_active": "on",
    }
    assert ada.post(person_url("person-edit", mo), data).status_code == 302
    mo.refresh_from_db()
    assert (mo.full_name, mo.email, mo.job_title, mo.is_active) == (
        "Mo Member-Smith",
        "mo@example.nhs.uk",
        "HCA",
        True,
    )
    entry = AuditEntry.objects.filter(object_type="people.user", object_id=str(mo.pk), action="update").get()
    assert entry.changes["full_name"] == ["Mo Member", "Mo Member-Smith"]


def test_it_switches_a_person_off(ada, trust):
    mo = trust.people["mo_member"]
    ada.post(person_url("person-edit", mo), {"full_name": "Mo Member", "email": "", "job_title": ""})
    mo.refresh_from_db()
    assert not mo.is_active


def test_it_says_what_is_wrong_with_a_persons_details(ada, trust, counts):
    data = {"full_name": "", "email": "mo@", "job_title": "j" * 151, "is_active": "on"}
    page = ada.post(person_url("person-edit", trust.people["mo_member"]), data).content.decode()
    assert "Enter the full name" in page
    assert "Enter an email address in the correct format" in page
    assert "Job title must be 150 characters or fewer" in page
    assert counts.unchanged()


def test_an_administrator_cannot_switch_off_their_own_account(ada, trust, counts):
    data = {"full_name": "Ada Admin", "email": "", "job_title": ""}
    page = ada.post(person_url("person-edit", trust.people["ada_admin"]), data).content.decode()
    assert "You cannot switch off your own account" in page
    assert counts.unchanged()


def test_it_resets_a_password_and_records_that_it_did_without_the_password(ada, trust):
    mo = trust.people["mo_member"]
    assert ada.post(person_url("person-password", mo), {"password": GOOD_PASSWORD}).status_code == 302
    mo.refresh_from_db()
    assert mo.check_password(GOOD_PASSWORD)
    entry = AuditEntry.objects.filter(object_type="people.user", object_id=str(mo.pk), action="update").get()
    assert GOOD_PASSWORD not in entry.changes_json
    assert "password" in entry.changes


def test_it_rejects_a_weak_or_missing_password_on_reset(ada, trust, counts):
    mo = trust.people["mo_member"]
    assert (
        "This password is too common."
        in ada.post(person_url("person-password", mo), {"password": "password1234"}).content.decode()
    )
    assert (
        "The password is too similar to the username."
        in ada.post(person_url("person-password", mo), {"password": "mo_member2026"}).content.decode()
    )
    assert (
        "Enter a new password"
        in ada.post(person_url("person-password", mo), {"password": ""}).content.decode()
    )
    assert counts.unchanged()


def test_a_person_with_roles_elsewhere_can_be_seen_but_not_changed(ada, trust):
    mo = trust.people["mo_member"]
    access.grant_role(actor=None, person=mo, unit=trust.other_team, role="team_member")
    counts = Counts()
    page = ada.get(person_url("person", mo)).content.decode()
    assert "also holds roles outside the units you administer" in page
    assert "District Nursing" not in page
    assert ada.get(person_url("person-edit", mo)).status_code == 404
    assert ada.post(person_url("person-password", mo), {"password": GOOD_PASSWORD}).status_code == 404
    assert counts.unchanged()


def test_a_superusers_account_cannot_be_taken_over_by_an_administrator(ada, trust):
    root = User.objects.create_superuser(username="root", full_name="Root", password=GOOD_PASSWORD)
    access.grant_role(actor=None, person=root, unit=trust.ward_a, role="team_member")
    assert ada.get(person_url("person", root)).status_code == 200
    assert ada.get(person_url("person-password", root)).status_code == 404


def test_the_other_organisations_administrator_cannot_see_or_change_these_people(signed_in, trust, counts):
    otto = signed_in("otto_other_admin")
    mo = trust.people["mo_member"]
    assert otto.get(person_url("person", mo)).status_code == 404
    assert otto.post(person_url("person-edit", mo), {"full_name": "X", "is_active": "on"}).status_code == 404
    assert otto.post(person_url("person-password", mo), {"password": GOOD_PASSWORD}).status_code == 404
    data = new_person(trust, unit=trust.ward_a.pk)
    assert (
        "Select a unit from the list"
        in otto.post(reverse("administration:person-new"), data).content.decode()
    )
    assert counts.unchanged()
