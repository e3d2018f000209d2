"""Reads for the improvement methods: what an organisation offers, where a DMAIC project is, and
an A3's sections. The project itself is always fetched through the policy first (views'
`project_for`), so these read inside a project the person may already see."""

from __future__ import annotations

from django.db.models import QuerySet

from openqms.improvement.models import (
    A3_SECTIONS,
    DMAIC_PHASES,
    A3Section,
    GateOutcome,
    GateReview,
    Method,
    OrganisationMethods,
    Project,
)
from openqms.organisations.models import Organisation

# An organisation that has not chosen keeps what every project was before methods existed (ADR 25).
DEFAULT_METHODS: list[str] = [Method.MODEL_FOR_IMPROVEMENT]


def choice_of(organisation: Organisation) -> OrganisationMethods | None:
    return OrganisationMethods.objects.filter(organisation=organisation).first()


def methods_offered(organisation: Organisation) -> list[str]:
    """The methods the organisation's staff may start a project with, in the order of `Method`."""
    choice = choice_of(organisation)
    return choice.offered if choice is not None else list(DEFAULT_METHODS)


def gate_reviews(project: Project) -> QuerySet[GateReview]:
    return GateReview.objects.filter(project=project).select_related("reviewer").order_by("created_at", "pk")


def passed_phases(project: Project) -> dict[str, GateReview]:
    return {r.phase: r for r in gate_reviews(project).filter(outcome=GateOutcome.PASSED)}


def phase_after(passed: int) -> str | None:
    """The open phase once `passed` gates have passed (they pass in order); None after control's."""
    return DMAIC_PHASES[passed] if passed < len(DMAIC_PHASES) else None


def current_phase(project: Project) -> str | None:
    """The DMAIC phase open now: the first whose gate has not passed; None once all five have."""
    return phase_after(len(passed_phases(project)))


def a3_sections(project: Project) -> dict[str, A3Section | None]:
    """The seven sections in their order; None for one nobody has written yet."""
    found = {s.section: s for s in A3Section.objects.filter(project=project).select_related("updated_by")}
    return {name: found.get(name) for name in A3_SECTIONS}
