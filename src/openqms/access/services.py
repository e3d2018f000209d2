"""Granting and ending roles. Each writes its audit entry in the same transaction.

The actor is usually a person; the single sign-on role mapping (openqms.sso, ADR 32) acts under its
own name, so the trail and the security log say the mapping gave the role, not "the system".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access.models import Role, RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.audit.services import Actor, created, diff, record, snapshot
from openqms.organisations.models import Unit
from openqms.people import security

ASSIGNMENT_FIELDS = ("person", "unit", "role", "starts_on", "ends_on")


@transaction.atomic
def grant_role(
    *,
    actor: Actor | None,
    person: Any,
    unit: Unit,
    role: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> RoleAssignment:
    if role not in Role.values:
        raise ValidationError({"role": f"'{role}' is not a role. Choose one of: {', '.join(Role.values)}."})
    if actor is not None and actor.pk == getattr(person, "pk", None):
        # Separation of duties: an administrator has no clinical powers (ADR 4), and would have them
        # if they could give themselves any role.
        raise ValidationError({"person": "You cannot give a role to yourself: ask another administrator"})
    if unit.is_archived:
        raise ValidationError({"unit": "Roles cannot be given on an archived unit."})
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})
    overlapping = RoleAssignment.objects.filter(person=person, unit=unit, role=role).filter(
        **({"starts_on__lte": ends_on} if ends_on else {})
    )
    overlapping = overlapping.exclude(ends_on__lt=starts_on)
    if overlapping.exists():
        raise ValidationError(
            {"role": f"{person} already holds this role on {unit} for some of those dates."}
        )
    assignment = RoleAssignment(person=person, unit=unit, role=role, starts_on=starts_on, ends_on=ends_on)
    assignment.full_clean()
    assignment.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=assignment,
        changes=created(snapshot(assignment, ASSIGNMENT_FIELDS)),
        unit_id=unit.pk,
    )
    security.record(
        security.Kind.ROLE_GRANTED,
        person=person,
        detail=f"{Role(role).label} on {unit.name}, given by {actor or 'the system'}",
    )
    return assignment


@transaction.atomic
def end_role(
    *, actor: Actor | None, assignment: RoleAssignment, ends_on: dt.date | None = None
) -> RoleAssignment:
    """End a role (roles are never deleted, so the trail of who could do what stays whole)."""
    ends_on = ends_on or timezone.localdate()
    if ends_on < assignment.starts_on:
        raise ValidationError({"ends_on": "The end date must be on or after the start date."})
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=assignment,
        changes=diff(before, snapshot(assignment, ASSIGNMENT_FIELDS)),
        unit_id=assignment.unit_id,
    )
    security.record(
        security.Kind.ROLE_ENDED,
        person=assignment.person,
        detail=f"{assignment} ends on {ends_on.isoformat()}, ended by {actor or 'the system'}",
    )
    return assignment
