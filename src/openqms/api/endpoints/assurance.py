"""Frameworks, standards, audits with their answers, and compliance: what assurance's pages show."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from openqms.access import policy
from openqms.api.auth import require_permission
from openqms.api.endpoints.common import by_field, problems
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import PeriodFilter, UnitFilter, in_period, unit_or_404, within
from openqms.assurance import compliance
from openqms.assurance.models import Answer, AuditRun, Framework, RunStatus, Standard, StandardStatus
from openqms.assurance.selectors import audits as audit_selectors
from openqms.assurance.selectors import standards as standard_selectors
from openqms.assurance.services import audits as audit_services

router = Router(tags=["assurance"])
Permission = policy.Permission


class RequirementOut(Schema):
    id: int
    code: str
    section: str
    title: str


class FrameworkOut(Schema):
    id: int
    organisation: int
    code: str
    name: str
    publisher: str
    version: str
    published_on: dt.date | None
    requirements: list[RequirementOut]


def framework_out(f: Framework) -> dict[str, Any]:
    return {
        "id": f.pk,
        "organisation": f.organisation_id,
        "code": f.code,
        "name": f.name,
        "publisher": f.publisher,
        "version": f.version,
        "published_on": f.published_on,
        "requirements": [
            {"id": r.pk, "code": r.code, "section": r.section, "title": r.title} for r in f.requirements.all()
        ],
    }


@router.get("/frameworks", response={200: page_of(FrameworkOut), **ERRORS})
def list_frameworks(request: HttpRequest, paging: Query[PageQuery]) -> Any:
    found = standard_selectors.frameworks_visible(request.user).prefetch_related("requirements")
    return page(found, paging, framework_out)


@router.get("/frameworks/{framework_id}", response={200: FrameworkOut, **ERRORS})
def get_framework(request: HttpRequest, framework_id: int) -> Any:
    return framework_out(standard_selectors.framework_for(request.user, framework_id))


class StandardOut(Schema):
    id: int
    organisation: int
    owner_unit: int
    code: str
    title: str
    domain: str
    statement: str
    status: str
    shared_with_service_users: bool


def standard_out(s: Standard) -> dict[str, Any]:
    return {
        "id": s.pk,
        "organisation": s.organisation_id,
        "owner_unit": s.owner_unit_id,
        "code": s.code,
        "title": s.title,
        "domain": s.domain,
        "statement": s.statement,
        "status": s.status,
        "shared_with_service_users": s.shared_with_service_users,
    }


class StandardQuery(Schema):
    status: StandardStatus | None = None


@router.get("/standards", response={200: page_of(StandardOut), **ERRORS})
def list_standards(request: HttpRequest, filters: Query[StandardQuery], paging: Query[PageQuery]) -> Any:
    found = standard_selectors.standards_visible(request.user)
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    return page(found, paging, standard_out)


@router.get("/standards/{standard_id}", response={200: StandardOut, **ERRORS})
def get_standard(request: HttpRequest, standard_id: int) -> Any:
    return standard_out(standard_selectors.standard_for(request.user, standard_id))


class AuditOut(Schema):
    id: int
    unit: int
    template: int
    template_name: str
    version: int = Field(description="The template version it follows (0: none yet)")
    due_on: dt.date
    status: str
    started_at: dt.datetime | None
    completed_at: dt.datetime | None
    score: float | None
    passed: bool | None


AUDIT_LIST_FIELDS = (
    "id", "unit_id", "template_id", "template__name", "version_id", "version__number", "due_on", "status",
    "started_at", "completed_at", "score", "passed",
)  # fmt: skip


def audit_out(r: AuditRun) -> dict[str, Any]:
    return {
        "id": r.pk,
        "unit": r.unit_id,
        "template": r.template_id,
        "template_name": r.template.name,
        "version": r.version.number if r.version else 0,
        "due_on": r.due_on,
        "status": r.status,
        "started_at": r.started_at,
        "completed_at": r.completed_at,
        "score": r.score,
        "passed": r.passed,
    }


class AuditQuery(UnitFilter):
    status: RunStatus | None = None


@router.get("/audits", response={200: page_of(AuditOut), **ERRORS})
def list_audits(
    request: HttpRequest, filters: Query[AuditQuery], period: Query[PeriodFilter], paging: Query[PageQuery]
) -> Any:
    found = in_period(
        within(request.user, audit_selectors.runs_visible(request.user), filters), period, "due_on"
    )
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    # An item needs its template's name and version's number, not their every column.
    found = found.select_related(None).select_related("template", "version").only(*AUDIT_LIST_FIELDS)
    return page(found, paging, audit_out)


@router.get("/audits/{audit_id}", response={200: AuditOut, **ERRORS})
def get_audit(request: HttpRequest, audit_id: int) -> Any:
    return audit_out(audit_selectors.run_for(request.user, audit_id))


class AnswerOut(Schema):
    id: int
    record_number: int
    question: int
    question_text: str
    value: str
    answered_at: dt.datetime | None


@router.get("/audits/{audit_id}/answers", response={200: page_of(AnswerOut), **ERRORS})
def list_answers(request: HttpRequest, audit_id: int, paging: Query[PageQuery]) -> Any:
    run = audit_selectors.run_for(request.user, audit_id)
    found = Answer.objects.filter(run=run).select_related("question")
    return page(found, paging, answer_out)


class ComplianceCell(Schema):
    unit: int
    standard: int
    score: float | None
    band: str
    audits: int


class ComplianceOut(Schema):
    unit: int
    standards: list[StandardOut]
    cells: list[ComplianceCell]


@router.get("/units/{unit_id}/compliance", response={200: ComplianceOut, **ERRORS})
def get_compliance(request: HttpRequest, unit_id: int) -> Any:
    """The compliance heat map of a unit: the latest audit scores per standard, for the unit and
    each unit below it, banded against the pass threshold."""
    unit = unit_or_404(request.user, unit_id, Permission.VIEW)
    heat = compliance.heat_map(request.user, unit)
    return {
        "unit": unit.pk,
        "standards": [standard_out(s) for s in heat.standards],
        "cells": [
            {"unit": row.pk, "standard": s.pk, "score": c.score, "band": c.band.key, "audits": c.audits}
            for row, cells in heat.rows
            for s, c in zip(heat.standards, cells, strict=True)
        ],
    }


# --- writes: answering an audit, as its record pages do -----------------------------------------


class AnswerIn(Schema):
    question: int = Field(description="A question (id) of the audit's version")
    value: str = Field(max_length=2000, description="The answer; empty clears it")


class RecordIn(Schema):
    record_number: int = Field(ge=1, description="Which record of the sample (1 to its size)")
    answers: list[AnswerIn] = Field(min_length=1, max_length=500)


class RecordOut(Schema):
    audit: AuditOut
    record_number: int
    changed: int = Field(description="How many answers changed (the same answers again change none)")
    answers: list[AnswerOut]


def answer_out(a: Answer) -> dict[str, Any]:
    return {
        "id": a.pk,
        "record_number": a.record_number,
        "question": a.question_id,
        "question_text": a.question.text,
        "value": str(a.value),
        "answered_at": a.answered_at,
    }


def _answering(request: HttpRequest, audit_id: int) -> AuditRun:
    """The audit, if the person may answer it (its unit's staff, or its assignees); otherwise 404."""
    require_permission(request, Permission.CONTRIBUTE)
    return audit_selectors.run_for(request.user, audit_id, answering=True)


@router.post("/audits/{audit_id}/answers", response={200: RecordOut, **ERRORS})
def submit_answers(request: HttpRequest, audit_id: int, payload: RecordIn) -> Any:
    """Save one record's answers, as its page does: a scheduled audit starts (fixing the template
    version it follows); every answer is checked, and none is saved unless all are right. `index`
    in an error is the answer's place in `answers`."""
    run = _answering(request, audit_id)
    questions = [a.question for a in payload.answers]
    if len(set(questions)) != len(questions):
        raise ValidationError({"answers": "Each question may be answered once in a request"})
    with transaction.atomic():
        if run.status == RunStatus.SCHEDULED:
            run = audit_services.start_audit(actor=request.user, run=run)  # type: ignore[arg-type]
        assert run.version is not None  # a run in progress has its version
        known = set(run.version.questions.values_list("pk", flat=True))
        where = {a.question: i for i, a in enumerate(payload.answers)}
        unknown = {
            f"answers-{where[q]}-question": "Not a question of this audit"
            for q in questions
            if q not in known
        }
        if unknown:
            raise problems(unknown)
        if payload.record_number > run.version.sample_size:
            raise ValidationError(
                {"record_number": f"This audit's sample has {run.version.sample_size} records"}
            )
        try:
            changed = audit_services.save_answers(
                actor=request.user,  # type: ignore[arg-type]
                run=run,
                record_number=payload.record_number,
                values={a.question: a.value for a in payload.answers},
            )
        except ValidationError as exc:
            raise problems(
                {
                    f"answers-{where[int(k[1:])]}-value" if k.startswith("q") else k: message
                    for k, message in by_field(exc, "answers").items()
                }
            ) from exc
    run = audit_selectors.run_for(request.user, audit_id)
    saved = run.answers.filter(record_number=payload.record_number).select_related("question")
    return {
        "audit": audit_out(run),
        "record_number": payload.record_number,
        "changed": changed,
        "answers": [answer_out(a) for a in saved.order_by("question__position", "pk")],
    }


@router.post("/audits/{audit_id}/complete", response={200: AuditOut, **ERRORS})
def complete_audit(request: HttpRequest, audit_id: int) -> Any:
    """Complete and score an audit in progress (at least one question answered)."""
    run = _answering(request, audit_id)
    try:
        audit_services.complete_audit(actor=request.user, run=run)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise problems(by_field(exc, "__all__")) from exc
    return audit_out(audit_selectors.run_for(request.user, audit_id))
