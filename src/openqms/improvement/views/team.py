"""A project's team, its measures and its tasks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access.policy import Permission
from openqms.improvement.forms.projects import (
    MemberForm,
    ProjectMeasureForm,
    TaskForm,
)
from openqms.improvement.models import MeasureRole, Stage
from openqms.improvement.selectors.projects import measures_for, people_near, people_reaching, staff_reaching
from openqms.improvement.services import tasks as services_actions
from openqms.improvement.services.projects import MEMBER_ROLES
from openqms.improvement.services.team import (
    add_member,
    add_project_measure,
    remove_member,
    remove_project_measure,
)
from openqms.improvement.views.common import project_for
from openqms.nhsuk.views import Saved, save_form
from openqms.people.requests import AuthenticatedHttpRequest

# --- team ----------------------------------------------------------------------------------------


def project_team(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    members = project.members.values("person_id")
    # Who may join (a role reaching the project's unit), and of them who is offered (ADR 31).
    directory = people_reaching(project.unit, MEMBER_ROLES).exclude(pk__in=members)
    people = people_near(request.user, project.unit.organisation, MEMBER_ROLES).filter(
        pk__in=directory.values("pk")
    )
    form = MemberForm(request.POST or None, people=people, directory=directory)

    def save(cleaned: dict[str, Any]) -> Saved:
        member = add_member(
            actor=request.user, project=project, person=cleaned["person"], role=cleaned["role"]
        )
        return Saved(
            f"{member.person} added to the team.", reverse("improvement:project-team", args=[project.pk])
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/team.jinja",
        {
            "page": "improvement",
            "project": project,
            "form": form,
            "members": project.members.select_related("person"),
        },
    )


@require_POST
def member_remove(request: AuthenticatedHttpRequest, pk: int, member_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    member = project.members.select_related("person").filter(pk=member_pk).first()
    if member is None:  # removed already (a second click): the outcome is the same
        return redirect("improvement:project-team", pk=project.pk)
    remove_member(actor=request.user, member=member)
    messages.success(request, f"{member.person} removed from the team.")
    return redirect("improvement:project-team", pk=project.pk)


# --- measures ------------------------------------------------------------------------------------


def measure_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    measures = measures_for(request.user, project.unit.organisation).exclude(
        pk__in=project.project_measures.values("measure_id")
    )
    form = ProjectMeasureForm(request.POST or None, measures=measures)

    def save(cleaned: dict[str, Any]) -> Saved:
        pm = add_project_measure(
            actor=request.user, project=project, measure=cleaned["measure"], role=cleaned["role"]
        )
        return Saved(
            f"{pm.measure.definition.name} added as a {pm.get_role_display().lower()} measure.",
            reverse("improvement:project", args=[project.pk]) + "#measures",
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/measure_add.jinja",
        {"page": "improvement", "project": project, "form": form, "roles": MeasureRole.choices},
    )


@require_POST
def measure_remove(request: AuthenticatedHttpRequest, pk: int, pm_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    pm = (
        project.project_measures.select_related("measure__definition", "measure__unit")
        .filter(pk=pm_pk)
        .first()
    )
    if pm is None:  # removed already (a second click): the outcome is the same
        return redirect(reverse("improvement:project", args=[project.pk]) + "#measures")
    try:
        remove_project_measure(actor=request.user, project_measure=pm)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{pm.measure.definition.name} removed from the project.")
    return redirect(reverse("improvement:project", args=[project.pk]) + "#measures")


# --- tasks ---------------------------------------------------------------------------------------


def task_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    if project.stage == Stage.CLOSED:
        raise Http404("Not found")
    people = staff_reaching(project.unit)
    data = request.POST if request.method == "POST" else None
    form = TaskForm(data, people=people, initial={"priority": "medium"})

    def save(cleaned: dict[str, Any]) -> Saved:
        cleaned.pop("version", None)  # a new task has no version yet
        task = services_actions.add_task(actor=request.user, project=project, **cleaned)
        return Saved(
            f"Task “{task.action.title}” added.", reverse("improvement:project", args=[project.pk]) + "#tasks"
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/task_form.jinja",
        {"page": "improvement", "project": project, "form": form},
        status=400 if form.errors else 200,
    )
