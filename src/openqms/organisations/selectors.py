"""Reads of an organisation's own settings that every app shares: its quality domains and its
"four questions". These are the organisation's words, readable by anyone working in it, so they
take an organisation rather than a person; the pages that show them are scoped already.

Other apps use these functions, never their own copy of a domain list:
`quality_domains` (the list), `domain_choices` (for a form or a filter), `domain_for` (a key
to the domain, as a service checks it) and `domain_label` (the words for one domain).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from openqms.organisations.models import Organisation, QualityDomain, Unit

COMPONENTS = ("plan", "control", "assure", "improve")
DEFAULT_QUESTIONS = {
    "plan": "What matters most to the people we serve, and what will we do about it this year?",
    "control": "How do we know, every day, that our care is as good as we mean it to be?",
    "assure": "Can we show that we meet the standards we have set ourselves and others set us?",
    "improve": "What are we testing to make care better, and is it working?",
}
# Each component's home page names its question by the page's own name.
PAGE_COMPONENTS = {"planning": "plan", "control": "control", "assurance": "assure", "improvement": "improve"}


def _organisation_id(organisation: Organisation | int) -> int:
    return organisation if isinstance(organisation, int) else organisation.pk


def board_id(organisation: Organisation | int) -> int | None:
    """The organisation's top unit, where its strategy and settings are audited."""
    org_id = _organisation_id(organisation)
    return (
        Unit.objects.filter(organisation_id=org_id, parent__isnull=True).values_list("pk", flat=True).first()
    )


def quality_domains(
    organisation: Organisation | int, *, include_retired: bool = False
) -> QuerySet[QualityDomain]:
    """The organisation's quality domains, in its order; retired ones only when asked."""
    found = QualityDomain.objects.filter(organisation_id=_organisation_id(organisation))
    return found if include_retired else found.filter(retired_at__isnull=True)


def domain_choices(organisation: Organisation | int, *, keep: str | None = None) -> list[tuple[str, str]]:
    """(key, label) pairs for a form or a filter: the active domains, and `keep` (the key an item
    already has) even when that domain has since been retired, so editing does not lose it."""
    found = QualityDomain.objects.filter(organisation_id=_organisation_id(organisation)).filter(
        Q(retired_at__isnull=True) | Q(key=keep or "")
    )
    return [(d.key, d.label) for d in found]


def domain_for(
    organisation: Organisation | int, key: QualityDomain | str, *, field: str = "quality_domain"
) -> QualityDomain:
    """The organisation's domain with this key (or this domain, checked to be the organisation's):
    what a service stores. A ValidationError naming `field` if the organisation has no such domain."""
    org_id = _organisation_id(organisation)
    if isinstance(key, QualityDomain):
        found: QualityDomain | None = key if key.organisation_id == org_id else None
    else:
        found = QualityDomain.objects.filter(organisation_id=org_id, key=key).first()
    if found is None:
        raise ValidationError({field: "Choose a quality domain from the organisation's list"})
    return found


def domain_label(domain: QualityDomain | None) -> str:
    """The words for a domain wherever it is shown: its label, and whether it is retired."""
    if domain is None:
        return "No domain"
    return f"{domain.label} (retired)" if domain.is_retired else domain.label


def four_questions(organisation: Organisation | None) -> dict[str, str]:
    """The organisation's words for plan, control, assure and improve; OpenQMS's where it has none."""
    if organisation is None:
        return dict(DEFAULT_QUESTIONS)
    return {c: getattr(organisation, f"{c}_question") or DEFAULT_QUESTIONS[c] for c in COMPONENTS}


def question_for(organisation: Organisation | None, component: str) -> str:
    return four_questions(organisation)[component]
