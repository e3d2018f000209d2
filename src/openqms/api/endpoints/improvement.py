"""Improvement projects, their driver diagrams and PDSA cycles."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja import Status as Answer
from pydantic import Field

from openqms.access import policy
from openqms.api.auth import require_permission
from openqms.api.endpoints.common import by_field, problems
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import UnitFilter, within
from openqms.improvement.models import ActDecision, DriverNode, NodeKind, PdsaCycle, Project, Stage
from openqms.improvement.selectors import diagram as diagram_selectors
from openqms.improvement.selectors import projects as selectors
from openqms.improvement.services import cycles as cycle_services

router = Router(tags=["improvement"])
Permission = policy.Permission


class ProjectOut(Schema):
    id: int
    unit: int
    title: str
    problem: str
    aim: str
    aim_measure: int | None
    stage: str
    progress_score: float | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    closed_at: dt.datetime | None


def project_out(p: Project) -> dict[str, Any]:
    return {
        "id": p.pk,
        "unit": p.unit_id,
        "title": p.title,
        "problem": p.problem,
        "aim": p.aim,
        "aim_measure": p.aim_measure_id,
        "stage": p.stage,
        "progress_score": p.progress_score,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "closed_at": p.closed_at,
    }


class ProjectQuery(UnitFilter):
    stage: Stage | None = None


@router.get("/projects", response={200: page_of(ProjectOut), **ERRORS})
def list_projects(request: HttpRequest, filters: Query[ProjectQuery], paging: Query[PageQuery]) -> Any:
    found = within(request.user, selectors.projects(request.user), filters)
    if filters.stage is not None:
        found = found.filter(stage=filters.stage.value)
    return page(found, paging, project_out)


def _project(request: HttpRequest, project_id: int) -> Project:
    return policy.get_or_404(request.user, Permission.VIEW, selectors.project_queryset(), pk=project_id)


@router.get("/projects/{project_id}", response={200: ProjectOut, **ERRORS})
def get_project(request: HttpRequest, project_id: int) -> Any:
    return project_out(_project(request, project_id))


class NodeOut(Schema):
    id: int
    parent: int | None
    kind: str
    text: str
    position: int
    status: str


@router.get("/projects/{project_id}/driver-diagram", response={200: list[NodeOut], **ERRORS})
def get_driver_diagram(request: HttpRequest, project_id: int) -> Any:
    """The diagram as its nodes in reading order: aim's primary drivers, secondary ones, change ideas."""
    roots = diagram_selectors.tree(_project(request, project_id))
    return [
        {
            "id": n.pk,
            "parent": n.parent_id,
            "kind": n.kind,
            "text": n.text,
            "position": n.position,
            "status": n.status,
        }
        for n in diagram_selectors.flat(roots)
    ]


class CycleOut(Schema):
    id: int
    change_idea: int
    previous: int | None
    title: str
    question: str
    prediction: str
    who: str
    what: str
    where: str
    data_to_collect: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    what_happened: str
    observations: str
    study: str
    decision: str
    act_notes: str


CYCLE_TEXT = (
    "title", "question", "prediction", "who", "what", "where", "data_to_collect", "starts_on", "ends_on",
    "what_happened", "observations", "study", "decision", "act_notes",
)  # fmt: skip


def cycle_out(c: PdsaCycle) -> dict[str, Any]:
    return {"id": c.pk, "change_idea": c.change_idea_id, "previous": c.previous_id} | {
        name: getattr(c, name) for name in CYCLE_TEXT
    }


@router.get("/projects/{project_id}/pdsa-cycles", response={200: page_of(CycleOut), **ERRORS})
def list_pdsa_cycles(request: HttpRequest, project_id: int, paging: Query[PageQuery]) -> Any:
    cycles = diagram_selectors.cycles_of_project(_project(request, project_id))
    return page(cycles, paging, cycle_out)


# --- writes: planning a PDSA cycle and recording its do, study and act, as the cycle page does ---


class CycleStages(Schema):
    """Do, study and act: filled in as the cycle runs (empty until then)."""

    what_happened: str = Field("", max_length=4000, description="Do: what happened")
    observations: str = Field("", max_length=4000, description="Do: what was observed")
    study: str = Field("", max_length=4000, description="Study: the results compared with the prediction")
    decision: ActDecision | Literal[""] = Field(
        "", description="Act: adopt, adapt or abandon (after a study)"
    )
    act_notes: str = Field("", max_length=2000, description="Act: what next")


