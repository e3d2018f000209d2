"""Writes of evidence: files and links attached to audits, standards and actions, each audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.assurance import evidence_files
from openqms.assurance.models import (
    AuditRun,
    Evidence,
    Standard,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, record, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User

A = AuditEntry.Action


EVIDENCE_FIELDS = (
    "title",
    "original_name",
    "content_type",
    "size",
    "sha256",
    "link",
    "run",
    "standard",
    "action",
)


def _evidence_unit(target: Any) -> Unit:
    if isinstance(target, Standard):
        return target.owner_unit
    unit = getattr(target, "unit", None)
    if not isinstance(unit, Unit):
        raise ValidationError("Evidence is attached to an audit, a standard or an action")
    return unit


def add_evidence(
    *, actor: User | None, target: Any, title: str, name: str = "", data: bytes | None = None, link: str = ""
) -> Evidence:
    """A file (checked by its content) or a link to a record elsewhere, attached to the target."""
    from openqms.actions.models import Action as ActionItem

    title = title.strip()
    if not title:
        raise ValidationError({"title": "Say what the evidence is"})
    if (data is None) == (not link):
        raise ValidationError({"file": "Choose a file, or give a link to the record, but not both"})
    evidence = Evidence(
        unit=_evidence_unit(target),
        title=title,
        link=link,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        run=target if isinstance(target, AuditRun) else None,
        standard=target if isinstance(target, Standard) else None,
        action=target if isinstance(target, ActionItem) else None,
    )
    if link:
        try:
            evidence.full_clean(exclude=["unit", "run", "standard", "action", "uploaded_by", "stored_name"])
        except ValidationError as exc:
            raise ValidationError(
                {"link": "Enter the full address of the record, starting https://"}
            ) from exc
        if not link.lower().startswith("https://"):
            raise ValidationError({"link": "Enter the full address of the record, starting https://"})
    checked = None
    if data is not None:
        try:
            checked = evidence_files.check(name, data)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages[0]}) from exc
        evidence.original_name, evidence.content_type = checked.name, checked.content_type
        evidence.size, evidence.sha256 = checked.size, checked.sha256
        evidence.stored_name = evidence_files.store(data)
    try:
        with transaction.atomic():
            evidence.save()
            record(
                actor=actor,
                action=A.CREATE,
                target=evidence,
                changes=created(snapshot(evidence, EVIDENCE_FIELDS)),
                unit_id=evidence.unit_id,
            )
    except BaseException:
        if evidence.stored_name:
            evidence_files.path_of(evidence.stored_name).unlink(missing_ok=True)
        raise
    return evidence
