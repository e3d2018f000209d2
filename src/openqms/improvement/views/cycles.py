"""PDSA cycles of a change idea: plan, do, study, act; recalculating from a cycle; feedback on it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.control.presenters.measures import chart_markup, chart_title
from openqms.control.selectors import measures as control_selectors
from openqms.improvement.forms.diagram import CycleForm
from openqms.improvement.models import DriverNode, PdsaCycle, Project
from openqms.improvement.selectors.diagram import chains
from openqms.improvement.services.cycles import (
    CYCLE_FIELDS,
    add_feedback,
    create_cycle,
    recalculate_from_cycle,
    update_cycle,
)
from openqms.improvement.views.common import project_for
from openqms.improvement.views.diagram import idea_for
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.views import Saved, save_form
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission


# --- PDSA cycles ---------------------------------------------------------------------------------


def _cycle(project: Project, cycle_pk: int) -> PdsaCycle:
    cycle = (
        PdsaCycle.objects.filter(
            pk=cycle_pk, change_idea__project=project, change_idea__deleted_at__isnull=True
        )
        .select_related("change_idea", "previous")
        .first()
    )
    if cycle is None:
        raise Http404("Not found")
    return cycle


def _previous_choices(idea: DriverNode, cycle: PdsaCycle | None = None) -> Any:
    found = idea.cycles.exclude(decision="").filter(next_cycle__isnull=True)
    if cycle is not None:
        found = (found | idea.cycles.filter(pk=cycle.previous_id or 0)).exclude(pk=cycle.pk)
    return found.order_by("starts_on", "pk")


def cycle_new(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    idea = idea_for(project, node_pk)
    previous = _previous_choices(idea)
    initial: dict[str, Any] = {"title": f"Cycle {idea.cycles.count() + 1}"}
    after = request.GET.get("after", "")
    after_pk = parse_id(after)
    if after_pk is not None and previous.filter(pk=after_pk).exists():
        initial["previous"] = after_pk
    form = CycleForm(request.POST or None, previous=previous, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        cycle = create_cycle(actor=request.user, idea=idea, **cleaned)
        return Saved(
            f"PDSA cycle “{cycle.title}” planned.",
            reverse("improvement:cycle", kwargs={"pk": project.pk, "cycle_pk": cycle.pk}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/cycle_form.jinja",
        {"page": "improvement", "project": project, "idea": idea, "form": form, "cycle": None},
    )


def cycle_edit(request: AuthenticatedHttpRequest, pk: int, cycle_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    cycle = _cycle(project, cycle_pk)
    idea = cycle.change_idea
    initial = {name: getattr(cycle, name) for name in CYCLE_FIELDS}
    initial["previous"] = cycle.previous_id
    form = CycleForm(request.POST or None, previous=_previous_choices(idea, cycle), initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        update_cycle(actor=request.user, cycle=cycle, **cleaned)
        return Saved(
            f"PDSA cycle “{cycle.title}” saved.",
            reverse("improvement:cycle", kwargs={"pk": project.pk, "cycle_pk": cycle.pk}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/cycle_form.jinja",
        {"page": "improvement", "project": project, "idea": idea, "form": form, "cycle": cycle},
    )


def cycle_page(request: AuthenticatedHttpRequest, pk: int, cycle_pk: int) -> HttpResponse:
    project = project_for(request, pk)
    return _cycle_page(request, project, _cycle(project, cycle_pk))


def _cycle_page(
    request: AuthenticatedHttpRequest,
    project: Project,
    cycle: PdsaCycle,
    *,
    feedback_error: str = "",
    feedback_text: str = "",
) -> HttpResponse:
    chart = None
    measure = project.aim_measure
    if policy.can(request.user, Permission.VIEW, measure):
        result = control_selectors.stored_result(control_selectors.snapshot_of(measure))
        if result is not None:
            marks = [
                (cycle.starts_on, f"Start: {cycle.title}"[:60]),
                (cycle.ends_on, f"End: {cycle.title}"[:60]),
            ]
            chart = chart_markup(result, title=chart_title(measure), annotations=marks)
    chain = next((c for c in chains(cycle.change_idea) if cycle in c), [cycle])
    return render(
        request,
        "improvement/cycle.jinja",
        {
            "page": "improvement",
            "project": project,
            "idea": cycle.change_idea,
            "cycle": cycle,
            "chain": chain,
            "chart": chart,
            "measure": measure,
            "may_contribute": policy.can(request.user, Permission.CONTRIBUTE, project),
            # Only the measures the person may see are named (ADR 31).
            "project_measures": policy.visible(
                request.user,
                Permission.VIEW,
                project.project_measures.select_related("measure__definition", "measure__unit"),
                unit_field="measure__unit",
            ),
            "feedback": cycle.feedback.select_related("person"),
            "may_feedback": policy.can(request.user, Permission.FEEDBACK, project),
            "feedback_error": feedback_error,
            "feedback_text": feedback_text,
        },
    )


@require_POST
def cycle_recalculate(request: AuthenticatedHttpRequest, pk: int, cycle_pk: int) -> HttpResponse:
    """Recalculate a project measure's limits from the start of a cycle whose change made a difference."""
    project = project_for(request, pk, Permission.CONTRIBUTE)
    cycle = _cycle(project, cycle_pk)
    raw = request.POST.get("measure", "")
    pm = (
        project.project_measures.select_related("measure__definition", "measure__unit")
        .filter(pk=parse_id(raw) or 0)
        .first()
    )
    if pm is None:
        messages.error(request, "Choose one of the project's measures")
    elif not policy.can(request.user, Permission.CONTRIBUTE, pm.measure):
        messages.error(
            request, f"Only the people of {pm.measure.unit.name} may change the limits of its measure"
        )
    else:
        try:
            recalculate_from_cycle(actor=request.user, cycle=cycle, project_measure=pm)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                f"The limits of {pm.measure.definition.name} are recalculated "
                f"from {cycle.starts_on:%d %B %Y}.",
            )
    return redirect("improvement:cycle", pk=project.pk, cycle_pk=cycle.pk)


@require_POST
def cycle_feedback(request: AuthenticatedHttpRequest, pk: int, cycle_pk: int) -> HttpResponse:
    """Feedback on a cycle: staff, and service users on the project's team (docs/adr/0013)."""
    project = project_for(request, pk, Permission.FEEDBACK)
    cycle = _cycle(project, cycle_pk)
    try:
        add_feedback(actor=request.user, cycle=cycle, text=request.POST.get("text", ""))
    except ValidationError as exc:
        return _cycle_page(
            request,
            project,
            cycle,
            feedback_error=exc.messages[0],
            feedback_text=request.POST.get("text", ""),
        )
    messages.success(request, "Thank you: your feedback is on the cycle.")
    return redirect(reverse("improvement:cycle", args=[project.pk, cycle.pk]) + "#feedback")
