"""Creating and changing people. Each writes its audit entry in the same transaction."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import Actor, created, diff, record, snapshot
from openqms.people.models import User

PERSON_FIELDS = ("username", "full_name", "email", "job_title", "is_active")


@transaction.atomic
def create_person(
    *,
    actor: Actor | None,
    username: str,
    full_name: str,
    email: str = "",
    job_title: str = "",
    password: str | None = None,
) -> User:
    person = User(
        username=username.strip(), full_name=full_name.strip(), email=email.strip(), job_title=job_title
    )
    if password:
        validate_password(password, person)
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=person,
        changes=created(snapshot(person, PERSON_FIELDS)),
    )
    return person


@transaction.atomic
def update_person(
    *, actor: Actor | None, person: User, full_name: str, email: str, job_title: str, is_active: bool
) -> User:
    before = snapshot(person, PERSON_FIELDS)
    person.full_name, person.email, person.job_title, person.is_active = (
        full_name.strip(),
        email.strip(),
        job_title,
        is_active,
    )
    person.full_clean(exclude=["password"])
    person.save(update_fields=["full_name", "email", "job_title", "is_active"])
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        record(actor=actor, action=AuditEntry.Action.UPDATE, target=person, changes=changes)
    return person
