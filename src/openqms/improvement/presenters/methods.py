"""The line a project's page and the portfolio show for its method: which method, and for DMAIC
the phase open now, with the link to the method's own page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from openqms.improvement.models import DmaicPhase, Method, Project
from openqms.improvement.presenters.projects import Link
from openqms.improvement.selectors.methods import current_phase, phase_after


@dataclass(frozen=True)
class MethodLine:
    method: str  # "DMAIC"
    phase: str  # "Analyse phase", "All five gates passed", or "" when the method has no phases
    link: Link | None  # the method's own page; None for the Model for Improvement (the project page is it)


def phase_words(phase: str | None) -> str:
    return f"{DmaicPhase(phase).label} phase" if phase else "All five gates passed"


def method_line(project: Project, *, passed: int | None = None) -> MethodLine:
    """`passed` is the number of gates passed when the caller has counted them (the portfolio)."""
    method = Method(project.method)
    if method == Method.DMAIC:
        phase = phase_after(passed) if passed is not None else current_phase(project)
        href = reverse("improvement:dmaic", args=[project.pk])
        return MethodLine(method.label, phase_words(phase), Link("The DMAIC phases and their gates", href))
    if method == Method.A3:
        return MethodLine(method.label, "", Link("The A3", reverse("improvement:a3", args=[project.pk])))
    return MethodLine(method.label, "", None)
