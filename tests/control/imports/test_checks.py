"""The checks every path shares (data_entry.validate_rows / submit_rows): each problem by row and column."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from openqms.audit.models import AuditEntry
from openqms.control.imports.checks import validate_rows
from openqms.control.models import Observation
from openqms.control.services.data import submit_rows
from tests.control.import_fixtures import Measures
from tests.control.import_fixtures import measures as measures

pytestmark = pytest.mark.django_db


def row(measure: str = "FALLS", unit: str = "WA", period: Any = "2026-03-01", **data: Any) -> dict[str, Any]:
    return {"measure": measure, "unit": unit, "period": period, **data}


def check(trust, *rows: dict[str, Any], actor: str = "mo_member") -> list[tuple[int | None, str, str, str]]:
    validation = validate_rows(
        actor=trust.people[actor], organisation=trust.org, rows=list(enumerate(rows, start=2))
    )
    return [(p.line, p.column, p.value, p.message) for p in validation.problems]


def only_problem(trust, *rows: dict[str, Any], actor: str = "mo_member") -> tuple[int | None, str, str, str]:
    problems = check(trust, *rows, actor=actor)
    assert len(problems) == 1, problems
    return problems[0]


def test_it_accepts_values_and_ratios(trust, measures: Measures):
    validation = validate_rows(
        actor=trust.people["mo_member"],
        organisation=trust.org,
        rows=[
            (2, row(value="4.5")),
            (3, row("HANDHYG", period="2026-03-02", numerator="45", denominator="50")),
            (4, row("ULCERS", numerator=3, denominator=2)),  # a rate may exceed its denominator
        ],
    )
    assert validation.ok, validation.problems
    assert [(p.measure_id, p.value, p.numerator, p.denominator) for p in validation.points] == [
        (measures.falls_a.pk, 4.5, None, None),
        (measures.hygiene_a.pk, None, 45.0, 50.0),
        (measures.ulcers_a.pk, None, 3.0, 2.0),
    ]


def test_it_reports_an_unknown_measure_code_by_row_and_column(trust, measures):
    line, column, value, message = only_problem(trust, row(measure="NOPE", value=1))
    assert (line, column, value) == (2, "measure", "NOPE")
    assert message.startswith("Unknown measure for this unit")


def test_it_reports_a_measure_the_unit_does_not_report_and_says_how_to_add_it(trust, measures):
    line, column, _, message = only_problem(trust, row(measure="DELAY", value=1))
    assert (line, column) == (2, "measure")
    assert "Ward A does not report Theatre delays" in message
    assert "not by an import" in message
    assert "add it to Ward A" in message


def test_it_reports_an_unknown_unit(trust, measures):
    assert only_problem(trust, row(unit="ZZ", value=1))[:2] == (2, "unit")


def test_a_team_member_of_ward_a_cannot_import_ward_b_data_which_reads_as_an_unknown_unit(trust, measures):
    out_of_scope = only_problem(trust, row(unit="WB", value=1))
    missing = only_problem(trust, row(unit="ZZ", value=1))
    assert out_of_scope[:2] == (2, "unit")
    assert out_of_scope[3] == missing[3].replace("ZZ", "WB")


def test_a_division_leader_may_import_data_for_every_ward_below(trust, measures):
    assert check(trust, row(value=1), row(unit="WB", value=2), actor="dana_division") == []


def test_an_administrator_has_no_clinical_powers_so_every_unit_is_unknown(trust, measures):
    assert only_problem(trust, row(value=1), actor="ada_admin")[:2] == (2, "unit")


@pytest.mark.parametrize("period", ["2026-13-01", "31/02/2026", "March 2026", "2026/03/01", ""])
def test_it_reports_a_bad_date(trust, measures, period):
    line, column, value, message = only_problem(trust, row(period=period, value=1))
    assert (line, column, value) == (2, "period", period)
    assert "date" in message or "period is required" in message


def test_it_accepts_uk_dates_as_people_type_them(trust, measures):
    validation = validate_rows(
        actor=trust.people["mo_member"], organisation=trust.org, rows=[(2, row(period="01/03/2026", value=1))]
    )
    assert validation.points[0].period_start == dt.date(2026, 3, 1)


def test_it_rejects_a_monthly_period_that_does_not_start_on_the_first(trust, measures):
    line, column, _, message = only_problem(trust, row(period="2026-03-15", value=1))
    assert (line, column) == (2, "period")
    assert "starts on 2026-03-01" in message


def test_it_rejects_a_weekly_period_that_does_not_start_on_a_monday(trust, measures):
    _, column, _, message = only_problem(
        trust, row("HANDHYG", period="2026-03-04", numerator=1, denominator=2)
    )
    assert column == "period"
    assert "Wednesday 2026-03-04" in message
    assert "Monday 2026-03-02" in message


def test_it_reports_a_duplicate_period_on_the_later_row(trust, measures):
    line, column, _, message = only_problem(trust, row(value=1), row(period="01/03/2026", value=2))
    assert (line, column) == (3, "period")
    assert message.startswith("Duplicate period: line 2")


def test_it_reports_a_denominator_of_zero_by_row_and_column(trust, measures):
    problem = only_problem(trust, row("ULCERS", numerator="1", denominator="0"))
    assert problem[:3] == (2, "denominator", "0")
    assert "denominator is zero" in problem[3]


def test_it_reports_a_numerator_above_the_denominator_for_a_proportion_only(trust, measures):
    problem = only_problem(trust, row("HANDHYG", period="2026-03-02", numerator="51", denominator="50"))
    assert problem[:2] == (2, "numerator")
    assert "proportion" in problem[3]
    assert check(trust, row("ULCERS", numerator="51", denominator="50")) == []


@pytest.mark.parametrize("text", ["four", "4,5", "nan", "inf", "12%"])
def test_it_reports_a_value_that_is_not_a_number(trust, measures, text):
    line, column, value, message = only_problem(trust, row(value=text))
    assert (line, column, value) == (2, "value", text)
    assert message.startswith("Not a number")


def test_it_reports_a_missing_denominator(trust, measures):
    assert only_problem(trust, row("ULCERS", numerator="3"))[:2] == (2, "denominator")


def test_it_reports_a_value_where_a_numerator_and_denominator_are_expected(trust, measures):
    problems = check(trust, row("ULCERS", value="3"))
    assert [(p[0], p[1]) for p in problems] == [(2, "value"), (2, "numerator"), (2, "denominator")]
    assert "not a value" in problems[0][3]


def test_it_reports_a_numerator_where_one_value_is_expected(trust, measures):
    problems = check(trust, row(numerator="3", denominator="4"))
    assert [(p[0], p[1]) for p in problems] == [(2, "numerator"), (2, "denominator"), (2, "value")]
    assert "A value is required" in problems[2][3]


def test_a_row_without_any_data_is_skipped_not_an_error(trust, measures):
    validation = validate_rows(actor=trust.people["mo_member"], organisation=trust.org, rows=[(2, row())])
    assert validation.ok
    assert validation.empty == 1
    assert validation.points == []


def test_it_reports_every_problem_of_every_row(trust, measures):
    problems = check(trust, row(measure="NOPE", value=1), row(period="x", value=1), row(value="y"))
    assert [(p[0], p[1]) for p in problems] == [(2, "measure"), (3, "period"), (4, "value")]


def test_nothing_is_written_when_any_row_is_bad(trust, measures):
    entries = AuditEntry.objects.count()
    submission = submit_rows(
        actor=trust.people["mo_member"],
        organisation=trust.org,
        rows=[(2, row(value=1)), (3, row(period="2026-04-01", value="oops"))],
        source="bad.csv",
    )
    assert submission.summary is None
    assert not submission.validation.ok
    assert Observation.objects.count() == 0
    assert AuditEntry.objects.count() == entries


def test_a_dry_run_writes_nothing(trust, measures):
    entries = AuditEntry.objects.count()
    submission = submit_rows(
        actor=trust.people["mo_member"], organisation=trust.org, rows=[(2, row(value=1))], dry_run=True
    )
    assert submission.validation.ok
    assert submission.summary is None
    assert Observation.objects.count() == 0
    assert AuditEntry.objects.count() == entries


def test_reimporting_the_same_rows_changes_nothing_and_writes_no_audit_entry(trust, measures):
    rows = [(2, row(value=1)), (3, row(period="2026-04-01", value=2))]
    mo = trust.people["mo_member"]
    first = submit_rows(actor=mo, organisation=trust.org, rows=rows, source="a.csv").summary
    assert first is not None
    assert first.created == 2
    entries = AuditEntry.objects.count()
    again = submit_rows(actor=mo, organisation=trust.org, rows=rows, source="a.csv").summary
    assert again is not None
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditEntry.objects.count() == entries


def test_a_corrected_value_is_audited_with_its_old_and_new_value(trust, measures):
    mo = trust.people["mo_member"]
    submit_rows(actor=mo, organisation=trust.org, rows=[(2, row(value=1))], source="a.csv")
    summary = submit_rows(actor=mo, organisation=trust.org, rows=[(2, row(value=7))], source="b.csv").summary
    assert summary is not None
    assert summary.updated == 1
    entry = AuditEntry.objects.filter(object_id=str(measures.falls_a.pk)).order_by("-sequence").first()
    assert entry is not None
    assert entry.actor == mo
    assert entry.action == AuditEntry.Action.IMPORT
    assert entry.changes["2026-03-01"] == [1.0, 7.0]
    assert entry.changes["source"] == [None, "b.csv"]
    assert Observation.objects.get(measure=measures.falls_a).value == 7.0
