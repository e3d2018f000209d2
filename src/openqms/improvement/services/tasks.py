"""Improvement's writes that raise actions (one action model, ADR 9 and 17): a team's tasks, and a
change flagged for the owner of the standard it should become part of (ADR 16). Each runs in one
transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.actions.services import tracker as action_services
from openqms.assurance.models import Standard, StandardStatus
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, record
from openqms.improvement import links
from openqms.improvement.models import DriverNode, NodeKind, Project, ProjectTask, Stage
from openqms.improvement.services.projects import STAFF_ROLES, audit_project
from openqms.organisations.models import Unit
from openqms.people.models import User

STANDARD_ACTION_DAYS = 30  # time the standards owner has to consider a flagged change


@transaction.atomic
def flag_for_standard(
    *, actor: User | None, idea: DriverNode, note: str, standard: Standard | None = None
) -> DriverNode:
    """Ask the owner of a standard to consider making an adopted change part of it (or, with no
    standard, the organisation's board to consider a new one): an action on the owner's unit,
    linked back to the change idea (docs/adr/0016-improvement-above-assurance.md)."""
    project = idea.project
    if idea.kind != NodeKind.CHANGE:
        raise ValidationError({"note": "Only a change idea can be flagged"})
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Say what should change in the standard, and why"})
    organisation_id = project.unit.organisation_id
    if standard is not None and (
        standard.organisation_id != organisation_id or standard.status == StandardStatus.RETIRED
    ):
        raise ValidationError({"standard": "Choose one of the organisation’s standards in use"})
    previous = idea.standard_action
    if previous is not None and previous.is_open:
        raise ValidationError(
            {"note": "This change is with the standards owner already: their action is still open"}
        )
    if standard is not None:
        unit, owner = standard.owner_unit, standard.owner_person
        title = f"Consider adding “{idea.text}” to {standard.code} {standard.title}"
    else:
        unit = Unit.objects.get(organisation_id=organisation_id, parent__isnull=True)
        owner, title = None, f"Consider a new standard for “{idea.text}”"
    action = action_services.raise_action(
        actor=actor,
        unit=unit,
        owner=owner,
        title=title if len(title) <= 200 else title[:199] + "…",
        description=f"{note}\n\nProposed by the improvement project “{project.title}” ({project.unit.name}).",
        due_on=timezone.localdate() + dt.timedelta(days=STANDARD_ACTION_DAYS),
        source_label=links.idea_title(project),
        source=links.idea_source(idea),
    )
    idea.flagged_for_standard, idea.standard_note = True, note
    idea.standard, idea.standard_action = standard, action
    idea.save(update_fields=["flagged_for_standard", "standard_note", "standard", "standard_action"])
    where = f"{standard.code} {standard.title}" if standard else "a new standard"
    audit_project(
        actor,
        AuditEntry.Action.UPDATE,
        project,
        {f"flagged for the standards owner ({where}): “{idea.text}”": [None, note]},
    )
    return idea


@transaction.atomic
def add_task(
    *,
    actor: User | None,
    project: Project,
    title: str,
    due_on: dt.date,
    owner: Any = None,
    description: str = "",
    priority: str = "medium",
) -> ProjectTask:
    """A task for the team, tracked as an action on the project's unit (one action model)."""
    if project.stage == Stage.CLOSED:
        raise ValidationError({"title": "The project is closed: it takes no new tasks"})
    if owner is not None and not policy.roles_on(owner, project.unit) & STAFF_ROLES:
        raise ValidationError(
            {"owner": f"{owner} has no staff role in {project.unit.name}: choose someone who works there"}
        )
    action = action_services.raise_action(
        actor=actor,
        unit=project.unit,
        title=title,
        due_on=due_on,
        owner=owner,
        description=description,
        priority=priority,
        source_label=links.project_title(project),
        source=links.project_source(project),
    )
    task = ProjectTask.objects.create(project=project, action=action)
    # The link is audited as its own object, not in the project's history: the project is shown to
    # service users on its team, the unit's actions are not.
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=task,
        changes=created({"project": project.pk, "action": action.pk}),
        unit_id=project.unit_id,
    )
    return task
