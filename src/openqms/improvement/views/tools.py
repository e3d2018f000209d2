"""QI tools of a project: fishbone diagrams, Pareto charts and process maps, typed as text, drawn as SVG.

A process map is also drawn in the page: static/improvement/process_map.js posts the whole map as
JSON to `process_map_save`, which answers in JSON (the errors, or the map's new version). Without
JavaScript the map is typed in the same page's form.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from markupsafe import Markup

from openqms.access import policy
from openqms.improvement import process_map, process_map_svg, tools
from openqms.improvement.forms.projects import TOOL_HINTS, ToolForm
from openqms.improvement.models import Project, QiTool, ToolKind
from openqms.improvement.services import process_maps as services_process_map
from openqms.improvement.services.tools import save_tool
from openqms.improvement.views.common import project_for
from openqms.nhsuk import downloads
from openqms.nhsuk.ids import load_json
from openqms.nhsuk.views import Saved, save_form
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission
RENDER = {
    ToolKind.FISHBONE: lambda tool, data: tools.render_fishbone(tool.title, data, title=tool.title),
    ToolKind.PARETO: lambda tool, data: tools.render_pareto([tuple(r) for r in data], title=tool.title),
    ToolKind.PROCESS_MAP: lambda tool, data: process_map_svg.render(process_map.load(data), title=tool.title),
}


def svg_of(tool: QiTool) -> str:
    result: str = RENDER[ToolKind(tool.kind)](tool, json.loads(tool.data_json))
    return result


def _tool(project: Project, tool_pk: int) -> QiTool:
    tool = QiTool.objects.filter(project=project, pk=tool_pk).first()
    if tool is None:
        raise Http404("Not found")
    return tool


def tool_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = project_for(request, pk, Permission.CONTRIBUTE)
    kind = request.GET.get("kind", "")
    form = ToolForm(
        request.POST or None, request.FILES or None, initial={"kind": kind if kind in ToolKind.values else ""}
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        tool = save_tool(
            actor=request.user,
            project=project,
            kind=cleaned["kind"],
            title=cleaned["title"],
            source=cleaned["source"],
        )
        return Saved(
            f"{tool.get_kind_display()} “{tool.title}” saved.",
            reverse("improvement:tool", kwargs={"pk": project.pk, "tool_pk": tool.pk}),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "improvement/tool_form.jinja",
        {"page": "improvement", "project": project, "form": form, "tool": None, "hints": TOOL_HINTS},
    )


def tool_page(request: AuthenticatedHttpRequest, pk: int, tool_pk: int) -> HttpResponse:
    action = Permission.CONTRIBUTE if request.method == "POST" else Permission.VIEW
    project = project_for(request, pk, action)
    tool = _tool(project, tool_pk)
    may_contribute = policy.can(request.user, Permission.CONTRIBUTE, project)
    form: Any = None
    if may_contribute:
        form = ToolForm(
            request.POST or None,
            request.FILES or None,
            kind=tool.kind,
            initial={"title": tool.title, "source": tool.source},
        )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            save_tool(
                actor=request.user,
                project=project,
                kind=tool.kind,
                title=data["title"],
                source=data["source"],
                tool=tool,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"“{tool.title}” saved.")
            return redirect("improvement:tool", pk=project.pk, tool_pk=tool.pk)
    context: dict[str, Any] = {
        "page": "improvement",
        "project": project,
        "tool": tool,
        "svg": Markup(svg_of(tool)),  # noqa: S704 (improvement.tools escapes every text it draws)
        "form": form,
        "hints": TOOL_HINTS,
    }
    if tool.kind == ToolKind.PROCESS_MAP:
        drawn = process_map.load(json.loads(tool.data_json))
        context |= {
            "steps": process_map.describe(drawn),
            "editor": {
                "map": json.dumps(drawn),
                "save": reverse("improvement:process-map-save", args=[project.pk, tool.pk]),
                "version": services_process_map.version_of(tool),
                "limit": process_map.LIMIT,
                "most": process_map.MAX_SHAPES,
            }
            if may_contribute
            else None,
        }
    return render(request, "improvement/tool.jinja", context)


@require_POST
def process_map_save(request: AuthenticatedHttpRequest, pk: int, tool_pk: int) -> HttpResponse:
    """Save the map drawn in the page: {"shapes": [...], "flows": [...], "version": "..."}."""
    project = project_for(request, pk, Permission.CONTRIBUTE)
    tool = _tool(project, tool_pk)
    if tool.kind != ToolKind.PROCESS_MAP:
        raise Http404("Not found")
    try:
        body = load_json(request.body)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        message = str(exc) if str(exc).startswith("The data") else "The map could not be read"
        return JsonResponse({"errors": [f"{message}: reload the page and try again"]}, status=400)
    if not isinstance(body, dict):
        body = {}
    version = body.get("version")
    try:
        services_process_map.save_map(
            actor=request.user, tool=tool, data=body, version=version if isinstance(version, str) else None
        )
    except ValidationError as exc:
        stale = any(e.code == "stale" for e in exc.error_list)
        return JsonResponse({"errors": exc.messages}, status=409 if stale else 400)
    return JsonResponse(
        {
            "message": f"“{tool.title}” saved.",
            "version": services_process_map.version_of(tool),
            "source": tool.source,
        }
    )


def _filename(tool: QiTool, extension: str) -> str:
    return f"{slugify(tool.title) or 'qi-tool'}.{extension}"


def tool_svg(request: AuthenticatedHttpRequest, pk: int, tool_pk: int) -> HttpResponse:
    tool = _tool(project_for(request, pk), tool_pk)
    return downloads.svg_attachment(svg_of(tool), _filename(tool, "svg"))


def tool_png(request: AuthenticatedHttpRequest, pk: int, tool_pk: int) -> HttpResponse:
    tool = _tool(project_for(request, pk), tool_pk)
    return downloads.png_attachment(svg_of(tool), _filename(tool, "png"))
