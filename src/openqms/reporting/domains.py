"""A measure's quality domain as the report names it, and the order the report's groups come in:
the organisation's own list (ADR 24), read here and nowhere else in reporting."""

from __future__ import annotations

from openqms.control.models import MeasureDefinition
from openqms.organisations import selectors as organisations
from openqms.organisations.models import Organisation


def domain_label(definition: MeasureDefinition) -> str:
    return organisations.domain_label(definition.quality_domain)


def domain_order(organisation: Organisation) -> dict[str, int]:
    """Each of the organisation's domains' words, with its place in the organisation's list."""
    return {
        organisations.domain_label(d): i for i, d in enumerate(organisations.quality_domains(organisation))
    }


def domain_rank(label: str, order: dict[str, int]) -> tuple[int, str]:
    """A label not in the list (a retired domain) sorts after it, alphabetically."""
    return (order.get(label, len(order)), label)
