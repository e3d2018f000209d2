"""The pages of the methods beyond the Model for Improvement: a DMAIC project's phases with their
gate reviews, and an A3 project's sheet whose sections are edited in place. Forms post to their
own URLs and redirect back (POST-redirect-GET); a refused post draws the page again with the
form's errors, so nothing depends on JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access.policy import Permission
from openqms.improvement.forms.methods import A3SectionForm, GateForm
from openqms.improvement.models import A3SectionName, DmaicPhase, GateOutcome, Method, Project
from openqms.improvement.presenters.a3 import a3_page
from openqms.improvement.presenters.dmaic import dmaic_page
from openqms.improvement.services.a3 import save_section
from openqms.improvement.services.dmaic import review_gate
from openqms.improvement.views.common import project_for
from openqms.people.requests import AuthenticatedHttpRequest


def _of_method(request: AuthenticatedHttpRequest, pk: int, method: str, action: Permission) -> Project:
    project = project_for(request, pk, action)
    if project.method != method:  # another method's project has no such page
        raise Http404("Not found")
    return project


# --- DMAIC ---------------------------------------------------------------------------------------


def _dmaic(request: AuthenticatedHttpRequest, project: Project, form: GateForm | None = None) -> HttpResponse:
    page = dmaic_page(request.user, project)
    form = form or GateForm(initial={"phase": page.open_phase})
    return render(
        request,
        "improvement/dmaic.jinja",
        {"page": "improvement", "project": project, "unit": project.unit, "dmaic": page, "form": form},
    )


def dmaic(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _dmaic(request, _of_method(request, pk, Method.DMAIC, Permission.VIEW))


@require_POST
def dmaic_gate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _of_method(request, pk, Method.DMAIC, Permission.CONTRIBUTE)
    form = GateForm(request.POST)
    if form.is_valid():
        phase, outcome = form.cleaned_data["phase"], form.cleaned_data["outcome"]
        try:
            review = review_gate(
                actor=request.user, project=project, phase=phase, outcome=outcome,
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            name = DmaicPhase(phase).label
            if review.outcome == GateOutcome.PASSED:
                messages.success(request, f"The {name.lower()} gate is passed.")
            else:
                messages.success(request, f"The {name.lower()} gate is not passed yet: the phase stays open.")
            return redirect(reverse("improvement:dmaic", args=[project.pk]) + "#gate")
    return _dmaic(request, project, form)


# --- A3 ------------------------------------------------------------------------------------------


def _a3(
    request: AuthenticatedHttpRequest, project: Project, editing: str, form: A3SectionForm | None = None
) -> HttpResponse:
    page = a3_page(request.user, project, editing=editing)
    if form is None and page.editing:
        section = next(s for s in [*page.left, *page.right] if s.key == page.editing)
        form = A3SectionForm(initial={"text": section.text, "version": section.version})
    return render(
        request,
        "improvement/a3.jinja",
        {"page": "improvement", "project": project, "unit": project.unit, "a3": page, "form": form},
    )


def a3(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = _of_method(request, pk, Method.A3, Permission.VIEW)
    return _a3(request, project, request.GET.get("edit", ""))


@require_POST
def a3_section(request: AuthenticatedHttpRequest, pk: int, section: str) -> HttpResponse:
    project = _of_method(request, pk, Method.A3, Permission.CONTRIBUTE)
    if section not in A3SectionName.values:
        raise Http404("Not found")
    form = A3SectionForm(request.POST)
    if form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            save_section(
                actor=request.user, project=project, section=section, text=data["text"],
                seen_version=data["version"],
            )  # fmt: skip
        except ValidationError as exc:
            # The writer now starts from the section as it is, so that a second save goes through.
            posted = request.POST.copy()
            now = project.a3_sections.filter(section=section).values_list("version", flat=True).first()
            posted["version"] = str(now or 0)
            form = A3SectionForm(posted)
            form.is_valid()
            form.add_service_errors(exc)
        else:
            messages.success(request, f"{A3SectionName(section).label} saved.")
            return redirect(reverse("improvement:a3", args=[project.pk]) + f"#{section}")
    return _a3(request, project, section, form)
