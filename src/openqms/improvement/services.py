"""Writes to quality improvement. Each runs in one transaction with its audit entry, written against
the project so that the project's history lists everything done to it and inside it.

Services guard the invariants (a sponsor is a senior leader, the driver diagram stays a valid tree,
a ramp of PDSA cycles is a chain); forms check what was typed, and views turn a refusal from here
into form errors.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control import services as control
from openqms.control.models import AnnotationKind, Measure
from openqms.improvement import process_map, tools
from openqms.improvement.models import (
    PROGRESS_WORDS,
    ActDecision,
    CycleFeedback,
    DiagramEdit,
    DriverNode,
    IdeaStatus,
    NodeKind,
    PdsaCycle,
    ProgressRecord,
    Project,
    ProjectMeasure,
    ProjectMember,
    QiTool,
    Stage,
    ToolKind,
)

PROJECT_FIELDS = (
    "unit", "title", "problem", "aim", "aim_measure", "aim_target", "aim_by", "scope", "quality_domain",
    "sponsor", "lead", "stakeholders", "escalation", "strategic_priority", "source_measure", "starts_on",
    "ends_on", "lessons",
)  # fmt: skip
CYCLE_FIELDS = (
    "title", "previous", "question", "prediction", "who", "what", "where", "starts_on", "ends_on",
    "data_to_collect", "what_happened", "observations", "study", "decision", "act_notes",
)  # fmt: skip
STAFF_ROLES: set[str] = {Role.SENIOR_LEADER, Role.TEAM_LEADER, Role.CLINICIAN, Role.TEAM_MEMBER}
MEMBER_ROLES: set[str] = STAFF_ROLES | {Role.SERVICE_USER}


def _audit(actor: Any, action: str, project: Project, changes: dict[str, list[Any]]) -> None:
    record(actor=actor, action=action, target=project, changes=changes, unit_id=project.unit_id)


def _check_people(project: Project) -> None:
    errors: dict[str, str] = {}
    sponsor_roles = policy.roles_on(project.sponsor, project.unit)
    if Role.SENIOR_LEADER not in sponsor_roles:
        errors["sponsor"] = (
            f"{project.sponsor} is not a senior leader for {project.unit.name}: choose a senior leader"
        )
    if not policy.roles_on(project.lead, project.unit) & STAFF_ROLES:
        errors["lead"] = (
            f"{project.lead} has no staff role in {project.unit.name}: choose someone who works there"
        )
    if project.aim_by < project.starts_on:
        errors["aim_by"] = "The aim's date must be on or after the project's start date"
    if project.ends_on < project.starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    priority = project.strategic_priority
    if priority is not None and priority.organisation_id != project.unit.organisation_id:
        errors["strategic_priority"] = "Choose one of the organisation’s strategic priorities"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_project(*, actor: Any, **fields: Any) -> Project:
    project = Project(**fields)
    _check_people(project)
    project.full_clean()
    project.save()
    ProgressRecord.objects.create(
        project=project, on=min(project.starts_on, timezone.localdate()), stage=project.stage,
        score=project.progress_score,
        note="Project started", recorded_by=actor,
    )  # fmt: skip
    _audit(actor, AuditEntry.Action.CREATE, project, created(snapshot(project, PROJECT_FIELDS)))
    if project.aim_measure_id:
        ProjectMeasure.objects.create(project=project, measure=project.aim_measure, role="outcome")
    return project


@transaction.atomic
def update_project(*, actor: Any, project: Project, **fields: Any) -> Project:
    before = snapshot(project, PROJECT_FIELDS)
    for name, value in fields.items():
        if name not in PROJECT_FIELDS or name == "unit":
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(project, name, value)
    _check_people(project)
    project.full_clean()
    project.save()
    changes = diff(before, snapshot(project, PROJECT_FIELDS))
    if changes:
        _audit(actor, AuditEntry.Action.UPDATE, project, changes)
    if (
        project.aim_measure_id
        and not project.project_measures.filter(measure_id=project.aim_measure_id).exists()
    ):
        ProjectMeasure.objects.create(project=project, measure_id=project.aim_measure_id, role="outcome")
    return project


@transaction.atomic
def record_progress(
    *, actor: Any, project: Project, stage: str, score: Decimal, on: dt.date, note: str = ""
) -> ProgressRecord:
    score = Decimal(score).quantize(Decimal("0.1"))
    if score not in PROGRESS_WORDS:
        raise ValidationError({"score": "Choose a score on the scale from 0.5 to 5, in steps of 0.5"})
    if stage == Stage.CLOSED:
        raise ValidationError(
            {"stage": "Close the project from its Close page, which hands its measures back"}
        )
    if project.stage == Stage.CLOSED:
        raise ValidationError({"stage": "The project is closed"})
    before = {"stage": project.stage, "progress_score": str(project.progress_score)}
    project.stage, project.progress_score = stage, score
    project.full_clean()
    project.save(update_fields=["stage", "progress_score"])
    entry = ProgressRecord.objects.create(
        project=project, on=on, stage=stage, score=score, note=note.strip(), recorded_by=actor
    )
    after = {"stage": stage, "progress_score": str(score)}
    _audit(
        actor, AuditEntry.Action.UPDATE, project, diff(before, after) or {"progress": [None, note.strip()]}
    )
    return entry


# --- team ----------------------------------------------------------------------------------------


@transaction.atomic
def add_member(*, actor: Any, project: Project, person: Any, role: str) -> ProjectMember:
    if not policy.roles_on(person, project.unit) & MEMBER_ROLES:
        raise ValidationError(
            {"person": f"{person} has no role in {project.unit.name}: only its people can join"}
        )
    if project.members.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already on the team"})
    member = ProjectMember.objects.create(project=project, person=person, role=role.strip())
    _audit(actor, AuditEntry.Action.CREATE, project, {"team member": [None, f"{person} ({member.role})"]})
    return member


@transaction.atomic
def remove_member(*, actor: Any, member: ProjectMember) -> None:
    project = member.project
    _audit(
        actor, AuditEntry.Action.DELETE, project, {"team member": [f"{member.person} ({member.role})", None]}
    )
    member.delete()


# --- measures ------------------------------------------------------------------------------------


@transaction.atomic
def add_project_measure(*, actor: Any, project: Project, measure: Measure, role: str) -> ProjectMeasure:
    if project.project_measures.filter(measure=measure).exists():
        raise ValidationError({"measure": f"{measure} is already one of the project's measures"})
    pm = ProjectMeasure(project=project, measure=measure, role=role)
    pm.full_clean()
    pm.save()
    _audit(
        actor, AuditEntry.Action.CREATE, project, {"measure": [None, f"{measure} ({pm.get_role_display()})"]}
    )
    return pm


@transaction.atomic
def remove_project_measure(*, actor: Any, project_measure: ProjectMeasure) -> None:
    project = project_measure.project
    if project_measure.measure_id == project.aim_measure_id:
        raise ValidationError("The aim names this measure: change the aim first")
    _audit(actor, AuditEntry.Action.DELETE, project, {"measure": [str(project_measure.measure), None]})
    project_measure.delete()


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


def _edit(actor: Any, project: Project, description: str, before: str) -> None:
    """Record an edit that changed the tree (an edit that changed nothing leaves nothing to undo)."""
    if _tree_state(project) == before:
        return
    DiagramEdit.objects.create(
        project=project, description=description[:400], before_json=before, actor=actor
    )
    _audit(actor, AuditEntry.Action.UPDATE, project, {"driver diagram": [None, description[:400]]})


def _clean_text(text: str) -> str:
    text = " ".join(tools.printable(text).split())
    if not text:
        raise ValidationError({"text": "Enter the words for the diagram"})
    if len(text) > 300:
        raise ValidationError({"text": "The words must be 300 characters or fewer"})
    return text


@transaction.atomic
def add_node(
    *, actor: Any, project: Project, kind: str, text: str, parent: DriverNode | None = None
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
def rename_node(*, actor: Any, node: DriverNode, text: str) -> DriverNode:
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
    *, actor: Any, node: DriverNode, parent: DriverNode | None, position: int | None = None
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
def shift_node(*, actor: Any, node: DriverNode, by: int) -> DriverNode:
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
def delete_node(*, actor: Any, node: DriverNode) -> int:
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
def undo(*, actor: Any, project: Project) -> DiagramEdit:
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
    _audit(actor, AuditEntry.Action.RESTORE, project, {"driver diagram": [edit.description, "undone"]})
    return edit


# --- change ideas --------------------------------------------------------------------------------


@transaction.atomic
def set_idea_status(*, actor: Any, idea: DriverNode, status: str) -> DriverNode:
    if idea.kind != NodeKind.CHANGE:
        raise ValidationError({"status": "Only a change idea has a status"})
    if status not in IdeaStatus.values:
        raise ValidationError({"status": "Choose untested, testing, adopted or abandoned"})
    if status == idea.status:
        return idea
    old = idea.get_status_display()
    idea.status = status
    idea.save(update_fields=["status"])
    _audit(
        actor,
        AuditEntry.Action.UPDATE,
        idea.project,
        {f"change idea “{idea.text}”": [old, idea.get_status_display()]},
    )
    return idea


# --- PDSA cycles ---------------------------------------------------------------------------------

DECISION_STATUS = {
    ActDecision.ADOPT: IdeaStatus.ADOPTED,
    ActDecision.ADAPT: IdeaStatus.TESTING,
    ActDecision.ABANDON: IdeaStatus.ABANDONED,
}


def _check_cycle(cycle: PdsaCycle) -> None:
    errors: dict[str, str] = {}
    if cycle.ends_on < cycle.starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    previous = cycle.previous
    if previous is not None:
        if previous.change_idea_id != cycle.change_idea_id:
            errors["previous"] = "The previous cycle must test the same change idea"
        elif previous.pk == cycle.pk:
            errors["previous"] = "A cycle cannot follow itself"
        elif not previous.decision:
            errors["previous"] = (
                f"Record what the team decided in “{previous.title}” (adopt, adapt or abandon) "
                "before planning the next cycle"
            )
        elif PdsaCycle.objects.filter(previous=previous).exclude(pk=cycle.pk).exists():
            errors["previous"] = f"“{previous.title}” already has a next cycle"
        elif cycle.starts_on < previous.starts_on:
            errors["starts_on"] = (
                f"The next cycle cannot start before “{previous.title}” started "
                f"({previous.starts_on.day} {previous.starts_on:%B %Y})"
            )
    if cycle.decision and not (cycle.study or "").strip():
        errors["study"] = (
            "Study the results (compare them with the prediction) before deciding to adopt, adapt or abandon"
        )
    if errors:
        raise ValidationError(errors)


def _follow_decision(actor: Any, cycle: PdsaCycle) -> None:
    """A cycle under way makes an untested idea "testing"; adopt and abandon settle the idea."""
    idea = cycle.change_idea
    if cycle.decision:
        set_idea_status(actor=actor, idea=idea, status=DECISION_STATUS[ActDecision(cycle.decision)])
    elif idea.status == IdeaStatus.UNTESTED:
        set_idea_status(actor=actor, idea=idea, status=IdeaStatus.TESTING)


@transaction.atomic
def create_cycle(*, actor: Any, idea: DriverNode, **fields: Any) -> PdsaCycle:
    if idea.kind != NodeKind.CHANGE or idea.deleted_at is not None:
        raise ValidationError("PDSA cycles test a change idea of the diagram")
    cycle = PdsaCycle(change_idea=idea, **fields)
    _check_cycle(cycle)
    cycle.full_clean()
    cycle.save()
    _audit(
        actor,
        AuditEntry.Action.CREATE,
        idea.project,
        {f"PDSA cycle “{cycle.title}”": [None, f"testing “{idea.text}” from {cycle.starts_on.isoformat()}"]},
    )
    _follow_decision(actor, cycle)
    return cycle


@transaction.atomic
def update_cycle(*, actor: Any, cycle: PdsaCycle, **fields: Any) -> PdsaCycle:
    before = snapshot(cycle, CYCLE_FIELDS)
    for name, value in fields.items():
        if name not in CYCLE_FIELDS:
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(cycle, name, value)
    _check_cycle(cycle)
    cycle.full_clean()
    cycle.save()
    changes = diff(before, snapshot(cycle, CYCLE_FIELDS))
    if changes:
        _audit(
            actor,
            AuditEntry.Action.UPDATE,
            cycle.change_idea.project,
            {f"PDSA cycle “{cycle.title}”: {k}": v for k, v in changes.items()},
        )
        if "decision" in changes:
            _follow_decision(actor, cycle)
    return cycle


# --- closing: hold the gains ---------------------------------------------------------------------


@transaction.atomic
def close_project(
    *,
    actor: Any,
    project: Project,
    lessons: str,
    score: Decimal,
    baselines: dict[int, dt.date | None],
    on: dt.date | None = None,
) -> Project:
    """Close a project and hand its measures back to the owning teams' boards.

    `baselines` maps a project measure's id to the date the new level starts: each gets a
    recalculation annotation on the measure, so its control chart judges the new process from then.
    """
    if project.stage == Stage.CLOSED:
        raise ValidationError("The project is closed already")
    if not lessons.strip():
        raise ValidationError({"lessons": "Write what the team learned, so that others can find it"})
    on = on or timezone.localdate()
    for pm in project.project_measures.select_related("measure", "measure__definition", "measure__unit"):
        day = baselines.get(pm.pk)
        if day is None:
            continue
        control.add_annotation(
            actor=actor, measure=pm.measure, on=day, kind=AnnotationKind.RECALCULATION,
            label=f"New baseline: {project.title}"[:80],
            reason=f"The improvement project “{project.title}” closed; its changes hold from here.",
        )  # fmt: skip
        pm.handed_over_on = day
        pm.save(update_fields=["handed_over_on"])
        _audit(
            actor,
            AuditEntry.Action.UPDATE,
            project,
            {f"handed back: {pm.measure}": [None, f"new baseline from {day.isoformat()}"]},
        )
    before = {
        "stage": project.stage,
        "progress_score": str(project.progress_score),
        "lessons": project.lessons,
    }
    project.stage, project.lessons, project.closed_at = Stage.CLOSED, lessons.strip(), timezone.now()
    project.progress_score = Decimal(score).quantize(Decimal("0.1"))
    if project.progress_score not in PROGRESS_WORDS:
        raise ValidationError({"score": "Choose a score on the scale from 0.5 to 5, in steps of 0.5"})
    project.save(update_fields=["stage", "lessons", "closed_at", "progress_score"])
    ProgressRecord.objects.create(
        project=project,
        on=on,
        stage=Stage.CLOSED,
        score=project.progress_score,
        note="Project closed",
        recorded_by=actor,
    )
    after = {
        "stage": project.stage,
        "progress_score": str(project.progress_score),
        "lessons": project.lessons,
    }
    _audit(actor, AuditEntry.Action.UPDATE, project, diff(before, after))
    return project


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
    *, actor: Any, project: Project, kind: str, title: str, source: str, tool: QiTool | None = None
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
        _audit(actor, AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, project,
               {f"{tool.get_kind_display()} “{tool.title}”: {k}": v for k, v in changes.items()})  # fmt: skip
    return tool


@transaction.atomic
def recalculate_from_cycle(*, actor: Any, cycle: PdsaCycle, project_measure: ProjectMeasure) -> None:
    """The team says this cycle's change made a difference: the measure's limits start again from it."""
    project = cycle.change_idea.project
    if project_measure.project_id != project.pk:
        raise ValidationError({"measure": "Choose one of the project's measures"})
    if not cycle.decision:
        raise ValidationError(
            {"measure": "Decide to adopt or adapt the change (Act) before recalculating from it"}
        )
    control.add_annotation(
        actor=actor, measure=project_measure.measure, on=cycle.starts_on, kind=AnnotationKind.RECALCULATION,
        label=f"Change: {cycle.change_idea.text}"[:80],
        reason=f"The team says the change tested in “{cycle.title}” ({project.title}) made a difference.",
    )  # fmt: skip
    change = {
        f"limits of {project_measure.measure} recalculated": [None, f"from {cycle.starts_on.isoformat()}"]
    }
    _audit(actor, AuditEntry.Action.UPDATE, project, change)


@transaction.atomic
def add_feedback(*, actor: Any, cycle: PdsaCycle, text: str) -> CycleFeedback:
    """Someone on the team (a service user partner above all) says what they think of the change."""
    text = tools.printable(text).strip()
    if not text:
        raise ValidationError({"text": "Write what you think of this change"})
    if len(text) > 2000:
        raise ValidationError({"text": "Your feedback must be 2,000 characters or fewer"})
    feedback = CycleFeedback.objects.create(cycle=cycle, person=actor, text=text)
    project = cycle.change_idea.project
    _audit(
        actor, AuditEntry.Action.CREATE, project, {f"feedback on PDSA cycle “{cycle.title}”": [None, text]}
    )
    return feedback
