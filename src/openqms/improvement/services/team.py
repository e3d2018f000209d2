"""Writes to a project's team and its measures, each audited against the project."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.control.models import Measure
from openqms.improvement.models import (
    Project,
    ProjectMeasure,
    ProjectMember,
)
from openqms.improvement.services.projects import MEMBER_ROLES, audit_project
from openqms.people.models import User

# --- team ----------------------------------------------------------------------------------------


@transaction.atomic
def add_member(*, actor: User | None, project: Project, person: Any, role: str) -> ProjectMember:
    if not policy.roles_on(person, project.unit) & MEMBER_ROLES:
        raise ValidationError(
            {"person": f"{person} has no role in {project.unit.name}: only its people can join"}
        )
    if project.members.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already on the team"})
    member = ProjectMember.objects.create(project=project, person=person, role=role.strip())
    audit_project(
        actor, AuditEntry.Action.CREATE, project, {"team member": [None, f"{person} ({member.role})"]}
    )
    return member


@transaction.atomic
def remove_member(*, actor: User | None, member: ProjectMember) -> None:
    project = member.project
    audit_project(
        actor, AuditEntry.Action.DELETE, project, {"team member": [f"{member.person} ({member.role})", None]}
    )
    member.delete()


# --- measures ------------------------------------------------------------------------------------


@transaction.atomic
def add_project_measure(
    *, actor: User | None, project: Project, measure: Measure, role: str
) -> ProjectMeasure:
    if project.project_measures.filter(measure=measure).exists():
        raise ValidationError({"measure": f"{measure} is already one of the project's measures"})
    pm = ProjectMeasure(project=project, measure=measure, role=role)
    pm.full_clean()
    pm.save()
    audit_project(
        actor, AuditEntry.Action.CREATE, project, {"measure": [None, f"{measure} ({pm.get_role_display()})"]}
    )
    return pm


@transaction.atomic
def remove_project_measure(*, actor: User | None, project_measure: ProjectMeasure) -> None:
    project = project_measure.project
    if project_measure.measure_id == project.aim_measure_id:
        raise ValidationError("The aim names this measure: change the aim first")
    audit_project(actor, AuditEntry.Action.DELETE, project, {"measure": [str(project_measure.measure), None]})
    project_measure.delete()
