"""The upload page, its result page with every problem, and the problem list as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openqms.audit.models import AuditEntry
from openqms.control.models import Observation
from tests.control.import_fixtures import Measures, csv_bytes
from tests.control.import_fixtures import measures as measures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def results_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_session_keeps_its_last_twenty_results_only(trust, measures, signed_in, tmp_path):
    client = signed_in("mo_member")
    for _ in range(22):
        upload(client, trust.ward_a, csv_bytes(["FALLS", "WA", "2026-03-01", "x"]))
    assert len(list((tmp_path / "measure-data-results").iterdir())) == 20


def upload(client, unit, data: bytes, name: str = "march.csv", dry_run: bool = False):
    payload = {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(f"/control/data/units/{unit.pk}/upload/", payload, follow=True)


def test_the_upload_page_offers_templates_and_the_check_only_box(trust, measures: Measures, signed_in):
    html = signed_in("mo_member").get(f"/control/data/units/{trust.ward_a.pk}/upload/").content.decode()
    assert "Upload measure data" in html
    assert "Check the file without saving" in html
    assert f"/control/data/measures/{measures.hygiene_a.pk}/template.xlsx" in html
    assert f"/control/data/units/{trust.ward_a.pk}/template.csv" in html


def test_an_upload_without_a_file_says_so(trust, measures, signed_in):
    response = signed_in("mo_member").post(f"/control/data/units/{trust.ward_a.pk}/upload/", {})
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    summary = " ".join(html.split('<a href="#id_file"')[1].split("</a>")[0].split())
    assert summary == "> Choose a CSV or Excel file to upload"


def test_a_good_file_is_saved_and_the_result_says_what_was_created(trust, measures, signed_in):
    client = signed_in("mo_member")
    response = upload(client, trust.ward_a, csv_bytes(["FALLS", "WA", "2026-03-01", "3"]))
    html = response.content.decode()
    assert "Data saved" in html
    assert "New periods" in html
    assert Observation.objects.count() == 1
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry is not None
    assert entry.actor == trust.people["mo_member"]
    assert entry.changes["source"] == [None, "march.csv"]


def test_a_dry_run_saves_nothing_and_says_so(trust, measures, signed_in):
    response = upload(
        signed_in("mo_member"), trust.ward_a, csv_bytes(["FALLS", "WA", "2026-03-01", "3"]), dry_run=True
    )
    assert "No problems found" in response.content.decode()
    assert Observation.objects.count() == 0


def test_a_bad_file_shows_every_problem_with_row_and_column_and_saves_nothing(trust, measures, signed_in):
    data = csv_bytes(
        ["FALLS", "WA", "2026-03-01", "3"],
        ["FALLS", "WB", "2026-03-01", "3"],
        ["ULCERS", "WA", "2026-03-01", "", "1", "0"],
    )
    html = upload(signed_in("mo_member"), trust.ward_a, data).content.decode()
    assert "The file has 2 problems: nothing was saved" in html
    assert "nhsuk-error-summary" in html
    assert "Unknown unit: no unit you can add data to has the code WB" in html
    assert "The denominator is zero" in html
    assert Observation.objects.count() == 0


def test_a_long_problem_list_is_paged_and_downloadable_whole(trust, measures, signed_in):
    client = signed_in("mo_member")
    rows = [["FALLS", "WA", f"2026-03-{day:02d}", "x"] for day in range(1, 29)] * 9  # 252 rows
    response = upload(client, trust.ward_a, csv_bytes(*rows))
    html = response.content.decode()
    assert "Showing problems 1 to 200 of" in html
    result_url = response.redirect_chain[-1][0]
    assert "Page 2 of 2" in html
    assert "Showing problems 201 to" in client.get(result_url + "?page=2").content.decode()
    download = client.get(result_url + "problems.csv")
    assert download["Content-Type"].startswith("text/csv")
    listed = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert listed[0] == ["row", "column", "value", "problem"]
    assert len(listed) - 1 == int(html.split("The file has ")[1].split(" problems")[0].replace(",", ""))
    assert len(listed) > 201


def test_a_result_cannot_be_opened_by_another_person(trust, measures, signed_in, client):
    response = upload(signed_in("mo_member"), trust.ward_a, csv_bytes(["FALLS", "WA", "2026-03-01", "3"]))
    result_url = response.redirect_chain[-1][0]
    client.force_login(trust.people["tess_team_leader"])
    assert client.get(result_url).status_code == 404
