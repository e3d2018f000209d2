"""Saving a process map drawn in the page: all of it or nothing, audited against its project.

The map's typed form (`source`) follows the drawing whenever shapes, words or flows change, so the
text form on the page always shows the map as it is; a drawing that was only rearranged keeps the
text as the team typed it.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import record
from openqms.improvement import process_map
from openqms.improvement.models import QiTool, ToolKind
from openqms.people.models import User


def version_of(tool: QiTool) -> str:
    """What the editor sends back, so that a save over someone else's newer save is refused."""
    return tool.updated_at.isoformat()


@transaction.atomic
def save_map(*, actor: User | None, tool: QiTool, data: Any, version: str | None = None) -> QiTool:
    """Replace the map's shapes and flows with `data` ({"shapes": [...], "flows": [...]}).

    Every problem is named by its shape or flow (ValidationError with one message for each); a map
    saved by someone else since `version` is refused with the code "stale"."""
    locked = QiTool.objects.select_for_update().select_related("project").get(pk=tool.pk)
    if locked.kind != ToolKind.PROCESS_MAP:
        raise ValidationError("Only a process map is drawn in the page")
    if version is not None and version != version_of(locked):
        raise ValidationError(
            "Someone else saved this map after you opened it: reload the page to see their changes, "
            "then make yours again",
            code="stale",
        )
    try:
        new = process_map.check(data)
    except process_map.MapError as exc:
        raise ValidationError(exc.problems) from exc
    old = process_map.load(json.loads(locked.data_json))
    if new == old:
        return locked
    label = f"{locked.get_kind_display()} “{locked.title}”"
    changes: dict[str, list[Any]] = {}
    old_text, new_text = process_map.as_text(old), process_map.as_text(new)
    if old_text != new_text:
        changes[f"{label}: steps and flows"] = [old_text, new_text]
        locked.source = new_text
    places = {s["id"]: (s["text"], s["x"], s["y"]) for s in old["shapes"]}
    moved = [
        s["text"] for s in new["shapes"] if s["id"] in places and places[s["id"]][1:] != (s["x"], s["y"])
    ]
    if moved:
        changes[f"{label}: layout"] = [None, "moved " + ", ".join(f"“{t}”" for t in moved)]
    if not changes:  # the same shapes, words, flows and places, written in another order
        changes[label] = [None, "redrawn"]
    locked.data_json = json.dumps(new)
    locked.save(update_fields=["source", "data_json", "updated_at"])
    project = locked.project
    record(
        actor=actor, action=AuditEntry.Action.UPDATE, target=project, changes=changes, unit_id=project.unit_id
    )
    tool.source, tool.data_json, tool.updated_at = locked.source, locked.data_json, locked.updated_at
    return locked