class CycleIn(CycleStages):
    change_idea: int = Field(description="The change idea (a node of the project's driver diagram) it tests")
    previous: int | None = Field(None, description="The cycle (id) of the same idea it follows, once decided")
    title: str = Field(min_length=1, max_length=200)
    question: str = Field(min_length=1, max_length=2000)
    prediction: str = Field(min_length=1, max_length=2000)
    who: str = Field(min_length=1, max_length=300)
    what: str = Field(min_length=1, max_length=2000)
    where: str = Field(min_length=1, max_length=300)
    starts_on: dt.date
    ends_on: dt.date
    data_to_collect: str = Field(min_length=1, max_length=2000)


class CyclePatch(Schema):
    """The fields to change; those left out keep their value."""

    title: str | None = Field(None, min_length=1, max_length=200)
    previous: int | None = None
    question: str | None = Field(None, min_length=1, max_length=2000)
    prediction: str | None = Field(None, min_length=1, max_length=2000)
    who: str | None = Field(None, min_length=1, max_length=300)
    what: str | None = Field(None, min_length=1, max_length=2000)
    where: str | None = Field(None, min_length=1, max_length=300)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    data_to_collect: str | None = Field(None, min_length=1, max_length=2000)
    what_happened: str | None = Field(None, max_length=4000)
    observations: str | None = Field(None, max_length=4000)
    study: str | None = Field(None, max_length=4000)
    decision: ActDecision | Literal[""] | None = None
    act_notes: str | None = Field(None, max_length=2000)


# What the page cannot leave empty once planned.
REQUIRED = (
    "title",
    "question",
    "prediction",
    "who",
    "what",
    "where",
    "starts_on",
    "ends_on",
    "data_to_collect",
)


def _require_text(given: dict[str, Any]) -> None:
    """What the page requires may not be left empty (or only spaces, which the page's form strips)."""
    empty = [
        name
        for name in REQUIRED
        if name in given
        and (given[name] is None or (isinstance(given[name], str) and not given[name].strip()))
    ]
    if empty:
        raise ValidationError(dict.fromkeys(empty, "This field cannot be empty"))
    for name, value in given.items():
        if isinstance(value, str):
            given[name] = value.strip()


def _contributing(request: HttpRequest, project_id: int) -> Project:
    require_permission(request, Permission.CONTRIBUTE)
    return policy.get_or_404(request.user, Permission.CONTRIBUTE, selectors.project_queryset(), pk=project_id)


def _previous(idea: DriverNode, pk: int | None) -> PdsaCycle | None:
    if pk is None:
        return None
    found = PdsaCycle.objects.filter(pk=pk, change_idea=idea).first()
    if found is None:
        raise ValidationError({"previous": "Choose a cycle of this change idea"})
    return found


def _cycle_problems(exc: ValidationError) -> Exception:
    return problems(by_field(exc, "__all__"))


@router.post("/projects/{project_id}/pdsa-cycles", response={201: CycleOut, **ERRORS})
def create_pdsa_cycle(request: HttpRequest, project_id: int, payload: CycleIn) -> Any:
    """Plan a cycle of one of the project's change ideas (its do, study and act may come with it)."""
    project = _contributing(request, project_id)
    idea = DriverNode.objects.filter(
        project=project, pk=payload.change_idea, kind=NodeKind.CHANGE, deleted_at__isnull=True
    ).first()
    if idea is None:
        raise ValidationError({"change_idea": "Choose a change idea of this project's driver diagram"})
    fields = payload.model_dump(exclude={"change_idea", "previous"})
    _require_text(fields)
    fields["decision"] = str(fields["decision"] or "")
    try:
        cycle = cycle_services.create_cycle(
            actor=request.user,  # type: ignore[arg-type]
            idea=idea,
            previous=_previous(idea, payload.previous),
            **fields,
        )
    except ValidationError as exc:
        raise _cycle_problems(exc) from exc
    return Answer(201, cycle_out(cycle))


@router.patch("/projects/{project_id}/pdsa-cycles/{cycle_id}", response={200: CycleOut, **ERRORS})
def update_pdsa_cycle(request: HttpRequest, project_id: int, cycle_id: int, payload: CyclePatch) -> Any:
    """Change a cycle: record what happened (do), the study and the decision (act)."""
    project = _contributing(request, project_id)
    cycle = (
        PdsaCycle.objects.filter(
            pk=cycle_id, change_idea__project=project, change_idea__deleted_at__isnull=True
        )
        .select_related("change_idea", "previous")
        .first()
    )
    if cycle is None:
        raise Http404("Not found")
    given = payload.model_dump(exclude_unset=True)
    _require_text(given)
    if "previous" in given:
        given["previous"] = _previous(cycle.change_idea, given["previous"])
    if "decision" in given:
        given["decision"] = str(given["decision"] or "")
    for name in ("what_happened", "observations", "study", "act_notes"):
        if name in given and given[name] is None:
            given[name] = ""
    try:
        cycle_services.update_cycle(actor=request.user, cycle=cycle, **given)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise _cycle_problems(exc) from exc
    return cycle_out(cycle)
