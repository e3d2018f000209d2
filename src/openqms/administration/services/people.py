"""Writes that administration adds to the foundation services. Each writes its audit entry inside."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from openqms.access.models import RoleAssignment
from openqms.access.services import grant_role
from openqms.audit.models import AuditEntry
from openqms.audit.services import record
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.people.services import create_person


@transaction.atomic
def create_person_with_role(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    email: str,
    job_title: str,
    password: str,
    unit: Unit,
    role: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
) -> tuple[User, RoleAssignment]:
    """A new person and their first role, together: if the role cannot be given, nobody is created
    (a person with no role would be invisible to every administrator, so nobody could fix them)."""
    person = create_person(
        actor=actor,
        username=username,
        full_name=full_name,
        email=email,
        job_title=job_title,
        password=password,
    )
    assignment = grant_role(
        actor=actor, person=person, unit=unit, role=role, starts_on=starts_on, ends_on=ends_on
    )
    return person, assignment


@transaction.atomic
def reset_password(*, actor: User | None, person: User, password: str) -> User:
    validate_password(password, person)
    person.set_password(password)
    person.save(update_fields=["password"])
    # The trail says that the password changed and who changed it, never what it is.
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=person,
        changes={"password": ["(previous password)", "(reset by an administrator)"]},
    )
    return person
