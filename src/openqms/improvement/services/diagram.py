"""Writes to a project's driver diagram and its change ideas, each audited against the project.

The diagram stays a valid tree (aim, primary and secondary drivers, change ideas as leaves), and
every edit keeps a snapshot of the tree before it, for undo (ADR 14).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.improvement import tools
from openqms.improvement.models import (
    DiagramEdit,
    DriverNode,
    IdeaStatus,
    NodeKind,
    Project,
)
from openqms.improvement.services.projects import audit_project
from openqms.people.models import User

# --- the driver diagram --------------------------------------------------------------------------

ALLOWED_PARENTS: dict[str, set[str | None]] = {
    NodeKind.PRIMARY: {None},
    NodeKind.SECONDARY: {NodeKind.PRIMARY},
    NodeKind.CHANGE: {NodeKind.PRIMARY, NodeKind.SECONDARY},
}


def _live(project: Project) -> Any:
    return DriverNode.objects.filter(project=project, deleted_at__isnull=True)


def _tree_state(project: Project) -> str:
    rows = DriverNode.objects.filter(project=project).values(
        "pk", "parent_id", "position", "text", "deleted_at"
    )
    return json.dumps(
        [{**r, "deleted_at": r["deleted_at"].isoformat() if r["deleted_at"] else None} for r in rows],
        sort_keys=True,
    )


def _check_parent(project: Project, kind: str, parent: DriverNode | None) -> None:
    if parent is not None and (parent.project_id != project.pk or parent.deleted_at is not None):
        raise ValidationError({"parent": "Choose a driver of this project's diagram"})
    parent_kind = parent.kind if parent is not None else None
    if parent_kind not in ALLOWED_PARENTS[kind]:
        where = {
            NodeKind.PRIMARY: "Primary drivers sit directly under the aim",
            NodeKind.SECONDARY: "A secondary driver must sit under a primary driver",
            NodeKind.CHANGE: "A change idea must sit under a primary or a secondary driver",
        }[NodeKind(kind)]
        raise ValidationError({"parent": where})


def _renumber(
    project: Project, parent_id: int | None, first: DriverNode | None = None, at: int | None = None
) -> None:
    """Positions 0, 1, 2 … among the live siblings; `first` is placed at index `at`."""
    siblings = [
        n
        for n in _live(project).filter(parent_id=parent_id).order_by("position", "pk")
        if first is None or n.pk != first.pk
    ]
    if first is not None:
        siblings.insert(max(0, min(at if at is not None else len(siblings), len(siblings))), first)
    for index, node in enumerate(siblings):
        if node.position != index or (first is not None and node.pk == first.pk):
            node.position = index
            DriverNode.objects.filter(pk=node.pk).update(position=index, parent_id=parent_id)


def _edit(actor: User | None, project: Project, description: str, before: str) -> None:
    """Record an edit that changed the tree (an edit that changed nothing leaves nothing to undo)."""
    if _tree_state(project) == before:
        return
    DiagramEdit.objects.create(
        project=project, description=description[:400], before_json=before, actor=actor
    )
    audit_project(actor, AuditEntry.Action.UPDATE, project, {"driver diagram": [None, description[:400]]})


def _clean_text(text: str) -> str:
    text = " ".join(tools.printable(text).split())
    if not text:
        raise ValidationError({"text": "Enter the words for the diagram"})
    if len(text) > 300:
        raise ValidationError({"text": "The words must be 300 characters or fewer"})
    return text


@transaction.atomic
def add_node(
    *, actor: User | None, project: Project, kind: str, text: str, parent: DriverNode | None = None
) -> DriverNode:
    if kind not in NodeKind.values:
        raise ValidationError({"kind": "Choose a primary driver, a secondary driver or a change idea"})
    text = _clean_text(text)
    _check_parent(project, kind, parent)
    before = _tree_state(project)
    position = _live(project).filter(parent=parent).count()
    node = DriverNode.objects.create(project=project, parent=parent, kind=kind, text=text, position=position)
    _edit(actor, project, f"Added {node.get_kind_display().lower()} “{text}”", before)
    return node


@transaction.atomic
def rename_node(*, actor: User | None, node: DriverNode, text: str) -> DriverNode:
    text = _clean_text(text)
    if text == node.text:
        return node
    before = _tree_state(node.project)
    old, node.text = node.text, text
    node.save(update_fields=["text"])
    _edit(actor, node.project, f"Renamed “{old}” to “{text}”", before)
    return node


@transaction.atomic
def move_node(
    *, actor: User | None, node: DriverNode, parent: DriverNode | None, position: int | None = None
) -> DriverNode:
    """Put a node (with everything under it) under another parent, at a position among its siblings."""
    project = node.project
    _check_parent(project, node.kind, parent)
    before = _tree_state(project)
    old_parent_id = node.parent_id
    node.parent = parent
    _renumber(project, parent.pk if parent else None, first=node, at=position)
    if old_parent_id != node.parent_id:
        _renumber(project, old_parent_id)
    where = f"under “{parent.text}”" if parent else "under the aim"
    _edit(actor, project, f"Moved “{node.text}” {where}, position {node.position + 1}", before)
    node.refresh_from_db()
    return node


@transaction.atomic
def shift_node(*, actor: User | None, node: DriverNode, by: int) -> DriverNode:
    """Move a node up (by=-1) or down (by=+1) among its siblings."""
    siblings = list(_live(node.project).filter(parent_id=node.parent_id).order_by("position", "pk"))
    index = next(i for i, n in enumerate(siblings) if n.pk == node.pk)
    target = index + by
    if target < 0 or target >= len(siblings):
        raise ValidationError({"position": f"“{node.text}” is already {'first' if by < 0 else 'last'}"})
    before = _tree_state(node.project)
    _renumber(node.project, node.parent_id, first=node, at=target)
    _edit(actor, node.project, f"Moved “{node.text}” {'up' if by < 0 else 'down'}", before)
    node.refresh_from_db()
    return node


def _subtree_ids(node: DriverNode) -> list[int]:
    ids, frontier = [node.pk], [node.pk]
    while frontier:
        frontier = list(
            DriverNode.objects.filter(parent_id__in=frontier, deleted_at__isnull=True).values_list(
                "pk", flat=True
            )
        )
        ids += frontier
    return ids


@transaction.atomic
def delete_node(*, actor: User | None, node: DriverNode) -> int:
    """Delete a node and everything under it (kept, so that Undo can bring it back)."""
    project = node.project
    before = _tree_state(project)
    ids = _subtree_ids(node)
    DriverNode.objects.filter(pk__in=ids).update(deleted_at=timezone.now())
    _renumber(project, node.parent_id)
    extra = f" and {len(ids) - 1} under it" if len(ids) > 1 else ""
    _edit(actor, project, f"Deleted “{node.text}”{extra}", before)
    return len(ids)


def last_edit(project: Project) -> DiagramEdit | None:
    return project.diagram_edits.filter(undone_at__isnull=True).order_by("-pk").first()


@transaction.atomic
def undo(*, actor: User | None, project: Project) -> DiagramEdit:
    """Put the diagram back as it was before its last edit that has not been undone."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    edit = last_edit(project)
    if edit is None:
        raise ValidationError("There is nothing to undo")
    state = {row["pk"]: row for row in json.loads(edit.before_json)}
    for node in DriverNode.objects.filter(project=project):
        row = state.get(node.pk)
        if row is None:  # added by the edit being undone
            if node.deleted_at is None:
                node.deleted_at = timezone.now()
                node.save(update_fields=["deleted_at"])
            continue
        deleted_at = dt.datetime.fromisoformat(row["deleted_at"]) if row["deleted_at"] else None
        if (node.parent_id, node.position, node.text, node.deleted_at) != (
            row["parent_id"],
            row["position"],
            row["text"],
            deleted_at,
        ):
            node.parent_id, node.position, node.text, node.deleted_at = (
                row["parent_id"], row["position"], row["text"], deleted_at,
            )  # fmt: skip
            node.save(update_fields=["parent", "position", "text", "deleted_at"])
    edit.undone_at = timezone.now()
    edit.save(update_fields=["undone_at"])
    audit_project(actor, AuditEntry.Action.RESTORE, project, {"driver diagram": [edit.description, "undone"]})
    return edit


# --- change ideas --------------------------------------------------------------------------------


@transaction.atomic
def set_idea_status(*, actor: User | None, idea: DriverNode, status: str) -> DriverNode:
    if idea.kind != NodeKind.CHANGE:
        raise ValidationError({"status": "Only a change idea has a status"})
    if status not in IdeaStatus.values:
        raise ValidationError({"status": "Choose untested, testing, adopted or abandoned"})
    if status == idea.status:
        return idea
    old = idea.get_status_display()
    idea.status = status
    idea.save(update_fields=["status"])
    audit_project(
        actor,
        AuditEntry.Action.UPDATE,
        idea.project,
        {f"change idea “{idea.text}”": [old, idea.get_status_display()]},
    )
    return idea
