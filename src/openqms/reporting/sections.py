"""Extra sections of the report, each drawn by a builder: QMS balance and the maturity
self-assessment (openqms.evaluation) and "you said, we did" (planning's needs), registered by
`component_sections` when the app starts; the report draws each in its named place. An
installation's own app above reporting may add more the same way.

A section's builder answers, for a person, a unit and a period, the HTML of the section's body
(escaped by the builder: format_html or a template) or "" to leave it out. It runs when the report
is drawn; publishing freezes its HTML with the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openqms.organisations.models import Unit

# The named places, in the order the report shows them; a key not listed here comes last.
PLACES = ("qms-balance", "maturity", "you-said-we-did")


@dataclass(frozen=True)
class SectionPeriod:
    """The period as a section sees it (kept apart from openqms.reporting.periods so that a lower
    app's builder has a plain signature)."""

    start: dt.date
    end: dt.date
    quarterly: bool
    label: str


Builder = Callable[[Any, Unit, SectionPeriod], str]


@dataclass(frozen=True)
class ExtraSection:
    key: str
    title: str
    build: Builder


_SECTIONS: dict[str, ExtraSection] = {}


def register(key: str, title: str, build: Builder) -> None:
    """Add a section (once per key: a second registration replaces the first, as a reload would)."""
    _SECTIONS[key] = ExtraSection(key, title, build)


def registered() -> list[ExtraSection]:
    order = {key: i for i, key in enumerate(PLACES)}
    return sorted(_SECTIONS.values(), key=lambda s: (order.get(s.key, len(PLACES)), s.key))


def forget(key: str) -> None:
    """For tests that register a section of their own."""
    _SECTIONS.pop(key, None)
