"""Importing units: every kind of bad row is reported by line and column, and nothing is written."""

from __future__ import annotations

import pytest

from openqms.administration.imports import MAX_BYTES, MAX_ROWS, import_units
from openqms.audit.models import AuditEntry
from openqms.organisations import services as organisations
from openqms.organisations.models import Unit
from tests.administration.conftest import Counts

HEADER = "code,name,kind,parent_code\n"


@pytest.fixture
def run(trust, counts):  # type: ignore[no-untyped-def]
    def run(text: str | bytes, actor=None):  # type: ignore[no-untyped-def]
        data = text.encode("utf-8") if isinstance(text, str) else text
        return import_units(actor=actor or trust.people["ada_admin"], organisation=trust.org, data=data)

    return run


@pytest.fixture
def rejected(run, counts):  # type: ignore[no-untyped-def]
    """Run an import that must fail: return its problems as (line, column, message), after checking
    that not one unit, person, role or audit entry was written."""

    def rejected(text: str | bytes, actor=None):  # type: ignore[no-untyped-def]
        report = run(text, actor)
        assert not report.ok
        assert counts.unchanged()
        return [(p.line, p.column, p.message) for p in report.problems]

    return rejected


def test_it_creates_units_under_existing_units_and_units_earlier_in_the_file(run, trust, counts):
    report = run(HEADER + "CARD,Cardiology,service,MED\nCCU,Coronary Care Unit,ward,CARD\n")
    assert report.ok, report.problems
    cardiology = Unit.objects.get(organisation=trust.org, code="CARD")
    ccu = Unit.objects.get(organisation=trust.org, code="CCU")
    assert cardiology.parent == trust.medicine
    assert ccu.parent == cardiology
    assert ccu.path == cardiology.path + f"{ccu.pk:010d}/"
    assert ccu.depth == trust.medicine.depth + 2
    assert ccu.is_within(trust.board)
    assert counts.added() == (2, 0, 0, 2)
    entries = AuditEntry.objects.filter(object_type="organisations.unit", action=AuditEntry.Action.IMPORT)
    assert {e.object_id for e in entries} == {str(cardiology.pk), str(ccu.pk)}
    assert all(e.actor_id == trust.people["ada_admin"].pk for e in entries)
    assert len(report.created) == 2


def test_it_accepts_a_parent_that_comes_later_in_the_file(run, trust):
    report = run(HEADER + "CCU,Coronary Care Unit,ward,CARD\nCARD,Cardiology,service,MED\n")
    assert report.ok, report.problems
    assert Unit.objects.get(code="CCU").parent == Unit.objects.get(code="CARD")


def test_it_accepts_a_byte_order_mark_lower_case_codes_and_kind_labels(run, trust):
    report = run("\ufeff" + HEADER + "card,Cardiology,Service,med\nccu,CCU,Ward,card\n")
    assert report.ok, report.problems
    assert Unit.objects.get(code="CARD").kind == "service"


def test_it_accepts_windows_line_endings_and_quoted_values(run, trust):
    report = run('code,name,kind,parent_code\r\nCARD,"Cardiology, Heart and Lungs",service,MED\r\n')
    assert report.ok, report.problems
    assert Unit.objects.get(code="CARD").name == "Cardiology, Heart and Lungs"


def test_importing_the_same_file_again_reports_each_unit_unchanged(run, trust, counts):
    text = HEADER + "CARD,Cardiology,service,MED\nCCU,Coronary Care Unit,ward,CARD\n"
    assert run(text).ok
    after_first = counts.now()
    report = run(text)
    assert report.ok
    assert report.created == []
    assert len(report.unchanged) == 2
    assert counts.now() == after_first


def test_a_row_matching_an_existing_unit_is_unchanged_while_new_rows_are_created(run, trust):
    report = run(HEADER + "WA,Ward A,ward,ELD\nWC,Ward C,ward,ELD\n")
    assert report.ok, report.problems
    assert report.unchanged == ["Ward A (WA)"]
    assert Unit.objects.get(code="WC").parent == trust.elderly_care


def test_it_rejects_a_kind_that_does_not_exist(rejected):
    assert rejected(HEADER + "CARD,Cardiology,clinic,MED\n") == [
        (2, "kind", "Not a kind of unit: use one of board, division, directorate, service, team, ward")
    ]


