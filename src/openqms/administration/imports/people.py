"""Importing people and their roles: one row per role, a person's details repeated on each of their rows.

Imported people get an unusable password: nobody can sign in as them until an administrator sets one.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db.models.functions import Lower

from openqms.access import policy
from openqms.access.models import Role, RoleAssignment
from openqms.access.services import ASSIGNMENT_FIELDS
from openqms.administration.imports.reading import (
    Check,
    ImportReport,
    Row,
    administered_unit_ids,
    in_one_transaction,
    read_table,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, record_many, snapshot
from openqms.organisations.models import Organisation, Unit
from openqms.people.models import User
from openqms.people.services import PERSON_FIELDS

COLUMNS = ("username", "full_name", "email", "job_title", "role", "unit_code", "starts_on", "ends_on")
DETAILS = ("full_name", "email", "job_title")
USERNAME = re.compile(r"[\w.@+-]+")
ROLES = {
    **{v: v for v in Role.values},
    **{str(label).lower(): v for v, label in Role.choices},
    **{v.replace("_", " "): v for v in Role.values},
}
_email = EmailValidator()


@dataclass
class _NewRole:
    line: int
    username: str
    unit: Unit
    role: str
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass
class _Plan:
    people: dict[str, dict[str, str]]  # username -> details, for people to create
    existing: dict[str, User]  # username -> person already there, identical details
    roles: list[_NewRole]


def _overlaps(a: tuple[dt.date, dt.date | None], b: tuple[dt.date, dt.date | None]) -> bool:
    return a[0] <= (b[1] or dt.date.max) and b[0] <= (a[1] or dt.date.max)


def _span(starts_on: dt.date, ends_on: dt.date | None) -> str:
    return f"from {starts_on.isoformat()}" + (
        f" to {ends_on.isoformat()}" if ends_on else " with no end date"
    )


def import_people(*, actor: User | None, organisation: Organisation, data: bytes) -> ImportReport:
    rows, problems = read_table(data, COLUMNS)
    if problems:
        return ImportReport(problems=problems)

    def check_and_write() -> ImportReport:
        report, plan = _plan_people(actor, organisation, rows)
        if report.ok:
            _write_people(actor, plan)
        return report

    return in_one_transaction(check_and_write)


class _Context:
    """Everything the checks compare rows with, fetched in a handful of queries for the whole file."""

    def __init__(self, actor: User | None, organisation: Organisation, rows: list[Row]) -> None:
        self.organisation = organisation
        scope = administered_unit_ids(actor, organisation)
        self.units = {u.code: u for u in organisation.units.filter(pk__in=scope)}
        wanted = {row.values["username"].lower() for row in rows if row.values["username"]}
        self.taken: dict[str, User] = {
            u.username.lower(): u
            for u in User.objects.annotate(lower=Lower("username")).filter(lower__in=wanted)
        }
        visible = policy.visible(
            actor,
            policy.Permission.ADMINISTER,
            RoleAssignment.objects.filter(person__in=list(self.taken.values())),
        )
        self.visible_people = set(visible.values_list("person_id", flat=True))
        self.held: dict[tuple[int, int, str], list[tuple[dt.date, dt.date | None]]] = {}
        for person_id, unit_id, role, starts_on, ends_on in RoleAssignment.objects.filter(
            person_id__in=self.visible_people, unit__organisation=organisation
        ).values_list("person_id", "unit_id", "role", "starts_on", "ends_on"):
            self.held.setdefault((person_id, unit_id, role), []).append((starts_on, ends_on))


def _plan_people(
    actor: User | None, organisation: Organisation, rows: list[Row]
) -> tuple[ImportReport, _Plan]:
    report = ImportReport()
    context = _Context(actor, organisation, rows)
    plan = _Plan(people={}, existing={}, roles=[])
    seen: dict[tuple[str, ...], int] = {}
    first_details: dict[str, tuple[int, dict[str, str]]] = {}
    spellings: dict[str, str] = {}  # each username in lower case -> as first spelled in the file
    in_file: dict[tuple[str, int, str], list[tuple[dt.date, dt.date | None, int]]] = {}
    for row in rows:
        check = Check(row, report.problems)
        key = tuple(
            row.values[c].lower() if c in ("username", "email", "role", "unit_code") else row.values[c]
            for c in COLUMNS
        )
        if key in seen:
            check.fail("", f"This row repeats line {seen[key]}")
            continue
        seen[key] = row.line
        username = check.text("username", 150)
        details = {
            "full_name": check.text("full_name", 150),
            "email": check.text("email", 254, required=False),
            "job_title": check.text("job_title", 150, required=False),
        }
        if username and not USERNAME.fullmatch(username):
            check.fail(
                "username", "A username can contain only letters, numbers and the characters @ . + - _"
            )
        if details["email"]:
            try:
                _email(details["email"])
            except ValidationError:
                check.fail("email", "Not an email address in the correct format, like name@example.nhs.uk")
        role = _check_role(check)
        unit = _check_unit(check, context)
        starts_on = check.date("starts_on", required=True)
        ends_on = check.date("ends_on", required=False)
        if starts_on and ends_on and ends_on < starts_on:
            check.fail("ends_on", f"The end date is before the start date, {starts_on.isoformat()}")
        person = _check_person(check, context, username, details, first_details, spellings, plan)
        if not (check.ok and role and unit and starts_on):
            continue
        span = (starts_on, ends_on)
        if person is not None and span in context.held.get((person.pk, unit.pk, role), []):
            report.unchanged.append(f"{details['full_name']} ({username}): {Role(role).label} on {unit.name}")
            continue
        clash = _clash(check, context, person, unit, role, span, in_file.get((username, unit.pk, role), []))
        if clash:
            continue
        in_file.setdefault((username, unit.pk, role), []).append((starts_on, ends_on, row.line))
        plan.roles.append(_NewRole(row.line, username, unit, role, starts_on, ends_on))
    for username, details in plan.people.items():
        report.created.append(f"{details['full_name']} ({username}), a new person")
    for username, person in plan.existing.items():
        report.unchanged.append(f"{person.full_name} ({username}), already here with the same details")
    for new in plan.roles:
        name = plan.people[new.username]["full_name"] if new.username in plan.people else new.username
        report.created.append(
            f"{name}: {Role(new.role).label} on {new.unit.name} {_span(new.starts_on, new.ends_on)}"
        )
    return report, plan


def _check_role(check: Check) -> str:
    text = check.text("role", 40)
    role = ROLES.get(re.sub(r"[\s-]+", " ", text.lower()).strip()) or ROLES.get(text.lower(), "")
    if text and not role:
        check.fail("role", f"Not a role: use one of {', '.join(Role.values)}")
    return role


def _check_unit(check: Check, context: _Context) -> Unit | None:
    code = check.text("unit_code", 30).upper()
    if not code:
        return None
    unit = context.units.get(code)
    if unit is None:
        check.fail(
            "unit_code",
            f"No unit has the code {code} among the units you administer in {context.organisation.name}",
        )
        return None
    if unit.is_archived:
        check.fail("unit_code", f"The unit {code} is archived: roles cannot be given on it")
        return None
    return unit


def _check_person(
    check: Check,
    context: _Context,
    username: str,
    details: dict[str, str],
    first_details: dict[str, tuple[int, dict[str, str]]],
    spellings: dict[str, str],
    plan: _Plan,
) -> User | None:
    """The existing person this row is about, if any; checks that their details agree everywhere."""
    if not username:
        return None
    if username in first_details:
        line, first = first_details[username]
        for column in DETAILS:
            if details[column] != first[column]:
                check.fail(
                    column,
                    f"Different from line {line} ({first[column] or 'empty'}): "
                    "a person's details must be the same on each of their rows",
                )
    else:
        # Usernames are compared without regard to capitals when signing in and when adding
        # someone in the application, so two in one file that differ only so would clash.
        twin = spellings.setdefault(username.lower(), username)
        if twin != username:
            check.fail(
                "username",
                f"Differs only in capitals from {twin} on line {first_details[twin][0]}: use one spelling",
            )
        first_details[username] = (check.row.line, details)
    person = context.taken.get(username.lower())
    if person is None:
        if check.ok and username not in plan.people:
            plan.people[username] = details
        return None
    if person.username != username or person.pk not in context.visible_people:
        check.fail("username", f"The username {username} is already taken by someone else: choose another")
        return None
    for column in DETAILS:
        theirs = getattr(person, column)
        if details[column] != theirs:
            check.fail(
                column,
                f"{username} already exists with {column} {theirs or 'empty'}: "
                "change it on their page, or make this row match",
            )
    if check.ok:
        plan.existing[username] = person
    return person


def _clash(
    check: Check,
    context: _Context,
    person: User | None,
    unit: Unit,
    role: str,
    span: tuple[dt.date, dt.date | None],
    earlier: list[tuple[dt.date, dt.date | None, int]],
) -> bool:
    label = Role(role).label
    if person is not None:
        for held in context.held.get((person.pk, unit.pk, role), []):
            if _overlaps(span, held):
                check.fail(
                    "starts_on",
                    f"{person.username} already holds the role {label} on {unit.name} {_span(*held)}; "
                    "the dates overlap",
                )
                return True
    for starts_on, ends_on, line in earlier:
        if _overlaps(span, (starts_on, ends_on)):
            check.fail("starts_on", f"The dates overlap the same role on the same unit on line {line}")
            return True
    return False


def _write_people(actor: User | None, plan: _Plan) -> None:
    people = [
        User(
            username=username,
            full_name=details["full_name"],
            email=details["email"],
            job_title=details["job_title"],
            # Unusable, as set_unusable_password() makes it (its random suffix from one fast call rather
            # than forty): nobody signs in as an imported person until an administrator sets a password.
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
        )
        for username, details in plan.people.items()
    ]
    User.objects.bulk_create(people, batch_size=500)
    by_username = {**plan.existing, **{p.username: p for p in people}}
    assignments = [
        RoleAssignment(
            person=by_username[r.username], unit=r.unit, role=r.role, starts_on=r.starts_on, ends_on=r.ends_on
        )
        for r in plan.roles
    ]
    RoleAssignment.objects.bulk_create(assignments, batch_size=500)
    changes = [Change(AuditEntry.Action.IMPORT, p, created(snapshot(p, PERSON_FIELDS))) for p in people]
    changes += [
        Change(AuditEntry.Action.IMPORT, a, created(snapshot(a, ASSIGNMENT_FIELDS)), a.unit_id)
        for a in assignments
    ]
    record_many(actor=actor, changes=changes)
