"""Importing people and their roles: bad rows reported by line and column, nothing written, bulk writes."""

from __future__ import annotations

import datetime as dt

import pytest

from openqms.access import services as access
from openqms.access.models import RoleAssignment
from openqms.administration.imports import import_people
from openqms.audit.models import AuditEntry
from openqms.organisations import services as organisations
from openqms.people.models import User
from tests.administration.conftest import Counts

HEADER = "username,full_name,email,job_title,role,unit_code,starts_on,ends_on\n"
JO = "jo.bloggs,Jo Bloggs,jo@example.nhs.uk,Ward Sister"


@pytest.fixture
def run(trust):  # type: ignore[no-untyped-def]
    def run(text: str, actor=None):  # type: ignore[no-untyped-def]
        return import_people(
            actor=actor or trust.people["ada_admin"], organisation=trust.org, data=text.encode("utf-8")
        )

    return run


@pytest.fixture
def rejected(run, counts):  # type: ignore[no-untyped-def]
    def rejected(text: str, actor=None):  # type: ignore[no-untyped-def]
        report = run(text, actor)
        assert not report.ok
        assert counts.unchanged()
        return [(p.line, p.column, p.message) for p in report.problems]

    return rejected


def test_it_creates_a_person_with_several_roles_and_an_audit_entry_for_each(run, trust, counts):
    report = run(HEADER + f"{JO},team_leader,WA,2026-04-01,\n{JO},team_member,WB,2026-04-01,2026-09-30\n")
    assert report.ok, report.problems
    jo = User.objects.get(username="jo.bloggs")
    assert (jo.full_name, jo.email, jo.job_title, jo.is_active) == (
        "Jo Bloggs",
        "jo@example.nhs.uk",
        "Ward Sister",
        True,
    )
    assert not jo.has_usable_password()
    roles = {(a.unit.code, a.role, a.starts_on, a.ends_on) for a in jo.role_assignments.all()}
    assert roles == {
        ("WA", "team_leader", dt.date(2026, 4, 1), None),
        ("WB", "team_member", dt.date(2026, 4, 1), dt.date(2026, 9, 30)),
    }
    assert counts.added() == (0, 1, 2, 3)
    imported = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT)
    assert sorted(e.object_type for e in imported) == [
        "access.roleassignment",
        "access.roleassignment",
        "people.user",
    ]
    assert {e.unit_id for e in imported if e.object_type == "access.roleassignment"} == {
        trust.ward_a.pk,
        trust.ward_b.pk,
    }


def test_it_accepts_role_labels_and_lower_case_unit_codes(run, trust):
    report = run(HEADER + f"{JO},Team member,wa,2026-04-01,\n")
    assert report.ok, report.problems
    assert RoleAssignment.objects.get(person__username="jo.bloggs").role == "team_member"


def test_importing_the_same_file_again_reports_people_and_roles_unchanged(run, counts):
    text = HEADER + f"{JO},team_leader,WA,2026-04-01,\n{JO},team_member,WB,2026-04-01,2026-09-30\n"
    assert run(text).ok
    after_first = counts.now()
    report = run(text)
    assert report.ok, report.problems
    assert report.created == []
    assert len(report.unchanged) == 3
    assert counts.now() == after_first


def test_it_gives_a_new_role_to_an_existing_person_whose_details_match(run, trust, counts):
    report = run(HEADER + "mo_member,Mo Member,,,clinician,WB,2026-04-01,\n")
    assert report.ok, report.problems
    assert trust.people["mo_member"].role_assignments.filter(unit=trust.ward_b, role="clinician").exists()
    assert counts.added() == (0, 0, 1, 1)


def test_it_rejects_details_that_differ_between_a_persons_rows(rejected):
    problems = rejected(
        HEADER
        + f"{JO},team_leader,WA,2026-04-01,\n"
        + "jo.bloggs,Jo Blogs,jo@example.nhs.uk,Nurse,team_member,WB,2026-04-01,\n"
    )
    assert [(line, column) for line, column, _ in problems] == [(3, "full_name"), (3, "job_title")]
    assert problems[0][2] == (
        "Different from line 2 (Jo Bloggs): a person's details must be the same on each of their rows"
    )


def test_it_rejects_an_existing_person_whose_details_differ(rejected):
    problems = rejected(HEADER + "mo_member,Maurice Member,,,clinician,WB,2026-04-01,\n")
    assert problems == [
        (
            2,
            "full_name",
            "mo_member already exists with full_name Mo Member: "
            "change it on their page, or make this row match",
        )
    ]


