"""The header checks every uploaded table shares."""

from __future__ import annotations

from openqms.tables import Problem, header_problems, separator_problem

COLUMNS = ("code", "name", "kind")


def test_a_header_with_every_column_once_has_no_problem():
    assert header_problems(1, ["name", "kind", "code"], columns=COLUMNS, what="this import") == []


def test_a_header_saved_with_semicolons_is_reported_once_as_such():
    problems = header_problems(1, ["code;name;kind"], columns=COLUMNS, what="this import")
    assert problems == [
        Problem(1, "", "code;name;kind", "The columns are not separated by commas: save the file as CSV")
    ]
    assert separator_problem(1, ["code", "name"]) is None


def test_each_wrong_column_is_named_with_its_line():
    problems = header_problems(3, ["code", "", "code", "nmae"], columns=COLUMNS, what="this import")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, "", "A column in the header has no name"),
        (3, "code", "This column appears twice in the header"),
        (3, "nmae", "Not a column of this import: did you mean name?"),
        (3, "name", "The header has no name column"),
        (3, "kind", "The header has no kind column"),
    ]


def test_only_a_column_absent_from_the_header_is_suggested():
    # "codes" is closest to "code", but code is already there: the hint lists the columns instead.
    problems = header_problems(1, ["code", "name", "kind", "codes"], columns=COLUMNS, what="this import")
    assert [p.message for p in problems] == ["Not a column of this import: the columns are code, name, kind"]


def test_optional_and_informational_columns_are_accepted_but_not_required():
    problems = header_problems(
        1, ["code", "label"], columns=COLUMNS, required=("code",), informational=("label",), what="a file"
    )
    assert problems == []
