"""Writes for the needs register: raising a need (staff, or service users through their short
form), its evidence, its score and status, and the links to what answers it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role
from openqms.actions.models import Action
from openqms.actions.services.tracker import raise_action
from openqms.assurance import evidence_files
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.planning import links
from openqms.planning.models import Need, NeedEvidence, NeedStatus

A = AuditEntry.Action
FIELDS = (
    "unit", "title", "who_affected", "description", "impact", "reach", "status", "decline_reason",
    "raised_by", "raised_by_service_user",
)  # fmt: skip
LINKS = ("priorities", "services", "standards", "projects")


def _audit(actor: User | None, action: str, need: Need, changes: dict[str, list[Any]]) -> None:
    record(actor=actor, action=action, target=need, changes=changes, unit_id=need.unit_id)


@transaction.atomic
def raise_need(
    *, actor: User | None, unit: Unit, title: str, who_affected: str, description: str = ""
) -> Need:
    by_service_user = actor is not None and Role.SERVICE_USER in policy.roles_on(actor, unit)
    by_service_user = by_service_user and not policy.roles_on(actor, unit) & policy.STAFF
    need = Need(
        unit=unit, title=title.strip(), who_affected=who_affected.strip(), description=description.strip(),
        raised_by=actor, raised_by_service_user=by_service_user,
    )  # fmt: skip
    need.full_clean()
    need.save()
    _audit(actor, A.CREATE, need, created(snapshot(need, FIELDS)))
    return need


@transaction.atomic
def triage_need(
    *,
    actor: User,
    need: Need,
    impact: int | None,
    reach: int | None,
    status: str,
    decline_reason: str = "",
) -> Need:
    """Score and status together: a leader's decision on the need. Declining needs a reason, which
    the person who raised it reads."""
    decline_reason = decline_reason.strip()
    if status == NeedStatus.DECLINED and not decline_reason:
        raise ValidationError(
            {"decline_reason": "Say why the need is declined: the person who raised it reads it"}
        )
    for name, value in (("impact", impact), ("reach", reach)):
        if value is not None and not 1 <= value <= 5:
            raise ValidationError({name: f"The {name} must be from 1 to 5"})
    before = snapshot(need, FIELDS)
    if status != need.status:
        need.status_changed_at = timezone.now()
    need.impact, need.reach, need.status = impact, reach, status
    need.decline_reason = decline_reason if status == NeedStatus.DECLINED else ""
    need.full_clean()
    need.save()
    changes = diff(before, snapshot(need, FIELDS))
    if changes:
        _audit(actor, A.UPDATE, need, changes)
    return need


def _ids(items: Iterable[Any]) -> list[int]:
    return sorted(int(i.pk) for i in items)


@transaction.atomic
def link_need(
    *,
    actor: User,
    need: Need,
    priorities: Iterable[Any],
    services: Iterable[Unit],
    standards: Iterable[Any],
    projects: Iterable[Any],
) -> Need:
    """What answers the need, in full (what is not given is unlinked). Everything must belong to
    the need's organisation."""
    given = {"priorities": list(priorities), "services": list(services), "standards": list(standards)}
    given["projects"] = list(projects)
    org = need.unit.organisation_id
    errors = {}
    for name, items in given.items():
        orgs = {getattr(i, "organisation_id", None) or i.unit.organisation_id for i in items}
        if orgs - {org}:
            errors[name] = f"Choose {name} of {need.unit.organisation.name} only"
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list[Any]] = {}
    for name, items in given.items():
        manager = getattr(need, name)
        before = _ids(manager.all())
        after = _ids(items)
        if before != after:
            manager.set(items)
            changes[name] = [before, after]
    if changes:
        _audit(actor, A.UPDATE, need, changes)
    return need


@transaction.atomic
def add_evidence(
    *,
    actor: User,
    need: Need,
    source: str,
    on: dt.date,
    summary: str,
    link: str = "",
    file_name: str = "",
    data: bytes | None = None,
) -> NeedEvidence:
    """A file (checked and stored as assurance stores evidence) or a link, never both, never neither."""
    if on > timezone.localdate():
        raise ValidationError({"on": "The evidence's date must be today or in the past"})
    if bool(link) == (data is not None):
        raise ValidationError({"file": "Attach a file or give a link (one of them)"})
    evidence = NeedEvidence(
        need=need, source=source, on=on, summary=summary.strip(), link=link, added_by=actor
    )
    if data is not None:
        try:
            checked = evidence_files.check(file_name, data)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from exc
        evidence.original_name, evidence.content_type = checked.name, checked.content_type
        evidence.size, evidence.sha256 = checked.size, checked.sha256
        evidence.stored_name = evidence_files.store(data)
    evidence.full_clean()
    evidence.save()
    fields = ("source", "on", "summary", "link", "original_name", "size", "sha256")
    record(
        actor=actor,
        action=A.CREATE,
        target=evidence,
        changes=created({"need": need.pk, **snapshot(evidence, fields)}),
        unit_id=need.unit_id,
    )
    return evidence


def need_to_action(
    *, actor: User, need: Need, title: str, due_on: dt.date, owner: User | None = None
) -> Action:
    if owner is not None and not policy.roles_on(owner, need.unit) & policy.STAFF:
        raise ValidationError({"owner": f"{owner} has no staff role in {need.unit.name}"})
    return raise_action(
        actor=actor,
        unit=need.unit,
        title=title,
        due_on=due_on,
        owner=owner,
        source_label=links.need_title(need),
        source=links.need_source(need),
    )
