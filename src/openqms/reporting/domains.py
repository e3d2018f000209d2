"""A measure's quality domain as the report names it: read here and nowhere else.

Quality domains are becoming the organisation's own (the strategy work); when they do, this is
the one function that changes, and the report groups by whatever it answers.
"""

from __future__ import annotations

from openqms.control.models import MeasureDefinition, QualityDomain

# The order the report's groups come in; a label not in it sorts after these, alphabetically.
DOMAIN_ORDER = [label for _, label in QualityDomain.choices]


def domain_label(definition: MeasureDefinition) -> str:
    return str(definition.get_quality_domain_display())


def domain_rank(label: str) -> tuple[int, str]:
    return (DOMAIN_ORDER.index(label) if label in DOMAIN_ORDER else len(DOMAIN_ORDER), label)
