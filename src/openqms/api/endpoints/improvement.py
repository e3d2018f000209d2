"""Improvement projects, their driver diagrams and PDSA cycles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from openqms.access import policy
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import UnitFilter, within
from openqms.improvement.models import PdsaCycle, Project, Stage
from openqms.improvement.selectors import diagram as diagram_selectors
from openqms.improvement.selectors import projects as selectors

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
    starts_on: dt.date | None
    ends_on: dt.date | None
    study: str
    decision: str


def cycle_out(c: PdsaCycle) -> dict[str, Any]:
    return {
        "id": c.pk,
        "change_idea": c.change_idea_id,
        "previous": c.previous_id,
        "title": c.title,
        "question": c.question,
        "prediction": c.prediction,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "study": c.study,
        "decision": c.decision,
    }


@router.get("/projects/{project_id}/pdsa-cycles", response={200: page_of(CycleOut), **ERRORS})
def list_pdsa_cycles(request: HttpRequest, project_id: int, paging: Query[PageQuery]) -> Any:
    cycles = diagram_selectors.cycles_of_project(_project(request, project_id))
    return page(cycles, paging, cycle_out)
