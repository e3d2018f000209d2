"""Loading the demo trust, and keeping its demo logins usable.

The demo is 129 units, 300 people and ~380 roles. Written one by one through create_unit,
create_person and grant_role it took 10 s of CPU (25 s on a busy machine) on SQLite, most of it
per-row validation queries; so the rows go in with `bulk_create`, level by level down the tree,
and their audit entries with one `record_many` in the same transaction: one "system" creation
entry per object, with the same fields the ordinary services record. The organisation and its
board still come from `create_organisation`, and each unit's path is built as `create_unit`
builds it (the parent's path, then PATH_SEGMENT of its own id).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from openqms.access.models import RoleAssignment
from openqms.access.services import ASSIGNMENT_FIELDS
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, record, record_many, snapshot
from openqms.demo.generator import DEFAULT_SEED, FULL, DemoPlan, Size, plan_demo
from openqms.demo.logins import DEMO_LOGINS
from openqms.organisations import services as organisations
from openqms.organisations.models import PATH_SEGMENT, Organisation, Unit
from openqms.organisations.services import UNIT_FIELDS
from openqms.people.services import PERSON_FIELDS


class DemoAlreadyLoaded(Exception):
    """The demo organisation (found by its code) is already in this database."""


def steps_in(plan: DemoPlan) -> int:
    """How many progress steps `load_demo` reports for a plan."""
    return 1 + len(plan.units) + len(plan.people) + len(plan.roles)


def plan_for_today(*, seed: int = DEFAULT_SEED, size: Size = FULL) -> DemoPlan:
    return plan_demo(seed=seed, size=size, today=timezone.localdate())


@transaction.atomic
def load_demo(*, plan: DemoPlan, progress: Callable[[int], None] | None = None) -> Organisation:
    """Create the demo trust in one transaction: all of it or, on any failure, none of it."""
    # Locking would not help here: the unique organisation code is what stops a second copy.
    if Organisation.objects.filter(code=plan.organisation_code).exists():
        raise DemoAlreadyLoaded(plan.organisation_code)
    step = progress or (lambda _n: None)
    create = AuditEntry.Action.CREATE

    organisation = organisations.create_organisation(
        actor=None, name=plan.organisation_name, code=plan.organisation_code, board_name=plan.board_name
    )
    board = organisation.units.get(parent__isnull=True)
    units: dict[str, Unit] = {board.code: board}
    step(1)
    # A unit's path needs its parent's id, so each level of the tree is inserted before the next.
    remaining = list(plan.units)
    while remaining:
        level = [p for p in remaining if p.parent_code in units]
        remaining = [p for p in remaining if p.parent_code not in units]
        if not level:
            raise ValueError("The demo plan has units whose parent is not in the plan")
        batch = []
        for planned_unit in level:
            parent = units[planned_unit.parent_code]
            unit = Unit(
                organisation=organisation,
                parent=parent,
                name=planned_unit.name,
                kind=planned_unit.kind,
                code=planned_unit.code.upper(),
                path="pending",
                depth=parent.depth + 1,
            )
            unit.clean_fields(exclude=["path"])
            batch.append(unit)
        Unit.objects.bulk_create(batch)
        for planned_unit, unit in zip(level, batch, strict=True):
            unit.path = units[planned_unit.parent_code].path + PATH_SEGMENT.format(unit.pk)
            units[unit.code] = unit
        Unit.objects.bulk_update(batch, ["path"])
        record_many(
            actor=None,
            changes=[Change(create, u, created(snapshot(u, UNIT_FIELDS)), u.pk) for u in batch],
        )
        step(len(batch))

    User = get_user_model()
    persons = []
    for planned_person in plan.people:
        person = User(
            username=planned_person.username,
            full_name=planned_person.full_name,
            email=planned_person.email,
            job_title=planned_person.job_title,
        )
        if planned_person.password:
            validate_password(planned_person.password, person)
            person.set_password(planned_person.password)
        else:
            person.set_unusable_password()
        person.clean_fields(exclude=["password"])
        persons.append(person)
        step(1)
    User.objects.bulk_create(persons)
    record_many(actor=None, changes=[Change(create, p, created(snapshot(p, PERSON_FIELDS))) for p in persons])
    by_username = {person.username: person for person in persons}

    assignments = []
    for planned_role in plan.roles:
        assignment = RoleAssignment(
            person=by_username[planned_role.username],
            unit=units[planned_role.unit_code],
            role=planned_role.role,
            starts_on=planned_role.starts_on,
            ends_on=planned_role.ends_on,
        )
        assignment.clean_fields()
        assignments.append(assignment)
    RoleAssignment.objects.bulk_create(assignments)
    record_many(
        actor=None,
        changes=[Change(create, a, created(snapshot(a, ASSIGNMENT_FIELDS)), a.unit_id) for a in assignments],
    )
    step(len(assignments))
    return organisation


@transaction.atomic
def ensure_demo_logins() -> list[str]:
    """Make each demo login able to sign in again: the right password, active, not locked out.

    Someone trying the demo may have changed a password, been deactivated by the demo
    administrator, or been locked out by mistyping; `openqms demo` calls this so the logins it
    prints always work. Returns the usernames it had to repair. Missing accounts are left alone:
    they mean the demo organisation was never loaded here.
    """
    User = get_user_model()
    repaired = []
    for login in DEMO_LOGINS:
        person = User.objects.filter(username=login.username).first()
        if person is None:
            continue
        changes: dict[str, list[object]] = {}
        if not person.check_password(login.password):
            person.set_password(login.password)
            # Never the hashes themselves: the trail says that it changed, not to what.
            changes["password"] = ["(changed)", "(reset to the demo password)"]
        if not person.is_active:
            person.is_active = True
            changes["is_active"] = [False, True]
        if changes:
            person.save(update_fields=["password", "is_active"])
            record(actor=None, action=AuditEntry.Action.UPDATE, target=person, changes=changes)
            repaired.append(login.username)
    _clear_lockouts([login.username for login in DEMO_LOGINS])
    return repaired


def _clear_lockouts(usernames: list[str]) -> None:
    # Failed attempts are sign-in bookkeeping kept by django-axes, not domain data, so they are
    # cleared without an audit entry.
    from axes.utils import reset

    for username in usernames:
        reset(username=username)