def test_it_rejects_a_parent_code_that_does_not_exist(rejected):
    problems = rejected(HEADER + "CARD,Cardiology,service,NOPE\n")
    assert [(line, column) for line, column, _ in problems] == [(2, "parent_code")]
    assert "No unit has the code NOPE" in problems[0][2]


def test_it_reports_a_parent_in_another_organisation_exactly_as_an_unknown_code(rejected):
    elsewhere = rejected(HEADER + "CARD,Cardiology,service,DN\n")
    nowhere = rejected(HEADER + "CARD,Cardiology,service,ZZ\n")
    assert elsewhere[0][2].replace("DN", "ZZ") == nowhere[0][2]


def test_it_reports_a_parent_outside_the_administrators_sub_tree_as_unknown(medicine_admin, rejected):
    problems = rejected(HEADER + "OPS,Operating,team,SUR\n", actor=medicine_admin)
    assert problems == [
        (
            2,
            "parent_code",
            "No unit has the code SUR, in this file or among the units you administer "
            "in Northshire Hospitals",
        )
    ]


def test_it_rejects_a_code_that_appears_twice_in_the_file(rejected):
    problems = rejected(HEADER + "CARD,Cardiology,service,MED\nCARD,Cardiac Surgery,service,SUR\n")
    assert problems == [(3, "code", "The code CARD is also on line 2: each unit needs its own code")]


def test_it_rejects_a_code_that_already_exists_with_other_details(rejected):
    problems = rejected(HEADER + "WA,Ward Alpha,team,WB\n")
    assert [(line, column) for line, column, _ in problems] == [(2, "name"), (2, "kind"), (2, "parent_code")]
    assert problems[0][2].startswith("The unit WA already exists with name Ward A")


def test_it_rejects_a_code_used_outside_the_administrators_sub_tree_without_saying_more(
    medicine_admin, rejected
):
    problems = rejected(HEADER + "THE,Theatres,team,MED\n", actor=medicine_admin)
    assert problems == [(2, "code", "The code THE is already used in Northshire Hospitals")]


@pytest.mark.parametrize("column", ["code", "name", "kind", "parent_code"])
def test_it_rejects_a_missing_required_value(rejected, column):
    row = {"code": "CARD", "name": "Cardiology", "kind": "service", "parent_code": "MED"}
    row[column] = ""
    problems = rejected(HEADER + ",".join(row.values()) + "\n")
    assert problems == [(2, column, f"A value is required in {column}")]


def test_it_rejects_text_that_is_too_long(rejected):
    problems = rejected(HEADER + f"{'C' * 31},{'n' * 201},service,MED\n")
    assert problems == [
        (2, "code", "Too long: 31 characters, where the most is 30"),
        (2, "name", "Too long: 201 characters, where the most is 200"),
    ]


def test_it_rejects_a_code_with_a_space(rejected):
    assert rejected(HEADER + "CAR D,Cardiology,service,MED\n") == [
        (2, "code", "A code must not contain spaces or commas")
    ]


def test_it_rejects_a_cycle_and_names_every_unit_in_it(rejected):
    problems = rejected(HEADER + "AAA,A,team,BBB\nBBB,B,team,CCC\nCCC,C,team,AAA\nOK1,Fine,team,MED\n")
    assert [(line, column) for line, column, _ in problems] == [
        (2, "parent_code"),
        (3, "parent_code"),
        (4, "parent_code"),
    ]
    assert "AAA → BBB → CCC → AAA" in problems[0][2]


def test_it_rejects_a_unit_that_is_its_own_parent(rejected):
    assert rejected(HEADER + "AAA,A,team,AAA\n") == [
        (2, "parent_code", "A cycle: AAA cannot be its own parent")
    ]


def test_it_rejects_a_row_that_repeats_another(rejected):
    assert rejected(HEADER + "CARD,Cardiology,service,MED\ncard,Cardiology,service,med\n") == [
        (3, "", "This row repeats line 2")
    ]


