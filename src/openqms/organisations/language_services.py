"""Writes to the organisation's quality language: its quality domains (from a preset or its own)
and its "four questions". Organisation settings, set by its administrators (ADR 24); each write
is audited against the organisation's top unit in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from openqms.audit.models import AuditEntry
from openqms.audit.services import Actor, created, diff, record, snapshot
from openqms.organisations.models import DomainKind, Organisation, QualityDomain
from openqms.organisations.presets import Preset
from openqms.organisations.selectors import COMPONENTS, board_id
from openqms.unchanged import UNCHANGED, Unchanged, set_given

DOMAIN_FIELDS = ("organisation", "key", "label", "description", "kind", "position", "retired_at")
QUESTION_FIELDS = tuple(f"{c}_question" for c in COMPONENTS)


def _check_domain(domain: QualityDomain) -> None:
    if not domain.label:
        raise ValidationError({"label": "Enter the domain's name, for example: Safe"})
    if not domain.key:
        raise ValidationError({"label": "Use letters or numbers in the domain's name"})
    others = QualityDomain.objects.filter(organisation_id=domain.organisation_id).exclude(pk=domain.pk)
    if others.filter(label__iexact=domain.label).exists():
        raise ValidationError({"label": f"The organisation already has a domain called “{domain.label}”"})
    if others.filter(key=domain.key).exists():
        raise ValidationError(
            {"key": f"The organisation already has a domain with the short name {domain.key}"}
        )
    if domain.kind not in DomainKind.values:
        raise ValidationError({"kind": "Choose whether it is a domain or an enabler"})
    domain.full_clean(validate_constraints=False)


def _next_position(organisation: Organisation) -> int:
    last = QualityDomain.objects.filter(organisation=organisation).order_by("-position").first()
    return (last.position + 1) if last else 1


def _save_new(actor: Actor | None, domain: QualityDomain) -> QualityDomain:
    _check_domain(domain)
    domain.save()
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=domain,
        changes=created(snapshot(domain, DOMAIN_FIELDS)),
        unit_id=board_id(domain.organisation_id),
    )
    return domain


@transaction.atomic
def add_domain(
    *,
    actor: Actor | None,
    organisation: Organisation,
    label: str,
    description: str = "",
    kind: str = DomainKind.DOMAIN,
    key: str = "",
) -> QualityDomain:
    """One domain of the organisation's own, after those it has."""
    label = label.strip()
    domain = QualityDomain(
        organisation=organisation,
        key=(key or slugify(label).replace("-", "_"))[:40],
        label=label,
        description=description.strip(),
        kind=kind,
        position=_next_position(organisation),
    )
    return _save_new(actor, domain)


@transaction.atomic
def apply_preset(*, actor: Actor | None, organisation: Organisation, preset: Preset) -> list[QualityDomain]:
    """Add the preset's domains the organisation lacks, and bring back retired ones it names.
    Nothing is removed: domains of its own stay beside the preset's (retire them to hide them)."""
    result = []
    for item in preset.domains:
        existing = QualityDomain.objects.filter(organisation=organisation, key=item.key).first()
        if existing is None:
            existing = _save_new(
                actor,
                QualityDomain(
                    organisation=organisation,
                    key=item.key,
                    label=item.label,
                    description=item.description,
                    kind=item.kind,
                    position=_next_position(organisation),
                ),
            )
        elif existing.is_retired:
            existing = retire_domain(actor=actor, domain=existing, retire=False)
        result.append(existing)
    return result


@transaction.atomic
def update_domain(
    *,
    actor: Actor | None,
    domain: QualityDomain,
    label: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    kind: str | Unchanged = UNCHANGED,
    position: int | Unchanged = UNCHANGED,
) -> QualityDomain:
    """Rename or reorder a domain. Its key stays: addresses and files that name it keep working."""
    before = snapshot(domain, DOMAIN_FIELDS)
    set_given(
        domain,
        label=label.strip() if isinstance(label, str) else label,
        description=description.strip() if isinstance(description, str) else description,
        kind=kind,
        position=position,
    )
    _check_domain(domain)
    domain.save()
    changes = diff(before, snapshot(domain, DOMAIN_FIELDS))
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=domain,
            changes=changes,
            unit_id=board_id(domain.organisation_id),
        )
    return domain


@transaction.atomic
def retire_domain(*, actor: Actor | None, domain: QualityDomain, retire: bool = True) -> QualityDomain:
    """Take a domain off the lists new work chooses from (or bring it back); what names it keeps it."""
    if retire == domain.is_retired:
        return domain
    if (
        retire
        and not QualityDomain.objects.filter(organisation_id=domain.organisation_id, retired_at__isnull=True)
        .exclude(pk=domain.pk)
        .exists()
    ):
        raise ValidationError({"domain": "Keep at least one quality domain in use"})
    before = snapshot(domain, DOMAIN_FIELDS)
    domain.retired_at = timezone.now() if retire else None
    domain.save(update_fields=["retired_at"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=domain,
        changes=diff(before, snapshot(domain, DOMAIN_FIELDS)),
        unit_id=board_id(domain.organisation_id),
    )
    return domain


@transaction.atomic
def set_four_questions(
    *, actor: Actor | None, organisation: Organisation, questions: dict[str, str]
) -> Organisation:
    """The organisation's words for plan, control, assure and improve; a blank one means OpenQMS's."""
    unknown = set(questions) - set(COMPONENTS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: "Not one of plan, control, assure and improve"})
    before = snapshot(organisation, QUESTION_FIELDS)
    for component, text in questions.items():
        setattr(organisation, f"{component}_question", text.strip())
    organisation.full_clean()
    organisation.save(update_fields=[f"{c}_question" for c in questions])
    changes = diff(before, snapshot(organisation, QUESTION_FIELDS))
    if changes:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=organisation,
            changes=changes,
            unit_id=board_id(organisation),
        )
    return organisation
