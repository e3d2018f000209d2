"""Reading framework files: every problem by line and column; nothing loaded if any."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from openqms.assurance.framework_files import read_file
from openqms.assurance.models import Framework, Requirement
from openqms.audit.models import AuditEntry
from tests.assurance import helpers as h

HEADER = "framework_code,framework_name,version,section,code,title\n"


def problems(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    return [str(p) for p in read_file(data).problems]


def test_a_good_csv_is_read_with_its_framework_fields():
    parsed = read_file(h.CSV.encode())
    assert not parsed.problems
    assert (parsed.code, parsed.name, parsed.version, parsed.publisher) == (
        "SQS", "Safe Quality Statements", "2026", "Care Regulator",
    )  # fmt: skip
    assert parsed.published_on == dt.date(2026, 1, 15)
    assert [r.code for r in parsed.requirements] == ["S1", "S2", "S3"]
    assert parsed.requirements[0].line == 2


def test_every_bad_row_is_reported_by_line_and_column():
    text = HEADER + (
        "F,Framework,1,A,R1,First\n"
        "F,Framework,1,A,,Second has no code\n"
        "F,Framework,1,A,R1,Duplicate code\n"
        "F,Framework,2,A,R4,Another version\n"
        "F,Framework,1,A,R5,\n"
        "F,Framework,1,A\n"
    )
    assert problems(text) == [
        "Line 3, column code: is empty: every requirement needs a code, for example S1.2",
        "Line 4, column code: “R1” is also on line 2: codes must be unique in a framework",
        "Line 5, column version: “2” differs from “1” on line 2: a file holds one framework version",
        "Line 6, column title: is empty: every requirement needs a title",
        "Line 7: has 4 cells; the header has 6 columns",
    ]


def test_header_problems_name_the_column():
    assert problems("framework_code,name,version,code,title\n") == [
        "Line 1, column name: is not a column of a framework file; the columns are framework_code, "
        "framework_name, version, publisher, published_on, code, title, section, text",
        "Line 1, column framework_name: is missing from the header",
    ]


def test_bad_dates_long_text_and_empty_files():
    text = (
        "framework_code,framework_name,version,published_on,code,title\nF,N,1,15/01/2026,R1,"
        + "x" * 301
        + "\n"
    )
    assert problems(text) == [
        "Line 2, column published_on: “15/01/2026” is not a date in the form 2026-04-01",
        "Line 2, column title: must be 300 characters or fewer (it has 301)",
    ]
    assert problems("") == ["The file is empty: it needs a header row and one row a requirement"]
    assert problems(HEADER) == ["The file has a header but no requirements"]


def test_not_utf8_and_binary_files_are_refused():
    assert problems(HEADER.encode() + b"F,N,1,A,R1,Caf\xe9\n") == [
        "Line 2: is not UTF-8 text from here on: save the file as UTF-8 (CSV UTF-8 in Excel)"
    ]
    assert problems(b"\x89PNG\r\n\x1a\n\x00\x00") == ["This is not a text file: upload a CSV or JSON file"]


def _json(requirements: list[object], **head: object) -> str:
    data = {"code": "F", "name": "Framework", "version": "1", **head, "requirements": requirements}
    return json.dumps(data, indent=2)


def test_json_is_read_and_its_problems_have_lines_and_fields():
    good = _json([{"code": "R1", "title": "One"}, {"code": "R2", "title": "Two", "section": "S"}])
    parsed = read_file(good.encode())
    assert not parsed.problems
    assert [r.code for r in parsed.requirements] == ["R1", "R2"]
    bad = _json([{"code": "R1", "title": "One"}, {"code": "R1", "titel": "Two"}], version="")
    assert problems(bad) == [
        "Line 1, column version: is empty: every file needs the framework's version",
        "Line 10, column titel: is not a field of a requirement; the fields are code, title, section, text",
        "Line 10, column code: “R1” is also on line 6: codes must be unique in a framework",
        "Line 10, column title: is empty: every requirement needs a title",
    ]
    assert problems('{"code": "F",\n  "name": }') == [
        "Line 2, column character 11: is not valid JSON: Expecting value"
    ]


def test_loading_creates_the_version_and_audits_it(trust):
    framework = h.framework(trust)
    assert framework.requirements.count() == 3
    entry = AuditEntry.objects.get(object_type="assurance.framework", object_id=str(framework.pk))
    assert entry.action == "import"
    assert entry.changes["requirements"] == [None, 3]
    with pytest.raises(Exception, match="loaded already"):
        h.framework(trust)
    newer = h.framework(trust, h.CSV.replace(",2026,", ",2027,"))
    assert newer.version == "2027"
    assert Framework.objects.count() == 2


def test_the_command_loads_a_file_and_refuses_a_bad_one_entirely(trust, tmp_path, capsys):
    good = tmp_path / "sqs.csv"
    good.write_text(h.CSV)
    call_command("load_framework", str(good), "--organisation", "NHT")
    assert "Loaded Safe Quality Statements version 2026: 3 requirements" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(h.CSV.replace(",2026,", ",2028,").replace("S3,Medicines optimisation", "S2,Medicines"))
    with pytest.raises(CommandError, match=r"1 problem in bad\.csv: nothing was loaded"):
        call_command("load_framework", str(bad), "--organisation", "NHT")
    assert "Line 4, column code: “S2” is also on line 3" in capsys.readouterr().err
    assert Framework.objects.count() == 1
    assert Requirement.objects.count() == 3
    with pytest.raises(CommandError, match="several organisations"):
        call_command("load_framework", str(good))


@pytest.mark.parametrize("name", ["framework.csv", "framework.json"])
def test_the_documented_examples_load(name):
    from pathlib import Path

    data = (Path(__file__).resolve().parents[2] / "docs" / "examples" / name).read_bytes()
    parsed = read_file(data)
    assert not parsed.problems
    assert [r.code for r in parsed.requirements] == ["S1", "S2", "S3"]
