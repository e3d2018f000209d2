"""Writes to a project's QI tools (fishbone, Pareto, process map), typed as text, each audited."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import diff
from openqms.improvement import process_map, tools
from openqms.improvement.models import (
    Project,
    QiTool,
    ToolKind,
)
from openqms.improvement.services.projects import audit_project
from openqms.people.models import User

# --- QI tools ------------------------------------------------------------------------------------

PARSERS: dict[str, Any] = {
    ToolKind.FISHBONE: tools.parse_fishbone,
    ToolKind.PARETO: tools.parse_pareto,
    ToolKind.PROCESS_MAP: process_map.parse_text,
}


def _parsed(kind: str, source: str, tool: QiTool | None) -> str:
    if tool is not None and kind == ToolKind.PROCESS_MAP:
        previous = process_map.load(json.loads(tool.data_json))
        if source.strip() == tool.source.strip():  # only the title changed: the drawing stays as placed
            return json.dumps(previous)
    try:
        data = PARSERS[kind](source)
    except tools.ToolError as exc:
        raise ValidationError({"source": str(exc)}) from exc
    if tool is not None and kind == ToolKind.PROCESS_MAP:
        data = process_map.keep_places(data, previous)
    return json.dumps(data)


@transaction.atomic
def save_tool(
    *, actor: User | None, project: Project, kind: str, title: str, source: str, tool: QiTool | None = None
) -> QiTool:
    """Create a QI tool, or change `tool`, from the text the team typed."""
    if kind not in PARSERS:
        raise ValidationError({"kind": "Choose a fishbone, a Pareto chart or a process map"})
    data = _parsed(kind, source, tool)
    before = {"title": tool.title, "source": tool.source} if tool else {}
    if tool is None:
        tool = QiTool(project=project, kind=kind)
    tool.title, tool.source, tool.data_json = title.strip(), source.strip(), data
    tool.full_clean()
    tool.save()
    changes = diff(before, {"title": tool.title, "source": tool.source})
    if changes:
        audit_project(actor, AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, project,
               {f"{tool.get_kind_display()} “{tool.title}”: {k}": v for k, v in changes.items()})  # fmt: skip
    return tool
