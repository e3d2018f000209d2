"""Writes of accreditations and external inspections, their findings, each with its audit entry."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.assurance.models import (
    Accreditation,
    Finding,
    Framework,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.unchanged import UNCHANGED, Unchanged, set_given

A = AuditEntry.Action


ACCREDITATION_FIELDS = (
    "unit", "kind", "scheme", "framework", "status", "assessed_on", "awarded_on", "expires_on", "notes",
    "shared_with_service_users",
)  # fmt: skip


def _check_accreditation(accreditation: Accreditation) -> None:
    framework = accreditation.framework if accreditation.framework_id else None
    if framework is not None and framework.organisation_id != accreditation.unit.organisation_id:
        raise ValidationError({"framework": "Choose a framework of the unit's organisation"})
    awarded, expires = accreditation.awarded_on, accreditation.expires_on
    if awarded and expires and expires <= awarded:
        raise ValidationError({"expires_on": "The expiry date must be after the date it was awarded"})
    if accreditation.status in ("awarded", "conditions") and not awarded:
        raise ValidationError({"awarded_on": "Enter the date it was awarded"})


@transaction.atomic
def create_accreditation(
    *,
    actor: User | None,
    unit: Unit,
    kind: str,
    scheme: str,
    status: str,
    framework: Framework | None = None,
    assessed_on: dt.date | None = None,
    awarded_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    notes: str = "",
    shared_with_service_users: bool = False,
) -> Accreditation:
    accreditation = Accreditation(
        unit=unit,
        kind=kind,
        scheme=scheme,
        status=status,
        framework=framework,
        assessed_on=assessed_on,
        awarded_on=awarded_on,
        expires_on=expires_on,
        notes=notes,
        shared_with_service_users=shared_with_service_users,
    )
    _check_accreditation(accreditation)
    accreditation.full_clean()
    accreditation.save()
    record(
        actor=actor,
        action=A.CREATE,
        target=accreditation,
        changes=created(snapshot(accreditation, ACCREDITATION_FIELDS)),
        unit_id=unit.pk,
    )
    return accreditation


@transaction.atomic
def update_accreditation(
    *,
    actor: User | None,
    accreditation: Accreditation,
    kind: str | Unchanged = UNCHANGED,
    scheme: str | Unchanged = UNCHANGED,
    framework: Framework | Unchanged | None = UNCHANGED,
    status: str | Unchanged = UNCHANGED,
    assessed_on: dt.date | Unchanged | None = UNCHANGED,
    awarded_on: dt.date | Unchanged | None = UNCHANGED,
    expires_on: dt.date | Unchanged | None = UNCHANGED,
    notes: str | Unchanged = UNCHANGED,
    shared_with_service_users: bool | Unchanged = UNCHANGED,
) -> Accreditation:
    """Change the fields given; a field left UNCHANGED keeps its value. The unit never changes."""
    before = snapshot(accreditation, ACCREDITATION_FIELDS)
    set_given(
        accreditation,
        kind=kind,
        scheme=scheme,
        framework=framework,
        status=status,
        assessed_on=assessed_on,
        awarded_on=awarded_on,
        expires_on=expires_on,
        notes=notes,
        shared_with_service_users=shared_with_service_users,
    )
    _check_accreditation(accreditation)
    accreditation.full_clean()
    accreditation.save()
    changes = diff(before, snapshot(accreditation, ACCREDITATION_FIELDS))
    if changes:
        record(
            actor=actor, action=A.UPDATE, target=accreditation, changes=changes, unit_id=accreditation.unit_id
        )
    return accreditation


@transaction.atomic
def add_finding(*, actor: User | None, accreditation: Accreditation, severity: str, text: str) -> Finding:
    finding = Finding(accreditation=accreditation, severity=severity, text=text.strip())
    finding.full_clean()
    finding.save()
    record(
        actor=actor,
        action=A.CREATE,
        target=finding,
        changes=created({"accreditation": accreditation.pk, "severity": severity, "text": finding.text}),
        unit_id=accreditation.unit_id,
    )
    return finding
