"""Loading the demo trust, and keeping its demo logins usable.

The demo is written through the same services as any other change (create_organisation,
create_unit, create_person, grant_role), so the audit trail shows its creation by "system" entry
by entry, exactly as a real trust's set-up would read. Measured on SQLite and PostgreSQL, that is
fast enough (a few seconds for the full trust) that a bulk path, with its own copy of the unit
path rules, is not worth having.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openqms.access import services as access
from openqms.audit.models import AuditEntry
from openqms.audit.services import record
from openqms.organisations import services as organisations
from openqms.organisations.models import Organisation, Unit
from openqms.people import services as people

from .generator import DEFAULT_SEED, FULL, DemoPlan, Size, plan_demo
from .logins import DEMO_LOGINS


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

    organisation = organisations.create_organisation(
        actor=None, name=plan.organisation_name, code=plan.organisation_code, board_name=plan.board_name
    )
    board = organisation.units.get(parent__isnull=True)
    units: dict[str, Unit] = {board.code: board}
    step(1)
    for planned_unit in plan.units:
        units[planned_unit.code] = organisations.create_unit(
            actor=None,
            organisation=organisation,
            parent=units[planned_unit.parent_code],
            name=planned_unit.name,
            kind=planned_unit.kind,
            code=planned_unit.code,
        )
        step(1)

    persons = {}
    for planned_person in plan.people:
        persons[planned_person.username] = people.create_person(
            actor=None,
            username=planned_person.username,
            full_name=planned_person.full_name,
            email=planned_person.email,
            job_title=planned_person.job_title,
            password=planned_person.password,
        )
        step(1)

    for planned_role in plan.roles:
        access.grant_role(
            actor=None,
            person=persons[planned_role.username],
            unit=units[planned_role.unit_code],
            role=planned_role.role,
            starts_on=planned_role.starts_on,
            ends_on=planned_role.ends_on,
        )
        step(1)
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
