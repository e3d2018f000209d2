"""Writes to PDSA cycles: plan, do, study, act; the ramp as a chain; what the team and its service
users say of a change; and recalculating a measure's limits from an adopted change.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import diff, snapshot
from openqms.control.models import AnnotationKind
from openqms.control.services.measures import add_annotation
from openqms.improvement import tools
from openqms.improvement.models import (
    ActDecision,
    CycleFeedback,
    DriverNode,
    IdeaStatus,
    NodeKind,
    PdsaCycle,
    ProjectMeasure,
)
from openqms.improvement.services.diagram import set_idea_status
from openqms.improvement.services.projects import audit_project
from openqms.people.models import User
from openqms.unchanged import UNCHANGED, Unchanged, set_given

CYCLE_FIELDS = (
    "title", "previous", "question", "prediction", "who", "what", "where", "starts_on", "ends_on",
    "data_to_collect", "what_happened", "observations", "study", "decision", "act_notes",
)  # fmt: skip
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


def _follow_decision(actor: User | None, cycle: PdsaCycle) -> None:
    """A cycle under way makes an untested idea "testing"; adopt and abandon settle the idea."""
    idea = cycle.change_idea
    if cycle.decision:
        set_idea_status(actor=actor, idea=idea, status=DECISION_STATUS[ActDecision(cycle.decision)])
    elif idea.status == IdeaStatus.UNTESTED:
        set_idea_status(actor=actor, idea=idea, status=IdeaStatus.TESTING)


@transaction.atomic
def create_cycle(
    *,
    actor: User | None,
    idea: DriverNode,
    title: str,
    question: str,
    prediction: str,
    who: str,
    what: str,
    where: str,
    starts_on: dt.date,
    ends_on: dt.date,
    data_to_collect: str,
    previous: PdsaCycle | None = None,
    what_happened: str = "",
    observations: str = "",
    study: str = "",
    decision: str = "",
    act_notes: str = "",
) -> PdsaCycle:
    if idea.kind != NodeKind.CHANGE or idea.deleted_at is not None:
        raise ValidationError("PDSA cycles test a change idea of the diagram")
    cycle = PdsaCycle(
        change_idea=idea,
        title=title,
        question=question,
        prediction=prediction,
        who=who,
        what=what,
        where=where,
        starts_on=starts_on,
        ends_on=ends_on,
        data_to_collect=data_to_collect,
        previous=previous,
        what_happened=what_happened,
        observations=observations,
        study=study,
        decision=decision,
        act_notes=act_notes,
    )
    _check_cycle(cycle)
    cycle.full_clean()
    cycle.save()
    audit_project(
        actor,
        AuditEntry.Action.CREATE,
        idea.project,
        {f"PDSA cycle “{cycle.title}”": [None, f"testing “{idea.text}” from {cycle.starts_on.isoformat()}"]},
    )
    _follow_decision(actor, cycle)
    return cycle


@transaction.atomic
def update_cycle(
    *,
    actor: User | None,
    cycle: PdsaCycle,
    title: str | Unchanged = UNCHANGED,
    previous: PdsaCycle | Unchanged | None = UNCHANGED,
    question: str | Unchanged = UNCHANGED,
    prediction: str | Unchanged = UNCHANGED,
    who: str | Unchanged = UNCHANGED,
    what: str | Unchanged = UNCHANGED,
    where: str | Unchanged = UNCHANGED,
    starts_on: dt.date | Unchanged = UNCHANGED,
    ends_on: dt.date | Unchanged = UNCHANGED,
    data_to_collect: str | Unchanged = UNCHANGED,
    what_happened: str | Unchanged = UNCHANGED,
    observations: str | Unchanged = UNCHANGED,
    study: str | Unchanged = UNCHANGED,
    decision: str | Unchanged = UNCHANGED,
    act_notes: str | Unchanged = UNCHANGED,
) -> PdsaCycle:
    """Change the fields given; a field left UNCHANGED keeps its value. The change idea it tests
    never changes."""
    before = snapshot(cycle, CYCLE_FIELDS)
    set_given(
        cycle,
        title=title,
        previous=previous,
        question=question,
        prediction=prediction,
        who=who,
        what=what,
        where=where,
        starts_on=starts_on,
        ends_on=ends_on,
        data_to_collect=data_to_collect,
        what_happened=what_happened,
        observations=observations,
        study=study,
        decision=decision,
        act_notes=act_notes,
    )
    _check_cycle(cycle)
    cycle.full_clean()
    cycle.save()
    changes = diff(before, snapshot(cycle, CYCLE_FIELDS))
    if changes:
        audit_project(
            actor,
            AuditEntry.Action.UPDATE,
            cycle.change_idea.project,
            {f"PDSA cycle “{cycle.title}”: {k}": v for k, v in changes.items()},
        )
        if "decision" in changes:
            _follow_decision(actor, cycle)
    return cycle


@transaction.atomic
def recalculate_from_cycle(*, actor: User | None, cycle: PdsaCycle, project_measure: ProjectMeasure) -> None:
    """The team says this cycle's change made a difference: the measure's limits start again from it."""
    project = cycle.change_idea.project
    if project_measure.project_id != project.pk:
        raise ValidationError({"measure": "Choose one of the project's measures"})
    if not cycle.decision:
        raise ValidationError(
            {"measure": "Decide to adopt or adapt the change (Act) before recalculating from it"}
        )
    add_annotation(
        actor=actor, measure=project_measure.measure, on=cycle.starts_on, kind=AnnotationKind.RECALCULATION,
        label=f"Change: {cycle.change_idea.text}"[:80],
        reason=f"The team says the change tested in “{cycle.title}” ({project.title}) made a difference.",
    )  # fmt: skip
    change = {
        f"limits of {project_measure.measure} recalculated": [None, f"from {cycle.starts_on.isoformat()}"]
    }
    audit_project(actor, AuditEntry.Action.UPDATE, project, change)


@transaction.atomic
def add_feedback(*, actor: User, cycle: PdsaCycle, text: str) -> CycleFeedback:
    """Someone on the team (a service user partner above all) says what they think of the change."""
    text = tools.printable(text).strip()
    if not text:
        raise ValidationError({"text": "Write what you think of this change"})
    if len(text) > 2000:
        raise ValidationError({"text": "Your feedback must be 2,000 characters or fewer"})
    feedback = CycleFeedback.objects.create(cycle=cycle, person=actor, text=text)
    project = cycle.change_idea.project
    audit_project(
        actor, AuditEntry.Action.CREATE, project, {f"feedback on PDSA cycle “{cycle.title}”": [None, text]}
    )
    return feedback