def test_it_rejects_a_username_taken_by_someone_outside_the_administrators_scope(rejected):
    problems = rejected(HEADER + "otto_other_admin,Otto Other-Admin,,,team_member,WA,2026-04-01,\n")
    assert problems == [
        (2, "username", "The username otto_other_admin is already taken by someone else: choose another")
    ]


def test_it_rejects_a_username_that_differs_from_a_taken_one_only_in_capitals(rejected):
    problems = rejected(HEADER + "Mo_Member,Mo Member,,,team_member,WB,2026-04-01,\n")
    assert [(line, column) for line, column, _ in problems] == [(2, "username")]


def test_it_rejects_a_bad_email_address(rejected):
    problems = rejected(HEADER + "jo,Jo Bloggs,jo-at-example,,team_member,WA,2026-04-01,\n")
    assert problems == [(2, "email", "Not an email address in the correct format, like name@example.nhs.uk")]


def test_it_rejects_a_username_with_spaces(rejected):
    problems = rejected(HEADER + "jo bloggs,Jo Bloggs,,,team_member,WA,2026-04-01,\n")
    assert problems == [
        (2, "username", "A username can contain only letters, numbers and the characters @ . + - _")
    ]


def test_it_rejects_a_role_that_does_not_exist(rejected):
    problems = rejected(HEADER + "jo,Jo Bloggs,,,matron,WA,2026-04-01,\n")
    assert problems == [
        (
            2,
            "role",
            "Not a role: use one of senior_leader, team_leader, clinician, team_member, "
            "service_user, administrator",
        )
    ]


def test_it_rejects_a_unit_code_that_does_not_exist(rejected):
    problems = rejected(HEADER + "jo,Jo Bloggs,,,team_member,ZZZ,2026-04-01,\n")
    assert problems == [
        (2, "unit_code", "No unit has the code ZZZ among the units you administer in Northshire Hospitals")
    ]


def test_it_reports_a_unit_outside_the_administrators_sub_tree_exactly_as_an_unknown_one(
    medicine_admin, rejected
):
    outside = rejected(HEADER + "jo,Jo Bloggs,,,team_member,THE,2026-04-01,\n", actor=medicine_admin)
    unknown = rejected(HEADER + "jo,Jo Bloggs,,,team_member,ZZZ,2026-04-01,\n", actor=medicine_admin)
    assert outside[0][2].replace("THE", "ZZZ") == unknown[0][2]


def test_it_rejects_a_role_on_an_archived_unit(run, trust):
    organisations.archive_unit(actor=None, unit=trust.ward_b)
    counts = Counts()
    report = run(HEADER + "jo,Jo Bloggs,,,team_member,WB,2026-04-01,\n")
    assert [(p.line, p.column, p.message) for p in report.problems] == [
        (2, "unit_code", "The unit WB is archived: roles cannot be given on it")
    ]
    assert counts.unchanged()


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "column", "message"),
    [
        ("", "", "starts_on", "A date is required in starts_on, like 2026-04-01"),
        ("01/04/2026", "", "starts_on", "Not a date in the form YYYY-MM-DD, like 2026-04-01"),
        ("2026-02-30", "", "starts_on", "Not a real date"),
        ("2026-04-01", "2026-4-30", "ends_on", "Not a date in the form YYYY-MM-DD, like 2026-04-01"),
        ("2026-04-01", "2026-03-31", "ends_on", "The end date is before the start date, 2026-04-01"),
    ],
)
def test_it_rejects_bad_dates(rejected, starts_on, ends_on, column, message):
    problems = rejected(HEADER + f"jo,Jo Bloggs,,,team_member,WA,{starts_on},{ends_on}\n")
    assert problems == [(2, column, message)]


@pytest.mark.parametrize("column", ["username", "full_name", "role", "unit_code"])
def test_it_rejects_a_missing_required_value(rejected, column):
    row = {
        "username": "jo",
        "full_name": "Jo Bloggs",
        "email": "",
        "job_title": "",
        "role": "team_member",
        "unit_code": "WA",
        "starts_on": "2026-04-01",
        "ends_on": "",
    }
    row[column] = ""
    problems = rejected(HEADER + ",".join(row.values()) + "\n")
    assert problems == [(2, column, f"A value is required in {column}")]


