"""Reading measure data files: CSV with a BOM or UK dates, Excel with real dates, broken files, templates."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from openqms.control.imports.files import read_upload
from openqms.control.models import Observation
from openqms.control.services.data import submit_rows
from tests.control.import_fixtures import Measures, csv_bytes
from tests.control.import_fixtures import measures as measures

pytestmark = pytest.mark.django_db


def submit(trust, data: bytes, name: str = "data.csv", actor: str = "mo_member"):
    read = read_upload(data, name)
    return submit_rows(
        actor=trust.people[actor],
        organisation=trust.org,
        rows=read.rows(),
        source=name,
        file_problems=read.problems,
    )


def problems(submission) -> list[tuple[int | None, str]]:
    return [(p.line, p.column) for p in submission.validation.problems]


def test_a_csv_file_with_a_byte_order_mark_and_uk_dates_is_imported(trust, measures: Measures):
    data = "\ufeff".encode() + csv_bytes(
        ["FALLS", "WA", "01/03/2026", "3"], ["falls", "wa", "1/4/2026", " 4 "]
    )
    submission = submit(trust, data)
    assert problems(submission) == []
    assert submission.summary is not None
    assert submission.summary.created == 2
    assert list(Observation.objects.order_by("period_start").values_list("period_start", "value")) == [
        (dt.date(2026, 3, 1), 3.0),
        (dt.date(2026, 4, 1), 4.0),
    ]


def test_an_excel_workbook_with_real_dates_is_read_from_its_first_sheet(trust, measures: Measures):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Measure", "Unit", "Period", "Numerator", "Denominator"])
    sheet.append(["HANDHYG", "WA", dt.datetime(2026, 3, 2), 45, 50])
    sheet.append(["HANDHYG", "WA", "09/03/2026", 40.0, 50.0])
    workbook.create_sheet("Notes").append(["ignored"])
    out = io.BytesIO()
    workbook.save(out)
    submission = submit(trust, out.getvalue(), "hygiene.xlsx")
    assert problems(submission) == []
    assert sorted(Observation.objects.values_list("period_start", "numerator", "denominator")) == [
        (dt.date(2026, 3, 2), 45.0, 50.0),
        (dt.date(2026, 3, 9), 40.0, 50.0),
    ]


def test_excel_problems_name_the_sheet_row(trust, measures: Measures):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["measure", "unit", "period", "value"])
    sheet.append(["FALLS", "WA", dt.datetime(2026, 3, 1), 1])
    sheet.append(["FALLS", "WA", dt.datetime(2026, 3, 5), 1])
    out = io.BytesIO()
    workbook.save(out)
    assert problems(submit(trust, out.getvalue(), "x.xlsx")) == [(3, "period")]


def test_a_header_with_a_misspelt_column_is_reported_with_a_suggestion(trust, measures):
    submission = submit(
        trust, csv_bytes(["FALLS", "WA", "2026-03-01", "1"], header="measure,unit,period,valeu")
    )
    messages = [p.message for p in submission.validation.problems]
    assert any("did you mean value?" in m for m in messages)
    assert Observation.objects.count() == 0


def test_a_row_with_too_many_cells_stops_the_whole_import(trust, measures):
    data = csv_bytes(
        ["FALLS", "WA", "2026-03-01", "1", "", ""], ["FALLS", "WA", "2026-04-01", "1", "", "", "9"]
    )
    submission = submit(trust, data)
    assert problems(submission) == [(3, "")]
    assert Observation.objects.count() == 0


def test_a_file_that_is_not_utf8_is_reported(trust, measures):
    submission = submit(
        trust, "measure,unit,period,value\r\nFALLS,WA,2026-03-01,1 – café\r\n".encode("cp1252")
    )
    assert "UTF-8" in submission.validation.problems[0].message


def test_an_old_xls_file_is_refused_with_what_to_do(trust, measures):
    submission = submit(trust, b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old.xls")
    assert ".xlsx" in submission.validation.problems[0].message


def test_the_csv_template_round_trips_download_fill_upload(trust, measures: Measures, signed_in):
    client = signed_in("mo_member")
    response = client.get(f"/control/data/measures/{measures.falls_a.pk}/template.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["measure", "unit", "period", "value", "measure_name"]
    assert all(r[3] == "" for r in rows[1:])
    today = dt.date.today()
    assert rows[-1][2] > today.isoformat()
    assert rows[1][2] <= today.replace(year=today.year - 3).isoformat()
    filled = [rows[0]] + [[*r[:3], str(i), r[4]] for i, r in enumerate(rows[1:4], start=1)] + rows[4:]
    out = io.StringIO()
    csv.writer(out).writerows(filled)
    submission = submit(trust, out.getvalue().encode())
    assert problems(submission) == []
    assert submission.summary is not None
    assert submission.summary.created == 3
    # The next download carries the data held, so a corrected value can be uploaded the same way.
    again = client.get(f"/control/data/measures/{measures.falls_a.pk}/template.csv").content.decode(
        "utf-8-sig"
    )
    assert f"FALLS,WA,{rows[1][2]},1,Inpatient falls" in again


def test_the_team_template_in_excel_lists_every_measure_of_the_unit(trust, measures: Measures, signed_in):
    response = signed_in("tess_team_leader").get(f"/control/data/units/{trust.ward_a.pk}/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == ["measure", "unit", "period", "value", "numerator", "denominator", "measure_name"]
    codes = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert codes == {"FALLS", "HANDHYG", "ULCERS"}
    assert isinstance(sheet["C2"].value, dt.datetime)
