"""Writes to the standards library: external frameworks loaded from a file, the organisation's own
standards, and service users' comments on drafts. Each runs in one transaction with its audit entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.assurance.framework_files import FrameworkFile
from openqms.assurance.models import (
    Framework,
    Requirement,
    Standard,
    StandardComment,
    StandardInvitation,
    StandardStatus,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control.models import MeasureDefinition
from openqms.organisations.models import Organisation, Unit
from openqms.people.models import User
from openqms.unchanged import UNCHANGED, Unchanged, set_given

A = AuditEntry.Action


STANDARD_FIELDS = (
    "code", "title", "domain", "statement", "evidence_expected", "owner_person", "status",
    "owner_unit", "shared_with_service_users",
)  # fmt: skip
# --- frameworks ----------------------------------------------------------------------------------


@transaction.atomic
def load_framework(
    *,
    actor: User | None,
    organisation: Organisation,
    parsed: FrameworkFile,
    progress: Callable[[int], None] | None = None,
) -> Framework:
    """A checked framework file as a new framework version; refuses a file with problems."""
    if parsed.problems or not parsed.requirements:
        raise ValidationError("The file has problems: nothing was loaded.")
    if Framework.objects.filter(organisation=organisation, code=parsed.code, version=parsed.version).exists():
        raise ValidationError(
            f"{parsed.code} version {parsed.version} is loaded already: give a new version a new name."
        )
    root = organisation.units.get(parent__isnull=True)
    framework = Framework.objects.create(
        organisation=organisation, owner_unit=root, code=parsed.code, name=parsed.name,
        version=parsed.version, publisher=parsed.publisher, published_on=parsed.published_on,
        loaded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    batch: list[Requirement] = []
    for position, row in enumerate(parsed.requirements, start=1):
        batch.append(
            Requirement(framework=framework, code=row.code, title=row.title, section=row.section,
                        text=row.text, position=position)
        )  # fmt: skip
        if len(batch) == 500:
            Requirement.objects.bulk_create(batch)
            if progress:
                progress(len(batch))
            batch = []
    Requirement.objects.bulk_create(batch)
    if progress:
        progress(len(batch))
    record(
        actor=actor,
        action=A.IMPORT,
        target=framework,
        changes={
            "framework": [None, f"{parsed.code} version {parsed.version}"],
            "requirements": [None, len(parsed.requirements)],
        },
        unit_id=root.pk,
    )
    return framework


# --- standards -----------------------------------------------------------------------------------


def _check_links(
    organisation_id: int,
    applies_to: Iterable[Unit],
    requirements: Iterable[Requirement],
    measures: Iterable[MeasureDefinition],
) -> None:
    if any(u.organisation_id != organisation_id for u in applies_to):
        raise ValidationError({"applies_to": "Choose units of the standard's own organisation"})
    if any(r.framework.organisation_id != organisation_id for r in requirements):
        raise ValidationError(
            {"requirements": "Choose requirements of frameworks loaded for this organisation"}
        )
    if any(m.organisation_id != organisation_id for m in measures):
        raise ValidationError({"measures": "Choose measures of this organisation"})


def _links(standard: Standard) -> dict[str, Any]:
    return {
        "applies_to": sorted(standard.applies_to.values_list("pk", flat=True)),
        "requirements": sorted(standard.requirements.values_list("pk", flat=True)),
        "measures": sorted(standard.measures.values_list("pk", flat=True)),
    }


@transaction.atomic
def create_standard(
    *,
    actor: User | None,
    owner_unit: Unit,
    code: str,
    title: str,
    domain: str,
    statement: str,
    evidence_expected: str = "",
    owner_person: User | None = None,
    status: str = StandardStatus.DRAFT,
    shared_with_service_users: bool = False,
    applies_to: Iterable[Unit] = (),
    requirements: Iterable[Requirement] = (),
    measures: Iterable[MeasureDefinition] = (),
) -> Standard:
    applies_to, requirements, measures = list(applies_to), list(requirements), list(measures)
    standard = Standard(
        organisation_id=owner_unit.organisation_id,
        owner_unit=owner_unit,
        code=code,
        title=title,
        domain=domain,
        statement=statement,
        evidence_expected=evidence_expected,
        owner_person=owner_person,
        status=status,
        shared_with_service_users=shared_with_service_users,
    )
    standard.code = standard.code.strip().upper()
    if Standard.objects.filter(organisation_id=owner_unit.organisation_id, code=standard.code).exists():
        raise ValidationError({"code": f"Another standard in this organisation has the code {standard.code}"})
    _check_links(owner_unit.organisation_id, applies_to, requirements, measures)
    standard.full_clean()
    standard.save()
    standard.applies_to.set(applies_to)
    standard.requirements.set(requirements)
    standard.measures.set(measures)
    record(
        actor=actor,
        action=A.CREATE,
        target=standard,
        changes=created({**snapshot(standard, STANDARD_FIELDS), **_links(standard)}),
        unit_id=owner_unit.pk,
    )
    return standard


@transaction.atomic
def update_standard(
    *,
    actor: User | None,
    standard: Standard,
    title: str | Unchanged = UNCHANGED,
    domain: str | Unchanged = UNCHANGED,
    statement: str | Unchanged = UNCHANGED,
    evidence_expected: str | Unchanged = UNCHANGED,
    owner_person: User | Unchanged | None = UNCHANGED,
    status: str | Unchanged = UNCHANGED,
    shared_with_service_users: bool | Unchanged = UNCHANGED,
    applies_to: Iterable[Unit] | Unchanged = UNCHANGED,
    requirements: Iterable[Requirement] | Unchanged = UNCHANGED,
    measures: Iterable[MeasureDefinition] | Unchanged = UNCHANGED,
) -> Standard:
    """Change the fields and links given; one left UNCHANGED keeps its value (an empty list of
    links clears them). The code and the owning unit never change."""
    before = {**snapshot(standard, STANDARD_FIELDS), **_links(standard)}
    set_given(
        standard,
        title=title,
        domain=domain,
        statement=statement,
        evidence_expected=evidence_expected,
        owner_person=owner_person,
        status=status,
        shared_with_service_users=shared_with_service_users,
    )
    _check_links(
        standard.organisation_id,
        [] if applies_to is UNCHANGED else list(applies_to),
        [] if requirements is UNCHANGED else list(requirements),
        [] if measures is UNCHANGED else list(measures),
    )
    standard.full_clean()
    standard.save()
    if applies_to is not UNCHANGED:
        standard.applies_to.set(list(applies_to))
    if requirements is not UNCHANGED:
        standard.requirements.set(list(requirements))
    if measures is not UNCHANGED:
        standard.measures.set(list(measures))
    changes = diff(before, {**snapshot(standard, STANDARD_FIELDS), **_links(standard)})
    if changes:
        record(actor=actor, action=A.UPDATE, target=standard, changes=changes, unit_id=standard.owner_unit_id)
    return standard


@transaction.atomic
def invite_to_comment(*, actor: User | None, standard: Standard, person: Any) -> StandardInvitation:
    if standard.status != StandardStatus.DRAFT:
        raise ValidationError({"person": "Only a draft standard can be opened for comment"})
    invitation, made = StandardInvitation.objects.get_or_create(
        standard=standard, person=person, defaults={"invited_by": actor}
    )
    if made:
        record(
            actor=actor,
            action=A.CREATE,
            target=invitation,
            changes=created({"standard": standard.pk, "person": person.pk}),
            unit_id=standard.owner_unit_id,
        )
    return invitation


@transaction.atomic
def add_comment(*, actor: User, standard: Standard, text: str) -> StandardComment:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your comment"})
    comment = StandardComment.objects.create(standard=standard, author=actor, text=text)
    record(
        actor=actor,
        action=A.CREATE,
        target=comment,
        changes=created({"standard": standard.pk, "text": text}),
        unit_id=standard.owner_unit_id,
    )
    return comment
