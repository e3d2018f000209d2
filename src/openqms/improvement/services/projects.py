"""Writes to improvement projects: the charter, progress and closing (hold the gains).

Each runs in one transaction with its audit entry, written against the project so that the
project's history lists everything done to it and inside it. Services guard the invariants (a
sponsor is a senior leader, say); forms check what was typed, and views turn a refusal from here
into form errors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control.models import AnnotationKind, Escalation, Measure
from openqms.control.services.measures import add_annotation
from openqms.improvement.models import (
    PROGRESS_WORDS,
    Method,
    ProgressRecord,
    Project,
    ProjectMeasure,
    Stage,
)
from openqms.improvement.selectors.methods import methods_offered
from openqms.nhsuk.versions import refuse_if_stale
from openqms.organisations.models import QualityDomain, StrategicPriority, Unit
from openqms.organisations.selectors import domain_for
from openqms.people.models import User
from openqms.unchanged import UNCHANGED, Unchanged, set_given

PROJECT_FIELDS = (
    "unit", "title", "problem", "aim", "aim_measure", "aim_target", "aim_by", "scope", "quality_domain",
    "sponsor", "lead", "stakeholders", "escalation", "strategic_priority", "source_measure", "starts_on",
    "ends_on", "lessons",
)  # fmt: skip
STAFF_ROLES: set[str] = {Role.SENIOR_LEADER, Role.TEAM_LEADER, Role.CLINICIAN, Role.TEAM_MEMBER}
MEMBER_ROLES: set[str] = STAFF_ROLES | {Role.SERVICE_USER}


def audit_project(actor: User | None, action: str, project: Project, changes: dict[str, list[Any]]) -> None:
    record(actor=actor, action=action, target=project, changes=changes, unit_id=project.unit_id)


def check_people(project: Project) -> None:
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
def create_project(
    *,
    actor: User | None,
    unit: Unit,
    title: str,
    problem: str,
    aim: str,
    aim_measure: Measure,
    aim_target: float,
    aim_by: dt.date,
    quality_domain: QualityDomain | str,
    sponsor: User,
    lead: User,
    starts_on: dt.date,
    ends_on: dt.date,
    scope: str = "",
    stakeholders: str = "",
    escalation: Escalation | None = None,
    strategic_priority: StrategicPriority | None = None,
    source_measure: Measure | None = None,
    method: str = Method.MODEL_FOR_IMPROVEMENT,
) -> Project:
    """A new project at its first stage, following one of the methods its organisation offers; its
    stage, score and lessons change through `record_progress` and `close_project`."""
    if method not in methods_offered(unit.organisation):
        raise ValidationError({"method": "Choose one of the improvement methods your organisation offers"})
    project = Project(
        unit=unit,
        title=title,
        problem=problem,
        aim=aim,
        aim_measure=aim_measure,
        aim_target=aim_target,
        aim_by=aim_by,
        quality_domain=domain_for(unit.organisation_id, quality_domain),
        sponsor=sponsor,
        lead=lead,
        starts_on=starts_on,
        ends_on=ends_on,
        scope=scope,
        stakeholders=stakeholders,
        escalation=escalation,
        strategic_priority=strategic_priority,
        source_measure=source_measure,
        method=method,
    )
    check_people(project)
    project.full_clean()
    project.save()
    ProgressRecord.objects.create(
        project=project, on=min(project.starts_on, timezone.localdate()), stage=project.stage,
        score=project.progress_score,
        note="Project started", recorded_by=actor,
    )  # fmt: skip
    audit_project(
        actor, AuditEntry.Action.CREATE, project, created(snapshot(project, (*PROJECT_FIELDS, "method")))
    )
    if project.aim_measure_id:
        ProjectMeasure.objects.create(project=project, measure=project.aim_measure, role="outcome")
    return project


@transaction.atomic
def update_project(
    *,
    actor: User | None,
    project: Project,
    title: str | Unchanged = UNCHANGED,
    problem: str | Unchanged = UNCHANGED,
    aim: str | Unchanged = UNCHANGED,
    aim_measure: Measure | Unchanged = UNCHANGED,
    aim_target: float | Unchanged = UNCHANGED,
    aim_by: dt.date | Unchanged = UNCHANGED,
    scope: str | Unchanged = UNCHANGED,
    quality_domain: QualityDomain | str | Unchanged = UNCHANGED,
    sponsor: User | Unchanged = UNCHANGED,
    lead: User | Unchanged = UNCHANGED,
    stakeholders: str | Unchanged = UNCHANGED,
    escalation: Escalation | Unchanged | None = UNCHANGED,
    strategic_priority: StrategicPriority | Unchanged | None = UNCHANGED,
    source_measure: Measure | Unchanged | None = UNCHANGED,
    starts_on: dt.date | Unchanged = UNCHANGED,
    ends_on: dt.date | Unchanged = UNCHANGED,
    lessons: str | Unchanged = UNCHANGED,
    version: str | None = None,
) -> Project:
    """Change the charter's fields given; a field left UNCHANGED keeps its value. The unit never
    changes. `version` is the one the charter form was opened at (nhsuk.versions)."""
    refuse_if_stale(project, version, "project")
    before = snapshot(project, PROJECT_FIELDS)
    set_given(
        project,
        title=title,
        problem=problem,
        aim=aim,
        aim_measure=aim_measure,
        aim_target=aim_target,
        aim_by=aim_by,
        scope=scope,
        quality_domain=(
            quality_domain
            if isinstance(quality_domain, Unchanged)
            else domain_for(project.unit.organisation_id, quality_domain)
        ),
        sponsor=sponsor,
        lead=lead,
        stakeholders=stakeholders,
        escalation=escalation,
        strategic_priority=strategic_priority,
        source_measure=source_measure,
        starts_on=starts_on,
        ends_on=ends_on,
        lessons=lessons,
    )
    check_people(project)
    project.full_clean()
    project.save()
    changes = diff(before, snapshot(project, PROJECT_FIELDS))
    if changes:
        audit_project(actor, AuditEntry.Action.UPDATE, project, changes)
    if (
        project.aim_measure_id
        and not project.project_measures.filter(measure_id=project.aim_measure_id).exists()
    ):
        ProjectMeasure.objects.create(project=project, measure_id=project.aim_measure_id, role="outcome")
    return project


@transaction.atomic
def record_progress(
    *, actor: User | None, project: Project, stage: str, score: Decimal, on: dt.date, note: str = ""
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
    audit_project(
        actor, AuditEntry.Action.UPDATE, project, diff(before, after) or {"progress": [None, note.strip()]}
    )
    return entry


# --- closing: hold the gains ---------------------------------------------------------------------


@transaction.atomic
def close_project(
    *,
    actor: User | None,
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
        add_annotation(
            actor=actor, measure=pm.measure, on=day, kind=AnnotationKind.RECALCULATION,
            label=f"New baseline: {project.title}"[:80],
            reason=f"The improvement project “{project.title}” closed; its changes hold from here.",
        )  # fmt: skip
        pm.handed_over_on = day
        pm.save(update_fields=["handed_over_on"])
        audit_project(
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
    audit_project(actor, AuditEntry.Action.UPDATE, project, diff(before, after))
    return project
