"""The driver diagram editor and its change ideas.

Every edit is a small form posting to its own URL and redirecting back to the editor; with HTMX the
editor is swapped in place. A refusal from the services is shown on the editor.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from markupsafe import Markup

from openqms.access import policy
from openqms.improvement import diagram
from openqms.improvement.forms.diagram import FlagForm, MoveForm, NodeForm, RenameForm, StatusForm
from openqms.improvement.models import DriverNode, NodeKind, Project
from openqms.improvement.selectors.diagram import chains, flat, tree
from openqms.improvement.selectors.projects import standards_for_change
from openqms.improvement.services import tasks as services_actions
from openqms.improvement.services.diagram import (
    ALLOWED_PARENTS,
    add_node,
    delete_node,
    last_edit,
    move_node,
    rename_node,
    set_idea_status,
    shift_node,
    undo,
)
from openqms.improvement.views.common import project_for
from openqms.nhsuk import downloads
from openqms.nhsuk.views import Saved, save_form
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission


def _node(project: Project, node_pk: int) -> DriverNode:
    node = DriverNode.objects.filter(project=project, pk=node_pk, deleted_at__isnull=True).first()
    if node is None:
        raise Http404("Not found")
    node.project = project
    return node


def _places(project: Project, node: DriverNode) -> list[tuple[str, str]]:
    """Where a node may be moved: the aim for primary drivers, otherwise the drivers that may hold it."""
    allowed = ALLOWED_PARENTS[node.kind]
    places: list[tuple[str, str]] = [("aim", "The aim")] if None in allowed else []
    for other in flat(tree(project)):
        if other.kind in allowed:
            places.append((str(other.pk), f"{other.get_kind_display()}: {other.text}"))
    return places


def _editor(
    request: AuthenticatedHttpRequest,
    project: Project,
    *,
    errors: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    roots = tree(project)
    nodes = flat(roots)
    return render(
        request,
        "improvement/diagram.jinja",
        {
            "page": "improvement",
            "project": project,
            "roots": roots,
            "nodes": nodes,
            "places": {n.pk: _places(project, n) for n in nodes},
            "diagram": Markup(diagram.render(project.aim, roots, title=f"Driver diagram of {project.title}")),  # noqa: S704
            "may_contribute": policy.can(request.user, Permission.CONTRIBUTE, project),
            "last_edit": last_edit(project),
            "errors": errors or {},
        },
        status=status,
    )


def diagram_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _editor(request, project_for(request, pk))


def _back(project: Project, anchor: str = "") -> HttpResponse:
    return redirect(reverse("improvement:diagram", args=[project.pk]) + anchor)


def _refused(
    request: AuthenticatedHttpRequest, project: Project, key: str, exc: ValidationError
) -> HttpResponse:
    return _editor(request, project, errors={key: exc.messages[0]})


@require_POST
def node_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    form = NodeForm(request.POST)
    parent_key = request.POST.get("parent") or "aim"
    key = f"add-{parent_key}"
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _editor(request, project, errors={key: first})
    parent_pk = form.cleaned_data.get("parent")
    parent = _node(project, parent_pk) if parent_pk else None
    try:
        node = add_node(
            actor=request.user,
            project=project,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            parent=parent,
        )
    except ValidationError as exc:
        return _refused(request, project, key, exc)
    messages.success(request, f"{node.get_kind_display()} “{node.text}” added.")
    return _back(project, f"#node-{node.pk}")


@require_POST
def node_rename(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    node = _node(project, node_pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        return _editor(request, project, errors={f"rename-{node.pk}": next(iter(form.errors.values()))[0]})
    try:
        rename_node(actor=request.user, node=node, text=form.cleaned_data["text"])
    except ValidationError as exc:
        return _refused(request, project, f"rename-{node.pk}", exc)
    messages.success(request, f"Renamed to “{node.text}”.")
    return _back(project, f"#node-{node.pk}")


@require_POST
def node_move(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    node = _node(project, node_pk)
    form = MoveForm(request.POST, places=_places(project, node))
    if not form.is_valid():
        return _editor(request, project, errors={f"move-{node.pk}": next(iter(form.errors.values()))[0]})
    place = form.cleaned_data["parent"]
    parent = None if place == "aim" else _node(project, int(place))
    position = form.cleaned_data.get("position")
    try:
        move_node(actor=request.user, node=node, parent=parent, position=position - 1 if position else None)
    except ValidationError as exc:
        return _refused(request, project, f"move-{node.pk}", exc)
    messages.success(request, f"“{node.text}” moved.")
    return _back(project, f"#node-{node.pk}")


@require_POST
def node_shift(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    node = _node(project, node_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return _editor(request, project, errors={f"move-{node.pk}": "Choose up or down"})
    try:
        shift_node(actor=request.user, node=node, by=-1 if direction == "up" else 1)
    except ValidationError as exc:
        return _refused(request, project, f"move-{node.pk}", exc)
    messages.success(request, f"“{node.text}” moved {direction}.")
    return _back(project, f"#node-{node.pk}")


@require_POST
def node_delete(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    node = DriverNode.objects.filter(project=project, pk=node_pk).first()
    if node is None:
        raise Http404("Not found")
    if node.deleted_at is not None:  # a second click, or a resubmitted form: the outcome is the same
        messages.success(request, f"“{node.text}” is deleted.")
        return _back(project)
    count = delete_node(actor=request.user, node=node)
    extra = f" and {count - 1} item{'s' if count > 2 else ''} under it" if count > 1 else ""
    messages.success(request, f"Deleted “{node.text}”{extra}. Undo brings it back.")
    return _back(project)


@require_POST
def diagram_undo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    try:
        edit = undo(actor=request.user, project=project)
    except ValidationError as exc:
        return _refused(request, project, "undo", exc)
    messages.success(request, f"Undone: {edit.description}.")
    return _back(project)


def _svg(project: Project) -> str:
    svg = diagram.render(project.aim, tree(project), title=f"Driver diagram of {project.title}")
    return svg


def diagram_svg(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    return downloads.svg_attachment(_svg(project), f"{slugify(project.title)}-driver-diagram.svg")


def diagram_png(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk)
    return downloads.png_attachment(_svg(project), f"{slugify(project.title)}-driver-diagram.png")


# --- change ideas --------------------------------------------------------------------------------


def idea_for(project: Project, node_pk: int) -> DriverNode:
    node = _node(project, node_pk)
    if node.kind != NodeKind.CHANGE:
        raise Http404("Not found")
    return node


def _idea_page(
    request: AuthenticatedHttpRequest, project: Project, idea: DriverNode, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "improvement/idea.jinja",
        {
            "page": "improvement",
            "project": project,
            "idea": idea,
            "chains": chains(idea),
            "may_contribute": policy.can(request.user, Permission.CONTRIBUTE, project),
            "status_form": forms.get("status_form") or StatusForm(initial={"status": idea.status}),
            "flag_form": forms.get("flag_form")
            or FlagForm(
                initial={"note": idea.standard_note, "standard": idea.standard_id},
                standards=standards_for_change(request.user, project),
            ),
            "standard_action": idea.standard_action,
            "may_see_standard_action": idea.standard_action is not None
            and policy.can(request.user, Permission.VIEW, idea.standard_action),
        },
    )


def idea_page(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk)
    return _idea_page(request, project, idea_for(project, node_pk))


@require_POST
def idea_status(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    idea = idea_for(project, node_pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        set_idea_status(actor=request.user, idea=idea, status=form.cleaned_data["status"])
        messages.success(request, f"Status of “{idea.text}” is now {idea.get_status_display().lower()}.")
        return redirect("improvement:idea", pk=project.pk, node_pk=idea.pk)
    return _idea_page(request, project, idea, status_form=form)


@require_POST
def idea_flag(request: AuthenticatedHttpRequest, pk: int, node_pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    idea = idea_for(project, node_pk)
    form = FlagForm(request.POST, standards=standards_for_change(request.user, project))

    def save(cleaned: dict[str, Any]) -> Saved:
        services_actions.flag_for_standard(
            actor=request.user,
            idea=idea,
            note=cleaned["note"],
            standard=cleaned["standard"],
        )
        return Saved(
            f"“{idea.text}” flagged for the standards owner.",
            reverse("improvement:idea", kwargs={"pk": project.pk, "node_pk": idea.pk}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return _idea_page(request, project, idea, flag_form=form)
