"""Reads for annual quality plans, scoped to the person: the plans they may see, what sits beside a
draft (the planning inputs, read through control's and assurance's selectors), and a plan's results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.access.policy import Permission
from openqms.assurance import compliance
from openqms.assurance.models import AuditRun, AuditTemplate, RunStatus
from openqms.control.models import Escalation, EscalationStatus, Measure
from openqms.control.selectors import measures as measure_selectors
from openqms.improvement.models import Stage
from openqms.organisations.models import StrategicPriority, Unit
from openqms.people.models import User
from openqms.planning.models.needs import Need, NeedStatus
from openqms.planning.models.plans import (
    PlanAudit,
    PlanPriority,
    PlanProject,
    PlanTarget,
    QualityPlan,
    year_of,
)

PLAN_RELATED = ("unit__parent", "unit__organisation", "approved_by", "signed_off_by")


def plans(user: Any) -> QuerySet[QualityPlan]:
    return policy.visible(user, Permission.VIEW, QualityPlan.objects.select_related(*PLAN_RELATED))


def plan_for(user: Any, pk: int) -> QualityPlan:
    return policy.get_or_404(user, Permission.VIEW, QualityPlan.objects.select_related(*PLAN_RELATED), pk=pk)


def plan_priority_for(user: Any, plan: QualityPlan, pk: int) -> PlanPriority:
    return policy.get_or_404(
        user, Permission.LEAD, PlanPriority.objects.select_related("plan__unit", "priority"), pk=pk, plan=plan
    )


def units_to_plan(user: Any) -> QuerySet[Unit]:
    """Units whose plan the person may draft: they lead there."""
    return policy.units_where(user, Permission.LEAD).filter(archived_at__isnull=True)


def current_year() -> int:
    return year_of(timezone.localdate())


def may_draft(user: Any, plan: QualityPlan) -> bool:
    return plan.is_editable and policy.can(user, Permission.LEAD, plan)


def may_approve(user: Any, plan: QualityPlan) -> bool:
    return policy.can_on_tier_above(user, Permission.LEAD, plan)


def may_sign_off(user: Any, plan: QualityPlan) -> bool:
    return policy.can_at_top(user, Permission.LEAD, plan)


def may_comment(user: Any, plan: QualityPlan) -> bool:
    return policy.can(user, Permission.FEEDBACK, plan)


def priorities_to_add(plan: QualityPlan) -> QuerySet[StrategicPriority]:
    return StrategicPriority.objects.filter(
        organisation_id=plan.unit.organisation_id, retired_at__isnull=True
    ).exclude(plan_priorities__plan=plan)


def unit_measures(plan: QualityPlan) -> QuerySet[Measure]:
    """The measures the plan's unit reports: the only ones its targets may be set on."""
    return Measure.objects.filter(unit=plan.unit, archived_at__isnull=True).select_related("definition")


def audit_templates(plan: QualityPlan) -> QuerySet[AuditTemplate]:
    return AuditTemplate.objects.filter(
        organisation_id=plan.unit.organisation_id, versions__published_at__isnull=False
    ).distinct()


def leads_to_choose(plan: QualityPlan) -> QuerySet[Any]:
    ids = (
        RoleAssignment.objects.current()
        .filter(unit_id__in=[*plan.unit.ancestor_ids, plan.unit.pk], role__in=[r.value for r in policy.STAFF])
        .values("person_id")
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def previous_plan(plan: QualityPlan) -> QualityPlan | None:
    return QualityPlan.objects.filter(unit_id=plan.unit_id, year=plan.year - 1).first()


def next_plan(plan: QualityPlan) -> QualityPlan | None:
    return QualityPlan.objects.filter(unit_id=plan.unit_id, year=plan.year + 1).first()


# --- the planning inputs beside a draft ---------------------------------------------------------


@dataclass
class Inputs:
    concerns: list[Measure] = field(default_factory=list)
    failing_targets: list[Measure] = field(default_factory=list)
    failing_standards: list[compliance.Gap] = field(default_factory=list)
    missed_audits: list[AuditRun] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    open_needs: list[Need] = field(default_factory=list)
    last_year: QualityPlan | None = None
    last_year_results: Results | None = None


OPEN_NEEDS = (NeedStatus.NEW, NeedStatus.ACCEPTED, NeedStatus.PLANNED)


def inputs(user: Any, plan: QualityPlan) -> Inputs:
    unit = plan.unit
    last = previous_plan(plan)
    failing = (
        measure_selectors.subtree_measures(user, unit)
        .filter(snapshot__assurance_icon="consistent_fail")
        .select_related("definition", "unit", "snapshot")
        .order_by("definition__name")
    )
    escalations = policy.visible(
        user,
        Permission.VIEW,
        Escalation.objects.filter(status=EscalationStatus.OPEN),
        unit_field="origin_unit",
    ).filter(origin_unit__path__startswith=unit.path)
    return Inputs(
        concerns=measure_selectors.concerns(user, unit, limit=20),
        failing_targets=list(failing[:20]),
        failing_standards=[g for g in compliance.gaps(user, unit) if g.kind == "failing"][:20],
        missed_audits=[run for run, missed in compliance.overdue_audits(user, unit) if missed][:20],
        escalations=list(escalations.select_related("origin_unit", "current_unit")[:20]),
        open_needs=list(
            policy.visible(user, Permission.VIEW, Need.objects.filter(status__in=OPEN_NEEDS))
            .filter(unit__path__startswith=unit.path)
            .select_related("unit")
            .order_by("-impact", "title")[:20]
        ),
        last_year=last,
        last_year_results=results(last) if last is not None and last.is_approved else None,
    )


# --- results ------------------------------------------------------------------------------------


@dataclass
class Results:
    targets: list[PlanTarget]
    audits_planned: int
    audits_done: int
    projects_planned: int
    projects_finished: int
    needs: int


FINISHED = (Stage.SUSTAINING, Stage.CLOSED)


def results(plan: QualityPlan) -> Results:
    """What came of a plan: each target's measure with its icons, audits done against planned,
    projects finished, and the needs it answered."""
    targets = list(
        PlanTarget.objects.filter(plan_priority__plan=plan).select_related(
            "measure__definition", "measure__snapshot", "plan_priority__priority"
        )
    )
    audits = PlanAudit.objects.filter(plan_priority__plan=plan)
    projects = PlanProject.objects.filter(plan_priority__plan=plan)
    return Results(
        targets=targets,
        audits_planned=audits.count(),
        audits_done=audits.filter(audit_run__status=RunStatus.COMPLETED).count(),
        projects_planned=projects.count(),
        projects_finished=projects.filter(project__stage__in=FINISHED).count(),
        needs=sum(p.needs.count() for p in plan.priorities.all()),
    )
