"""Line of sight: from a strategic priority, everything under it across the tree (plans, measures
with their icons, standards with their compliance, audits, projects with their progress scores,
actions); from a unit, the priority each piece of its work serves, and the work that serves none."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.actions.models import OPEN_STATUSES, Action
from openqms.assurance import compliance
from openqms.assurance.models import AuditRun, RunStatus, Standard, StandardScore
from openqms.control.models import Measure
from openqms.control.selectors import measures as measure_selectors
from openqms.improvement.models import Project, Stage
from openqms.improvement.selectors import projects as project_selectors
from openqms.organisations.models import StrategicPriority, Unit
from openqms.planning.models.plans import PlanAudit, PlanPriority, QualityPlan
from openqms.planning.selectors.framework import serving
from openqms.planning.selectors.plans import current_year

AUDIT_KIND = "assurance.audit"
PROJECT_KIND = "improvement.project"


@dataclass
class StandardRow:
    standard: Standard
    score: float | None
    band: compliance.Band


@dataclass
class Node:
    unit: Unit
    depth: int
    plans: list[PlanPriority] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    standards: list[StandardRow] = field(default_factory=list)
    audits: list[AuditRun] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.plans or self.measures or self.standards or self.audits or self.projects or self.actions
        )


@dataclass
class LineOfSight:
    priority: StrategicPriority
    nodes: list[Node]
    units_not_taking_it_on: list[Unit]
    year: int


def _standard_rows(unit: Unit, standards: list[Standard]) -> list[StandardRow]:
    rows = []
    for standard in standards:
        latest = (
            StandardScore.objects.filter(standard=standard, run__unit=unit, run__status=RunStatus.COMPLETED)
            .select_related("run__version")
            .order_by("-run__completed_at")
            .first()
        )
        if latest is None:
            continue
        threshold = latest.run.version.pass_threshold if latest.run.version else 85.0
        rows.append(StandardRow(standard, latest.score, compliance.band_of(latest.score, threshold)))
    return rows


def line_of_sight(user: Any, priority: StrategicPriority) -> LineOfSight:
    year = current_year()
    units = list(
        policy.visible(
            user,
            Permission.VIEW,
            Unit.objects.filter(organisation_id=priority.organisation_id, archived_at__isnull=True),
            unit_field="",
        ).order_by("path")
    )
    definition_ids = set(serving(priority.organisation).get(priority.pk, {}))
    measures = (
        measure_selectors.measures(user)
        .filter(definition_id__in=definition_ids, archived_at__isnull=True)
        .select_related("definition", "snapshot")
    )
    plan_priorities = policy.visible(
        user,
        Permission.VIEW,
        PlanPriority.objects.filter(priority=priority, plan__year=year),
        unit_field="plan__unit",
    ).select_related("plan")
    runs = (
        policy.visible(
            user, Permission.VIEW, AuditRun.objects.filter(plan_audits__plan_priority__priority=priority)
        )
        .select_related("template")
        .distinct()
    )
    projects = (
        project_selectors.projects(user).filter(strategic_priority=priority).exclude(stage=Stage.CLOSED)
    )
    standards = list(
        Standard.objects.filter(
            organisation_id=priority.organisation_id, measures__in=definition_ids
        ).distinct()
    )
    project_ids = [p.pk for p in projects]
    run_ids = [r.pk for r in runs]
    actions = policy.visible(user, Permission.VIEW, Action.objects.filter(status__in=OPEN_STATUSES)).filter(
        source_kind=PROJECT_KIND, source_id__in=project_ids
    ) | policy.visible(user, Permission.VIEW, Action.objects.filter(status__in=OPEN_STATUSES)).filter(
        source_kind=AUDIT_KIND, source_id__in=run_ids
    )
    by_unit: dict[int, Node] = {}
    base = min((u.depth for u in units), default=0)
    nodes = []
    for unit in units:
        node = Node(unit, unit.depth - base)
        by_unit[unit.pk] = node
        nodes.append(node)
    for pp in plan_priorities:
        if pp.plan.unit_id in by_unit:
            by_unit[pp.plan.unit_id].plans.append(pp)
    for m in measures:
        if m.unit_id in by_unit:
            by_unit[m.unit_id].measures.append(m)
    for run in runs:
        if run.unit_id in by_unit:
            by_unit[run.unit_id].audits.append(run)
    for project in projects:
        if project.unit_id in by_unit:
            by_unit[project.unit_id].projects.append(project)
    for action in actions.select_related("owner"):
        if action.unit_id in by_unit:
            by_unit[action.unit_id].actions.append(action)
    if standards:
        for node in nodes:
            node.standards = _standard_rows(node.unit, standards)
    planned = {pp.plan.unit_id for pp in plan_priorities}
    with_plans = set(QualityPlan.objects.filter(year=year, unit__in=units).values_list("unit_id", flat=True))
    return LineOfSight(
        priority=priority,
        nodes=[n for n in nodes if not n.is_empty],
        units_not_taking_it_on=[u for u in units if u.pk in with_plans and u.pk not in planned],
        year=year,
    )


# --- from a unit: how does our work fit the strategy? --------------------------------------------


@dataclass
class Fit:
    unit: Unit
    plan: QualityPlan | None
    rows: list[tuple[StrategicPriority, list[Measure], list[AuditRun], list[Project]]]
    measures_serving_none: list[Measure]
    audits_serving_none: list[AuditRun]
    projects_serving_none: list[Project]


def fit(user: Any, unit: Unit) -> Fit:
    year = current_year()
    plan = policy.visible(user, Permission.VIEW, QualityPlan.objects.filter(unit=unit, year=year)).first()
    served = serving(unit.organisation)
    measures = list(measure_selectors.team_measures(user, unit))
    runs = list(
        policy.visible(user, Permission.VIEW, AuditRun.objects.filter(unit=unit))
        .exclude(status=RunStatus.CANCELLED)
        .filter(due_on__year__gte=year)
        .select_related("template")
    )
    from_plans: dict[int, int] = dict(
        PlanAudit.objects.filter(audit_run__in=runs).values_list("audit_run_id", "plan_priority__priority_id")
    )
    projects = list(project_selectors.projects(user).filter(unit=unit).exclude(stage=Stage.CLOSED))
    rows = []
    used_measures: set[int] = set()
    used_runs: set[int] = set()
    for priority in StrategicPriority.objects.filter(
        organisation_id=unit.organisation_id, retired_at__isnull=True
    ):
        ms = [m for m in measures if m.definition_id in served.get(priority.pk, {})]
        rs = [r for r in runs if from_plans.get(r.pk) == priority.pk]
        ps = [p for p in projects if p.strategic_priority_id == priority.pk]
        used_measures |= {m.pk for m in ms}
        used_runs |= {r.pk for r in rs}
        if ms or rs or ps:
            rows.append((priority, ms, rs, ps))
    return Fit(
        unit=unit,
        plan=plan,
        rows=rows,
        measures_serving_none=[m for m in measures if m.pk not in used_measures],
        audits_serving_none=[r for r in runs if r.pk not in used_runs],
        projects_serving_none=[p for p in projects if p.strategic_priority_id is None],
    )
