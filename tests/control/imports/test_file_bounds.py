"""Uploads that would expand past what may be read stop early with one problem (issue 17, finding 1).

The files are crafted here, small on disk: a zip's compression makes a few kilobytes hold megabytes.
"""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from openqms.control.imports import files
from openqms.control.imports.files import Limits, read_upload


def _workbook(*rows: list[object]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _replaced(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one entry's content replaced (or added), deflated."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry, source.read(entry))
        target.writestr(name, content)
    return out.getvalue()


def messages(data) -> list[str]:
    return [p.message for p in data.problems]


def test_a_workbook_whose_shared_strings_expand_past_the_bound_is_refused_unread():
    text = b"<si><t>" + b"x" * 1000 + b"</t></si>"
    shared = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + text * (files.MAX_SHARED_STRINGS // len(text) + 1)
        + b"</sst>"
    )
    bomb = _replaced(_workbook(["measure", "unit", "period", "value"]), "xl/sharedStrings.xml", shared)
    assert len(bomb) < 200_000  # small on disk
    started = time.perf_counter()
    data = read_upload(bomb, "bomb.xlsx")
    assert time.perf_counter() - started < 2
    assert len(data.problems) == 1
    assert "expands to 20 MB when opened" in messages(data)[0]
    assert list(data.rows()) == []


def test_a_workbook_whose_entries_expand_past_the_total_bound_is_refused(monkeypatch):
    monkeypatch.setattr(files, "MAX_UNCOMPRESSED", 1024 * 1024)
    padded = _replaced(_workbook(["measure"]), "xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    assert "more than can be read" in messages(read_upload(padded, "padded.xlsx"))[0]


def test_a_sheet_claiming_the_largest_dimension_is_read_by_its_real_cells():
    data = _workbook(["measure", "unit", "period", "value"], ["FALLS", "WA", "2026-03-01", 1])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:D2" />' in sheet
    huge = _replaced(
        data, "xl/worksheets/sheet1.xml", sheet.replace(b'ref="A1:D2"', b'ref="A1:XFD1048576"', 1)
    )
    started = time.perf_counter()
    read = read_upload(huge, "huge.xlsx")
    rows = list(read.rows())
    assert time.perf_counter() - started < 2
    assert read.problems == []
    assert [values["measure"] for _, values in rows] == ["FALLS"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_upload_past_the_row_or_cell_limit_stops_with_one_problem(monkeypatch, kind):
    monkeypatch.setattr(files, "UPLOAD_LIMITS", Limits(rows=50, cells=1_000))
    header = ["measure", "unit", "period", "value"]
    body = [["FALLS", "WA", "2026-03-01", str(n)] for n in range(100)]
    if kind == "csv":
        raw = "\r\n".join(",".join(row) for row in [header, *body]).encode()
    else:
        raw = _workbook(header, *body)
    read = read_upload(raw, f"long.{kind}")
    rows = list(read.rows())
    assert len(rows) == 49  # the header and 49 rows were read; row 51 passed the limit
    assert messages(read) == [
        "The file holds more than 50 rows, the most an upload may hold; the rest was not read: split "
        "it, or ask an administrator to load it with openqms import-data"
    ]
    assert read.problems[0].line == 51


def test_the_cell_limit_counts_every_cell_of_a_wide_row(monkeypatch):
    monkeypatch.setattr(files, "UPLOAD_LIMITS", Limits(rows=1_000, cells=100))
    raw = ("measure,unit,period,value\r\n" + "FALLS,WA,2026-03-01" + ",1" * 200 + "\r\n").encode()
    read = read_upload(raw, "wide.csv")
    list(read.rows())
    assert "more than 100 cells" in messages(read)[0]
