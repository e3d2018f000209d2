"""The import page: the upload form's own checks, the problems table, and what a good import created."""

from __future__ import annotations

from django.urls import reverse

from openqms.administration.imports import MAX_BYTES
from openqms.organisations.models import Unit
from openqms.people.models import User
from tests.administration.conftest import upload

UNITS = "code,name,kind,parent_code\n"
PEOPLE = "username,full_name,email,job_title,role,unit_code,starts_on,ends_on\n"


def test_the_page_documents_both_formats_and_says_imported_people_have_no_password(ada, trust):
    page = ada.get(reverse("administration:import", args=[trust.org.pk])).content.decode()
    assert "code,name,kind,parent_code" in page
    assert "username,full_name,email,job_title,role,unit_code,starts_on,ends_on" in page
    assert "People created by an import have no password" in page


def test_a_good_file_is_imported_and_the_page_then_says_what_was_created(ada, trust):
    response = upload(ada, trust.org, "units", UNITS + "CARD,Cardiology,service,MED\n")
    assert response.status_code == 302
    page = ada.get(response["Location"]).content.decode()
    assert "The file has been imported: 1 created, 0 unchanged." in page
    assert "Cardiology (CARD), in MED" in page
    assert Unit.objects.filter(code="CARD").exists()
    # Shown once: the result does not linger on the next visit.
    assert "Cardiology (CARD)" not in ada.get(response["Location"]).content.decode()


def test_people_imported_are_told_to_have_their_password_reset(ada, trust):
    response = upload(ada, trust.org, "people", PEOPLE + "jo,Jo Bloggs,,,team_member,WA,2026-04-01,\n")
    page = ada.get(response["Location"]).content.decode()
    assert "have <strong>no password</strong> yet" in page
    assert not User.objects.get(username="jo").has_usable_password()


def test_a_bad_file_shows_every_problem_in_a_summary_and_a_table_and_imports_nothing(ada, trust, counts):
    text = UNITS + "CARD,Cardiology,clinic,MED\nRESP,Respiratory,service,NOPE\n"
    response = upload(ada, trust.org, "units", text, name="tree.csv")
    page = response.content.decode()
    assert response.status_code == 200
    assert "tree.csv has 2 problems: nothing was imported" in page
    assert 'href="#problem-1"' in page
    assert 'id="problem-2"' in page
    assert "<code>clinic</code>" in page
    assert "Line 3, parent_code: No unit has the code NOPE" in page
    assert counts.unchanged()


def test_the_form_asks_for_a_choice_and_a_file(ada, trust, counts):
    page = ada.post(reverse("administration:import", args=[trust.org.pk]), {}).content.decode()
    assert "Select what you are importing" in page
    assert "Select a CSV file" in page
    assert 'href="#id_file"' in page
    assert counts.unchanged()


def test_the_form_rejects_an_empty_file_a_file_that_is_not_csv_and_a_file_too_large(ada, trust, counts):
    assert "The selected file is empty" in upload(ada, trust.org, "units", b"").content.decode()
    assert (
        "The selected file must be a CSV"
        in upload(ada, trust.org, "units", UNITS, name="tree.xlsx").content.decode()
    )
    too_large = upload(ada, trust.org, "units", b"x" * (MAX_BYTES + 1)).content.decode()
    assert "The selected file must be smaller than 2 MB" in too_large
    assert counts.unchanged()


def test_the_other_organisations_administrator_cannot_import_here(signed_in, trust, counts):
    otto = signed_in("otto_other_admin")
    assert upload(otto, trust.org, "units", UNITS + "MINE,Mine,team,BOARD\n").status_code == 404
    assert counts.unchanged()


def test_someone_who_administers_nothing_cannot_import(signed_in, trust, counts):
    sam = signed_in("sam_senior")
    assert upload(sam, trust.org, "units", UNITS + "MINE,Mine,team,BOARD\n").status_code == 404
    assert counts.unchanged()