def test_it_rejects_a_parent_that_is_archived(run, trust):
    organisations.archive_unit(actor=None, unit=trust.surgery)
    counts = Counts()
    report = run(HEADER + "OPS,Operating,team,SUR\n")
    assert [(p.line, p.column, p.message) for p in report.problems] == [
        (2, "parent_code", "The unit SUR is archived: restore it first")
    ]
    assert counts.unchanged()


def test_it_rejects_a_row_with_more_values_than_the_header(rejected):
    assert rejected(HEADER + "CARD,Cardiology,service,MED,extra\n") == [
        (2, "", "This row has 5 values; the header has 4 columns")
    ]


def test_it_ignores_empty_cells_after_the_last_column_and_empty_lines(run):
    assert run(HEADER + "CARD,Cardiology,service,MED,,\n\n,,,\n").ok


def test_it_reports_every_bad_row_of_a_file_and_imports_none_of_it(rejected):
    problems = rejected(
        HEADER
        + "GOOD,A good row,team,MED\n"
        + "BAD1,Bad kind,clinic,MED\n"
        + "BAD2,Bad parent,team,NOPE\n"
        + ",No code,team,MED\n"
    )
    assert [(line, column) for line, column, _ in problems] == [(3, "kind"), (4, "parent_code"), (5, "code")]


def test_it_rejects_a_header_with_a_missing_column(rejected):
    assert rejected("code,name,kind\nCARD,Cardiology,service\n") == [
        (1, "parent_code", "The header has no parent_code column")
    ]


def test_it_rejects_a_header_with_a_misspelled_column_and_suggests_the_right_one(rejected):
    assert rejected("code,name,kind,parnet_code\nCARD,Cardiology,service,MED\n") == [
        (1, "parnet_code", "Not a column of this import: did you mean parent_code?"),
        (1, "parent_code", "The header has no parent_code column"),
    ]


def test_it_rejects_a_header_with_an_extra_column(rejected):
    problems = rejected("code,name,kind,parent_code,colour\nCARD,Cardiology,service,MED,red\n")
    assert problems == [
        (1, "colour", "Not a column of this import: the columns are code, name, kind, parent_code")
    ]


def test_it_rejects_a_header_with_a_column_twice(rejected):
    problems = rejected("code,name,kind,parent_code,name\nCARD,Cardiology,service,MED,Cardiology\n")
    assert problems == [(1, "name", "This column appears twice in the header")]


def test_it_explains_a_file_separated_by_semicolons(rejected):
    problems = rejected("code;name;kind;parent_code\nCARD;Cardiology;service;MED\n")
    assert problems == [(1, "", "The columns are not separated by commas: save the file as CSV")]


def test_it_rejects_a_file_that_is_not_utf8_and_says_on_which_line(rejected):
    data = (HEADER + "CARD,Cardiology,service,MED\nCAF,Café,team,MED\n").encode("latin-1")
    problems = rejected(data)
    assert len(problems) == 1
    assert problems[0][0] == 3
    assert "not in UTF-8" in problems[0][2]


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_it_rejects_an_empty_file(rejected, text):
    assert rejected(text) == [(None, "", "The file is empty: it needs a header line and at least one row")]


def test_it_rejects_a_file_with_a_header_and_no_rows(rejected):
    assert rejected(HEADER) == [(None, "", "The file has a header but no rows")]


def test_it_rejects_a_file_that_is_too_large(rejected):
    data = (HEADER + "CARD,Cardiology,service,MED\n").encode() + b" " * MAX_BYTES
    assert rejected(data) == [(None, "", "The file is larger than 2 MB: split it")]


def test_it_rejects_a_file_with_too_many_rows(rejected):
    rows = "".join(f"U{i},Unit {i},team,MED\n" for i in range(MAX_ROWS + 1))
    assert rejected(HEADER + rows) == [(None, "", "The file has 10,001 rows; the most is 10,000: split it")]


def test_the_documented_example_files_import_into_the_test_trust(trust):
    from pathlib import Path

    from openqms.administration.imports import import_people

    examples = Path(__file__).resolve().parents[3] / "docs" / "examples"
    ada = trust.people["ada_admin"]
    units = import_units(actor=ada, organisation=trust.org, data=(examples / "units.csv").read_bytes())
    assert units.ok, units.problems
    people = import_people(actor=ada, organisation=trust.org, data=(examples / "people.csv").read_bytes())
    assert people.ok, people.problems
