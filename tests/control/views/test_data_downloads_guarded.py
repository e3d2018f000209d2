"""Downloads never carry a formula from what people typed, and results stay small (issue 17, 1 and 2)."""

from __future__ import annotations

import csv
import io
import os
import time

import pytest
from openpyxl import load_workbook

from openqms.control.views import data as data_views
from tests.control.import_fixtures import Measures, csv_bytes
from tests.control.import_fixtures import measures as measures
from tests.control.views.test_data import upload

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.org","click")'


@pytest.fixture(autouse=True)
def results_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_measure_named_as_a_formula_is_text_in_both_templates(trust, measures: Measures, signed_in):
    definition = measures.falls_a.definition
    definition.name = FORMULA
    definition.save()
    client = signed_in("mo_member")
    listed = client.get(f"/control/data/measures/{measures.falls_a.pk}/template.csv").content.decode(
        "utf-8-sig"
    )
    assert f"'{FORMULA}" in next(row for row in csv.reader(io.StringIO(listed)) if FORMULA in "".join(row))
    workbook = load_workbook(
        io.BytesIO(client.get(f"/control/data/units/{trust.ward_a.pk}/template.xlsx").content)
    )
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value == FORMULA]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)


def test_the_problems_file_quotes_what_would_run_as_a_formula(trust, measures, signed_in):
    client = signed_in("mo_member")
    typed = ["=1+2", "+cmd|' /C calc'!A0", "@SUM(1+1)"]
    response = upload(client, trust.ward_a, csv_bytes(*[["FALLS", "WA", "2026-03-01", t] for t in typed]))
    download = client.get(response.redirect_chain[-1][0] + "problems.csv")
    values = [row[2] for row in csv.reader(io.StringIO(download.content.decode("utf-8-sig")))][1:]
    assert sorted(values) == sorted(f"'{t}" for t in typed)


def test_a_result_keeps_a_bounded_number_of_problems_and_says_so(trust, measures, signed_in, monkeypatch):
    monkeypatch.setattr(data_views, "KEPT_PROBLEMS", 5)
    client = signed_in("mo_member")
    response = upload(client, trust.ward_a, csv_bytes(*[["FALLS", "WA", "2026-03-01", "x"]] * 12))
    html = response.content.decode()
    assert "The file has 12 problems" in html
    assert "Only the first 5 problems were kept" in html
    download = client.get(response.redirect_chain[-1][0] + "problems.csv")
    assert len(download.content.decode("utf-8-sig").splitlines()) == 6


def test_results_older_than_a_day_are_removed_by_the_next_upload(trust, measures, signed_in, tmp_path):
    folder = tmp_path / "measure-data-results"
    folder.mkdir()
    stale = folder / "left-by-an-ended-session.json"
    stale.write_text("{}")
    old = time.time() - 2 * 24 * 3600
    os.utime(stale, (old, old))
    upload(signed_in("mo_member"), trust.ward_a, csv_bytes(["FALLS", "WA", "2026-03-01", "1"]), dry_run=True)
    assert not stale.exists()
    assert len(list(folder.iterdir())) == 1


def test_negative_numbers_in_a_template_stay_numbers(trust, measures, signed_in):
    # The example cells of a template are numbers written by _cell: never quoted.
    assert data_views.write_csv(["value"], [[-3.5], [-2]]).decode("utf-8-sig").split("\r\n")[1:3] == [
        "-3.5",
        "-2",
    ]