def test_it_rejects_text_that_is_too_long(rejected):
    problems = rejected(HEADER + f"jo,{'J' * 151},,{'t' * 151},team_member,WA,2026-04-01,\n")
    assert problems == [
        (2, "full_name", "Too long: 151 characters, where the most is 150"),
        (2, "job_title", "Too long: 151 characters, where the most is 150"),
    ]


def test_it_rejects_a_row_that_repeats_another(rejected):
    problems = rejected(HEADER + f"{JO},team_leader,WA,2026-04-01,\n{JO},team_leader,WA,2026-04-01,\n")
    assert problems == [(3, "", "This row repeats line 2")]


def test_it_rejects_the_same_role_twice_with_overlapping_dates(rejected):
    problems = rejected(
        HEADER + f"{JO},team_leader,WA,2026-04-01,\n{JO},team_leader,WA,2026-06-01,2026-07-01\n"
    )
    assert problems == [(3, "starts_on", "The dates overlap the same role on the same unit on line 2")]


def test_it_accepts_the_same_role_again_after_the_first_ends(run):
    assert run(HEADER + f"{JO},team_leader,WA,2026-04-01,2026-05-31\n{JO},team_leader,WA,2026-06-01,\n").ok


def test_it_rejects_a_role_that_overlaps_one_the_person_already_holds(rejected):
    problems = rejected(HEADER + "mo_member,Mo Member,,,team_member,WA,2026-01-01,\n")
    assert problems == [
        (
            2,
            "starts_on",
            "mo_member already holds the role Team member on Ward A from 2024-04-01 with no end date; "
            "the dates overlap",
        )
    ]


def test_it_does_not_count_a_role_the_person_held_before_as_a_clash(run, trust):
    ended = access.grant_role(
        actor=None,
        person=trust.people["mo_member"],
        unit=trust.ward_b,
        role="team_member",
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 12, 31),
    )
    assert ended.pk
    assert run(HEADER + "mo_member,Mo Member,,,team_member,WB,2026-01-01,\n").ok


def test_it_reports_every_bad_row_and_imports_none_of_it(rejected):
    problems = rejected(
        HEADER
        + f"{JO},team_leader,WA,2026-04-01,\n"
        + "al,Al Smith,al@,,team_member,WA,2026-04-01,\n"
        + "bo,Bo Jones,,,nurse,WA,2026-04-01,\n"
        + "cy,Cy Brown,,,team_member,NOPE,2026-04-31,\n"
    )
    assert [(line, column) for line, column, _ in problems] == [
        (3, "email"),
        (4, "role"),
        (5, "unit_code"),
        (5, "starts_on"),
    ]


def test_it_rejects_a_header_with_a_misspelled_column(rejected):
    header = "username,full_name,e-mail,job_title,role,unit_code,starts_on,ends_on\n"
    problems = rejected(header + "jo,Jo Bloggs,,,team_member,WA,2026-04-01,\n")
    assert problems == [
        (1, "e-mail", "Not a column of this import: did you mean email?"),
        (1, "email", "The header has no email column"),
    ]


def _many(count: int) -> str:
    units = ["WA", "WB", "ELD", "THE"]
    return "".join(
        f"person{i},Person {i},person{i}@example.nhs.uk,Nurse,team_member,{units[i % 4]},2026-04-01,\n"
        for i in range(count)
    )


def test_five_thousand_rows_are_checked_in_a_handful_of_queries(run, django_assert_max_num_queries):
    # A bad last row: the whole file is checked, then nothing is written.
    with django_assert_max_num_queries(15):
        report = run(HEADER + _many(5000) + "bad,Bad,,,nurse,WA,2026-04-01,\n")
    assert [(p.line, p.column) for p in report.problems] == [(5002, "role")]


def test_five_thousand_people_are_imported_in_bulk(run, counts, django_assert_max_num_queries):
    # Bulk inserts in batches (SQLite allows about 80 rows of a wide table per statement): far
    # fewer queries than rows, where a query per row would be at least 15,000.
    with django_assert_max_num_queries(400):
        report = run(HEADER + _many(5000))
    assert report.ok, report.problems[:5]
    assert counts.added() == (0, 5000, 5000, 10000)


def test_it_rejects_two_usernames_that_differ_only_in_capitals(rejected):
    problems = rejected(
        HEADER + "jo,Jo Bloggs,,,team_member,WA,2026-04-01,\nJo,Jo Bloggs,,,team_member,WB,2026-04-01,\n"
    )
    assert problems == [(3, "username", "Differs only in capitals from jo on line 2: use one spelling")]
