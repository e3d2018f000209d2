"""The demo's annual quality plans and measurement framework.

For the trust, the Medicine division and the demo ward: last year's plan approved with its results
(its audits are the ones the demo ran that year, its project the one the ward ran), this year's
approved and carried out (targets set on the measures, audits scheduled, a project proposed), and
next year's in draft with the team's and a service user's comments. Everything goes through
planning's services, approved by the leaders of the tier above, as in real use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from openqms.access.models import Role
from openqms.assurance.models import AuditRun, AuditTemplate
from openqms.control.models import Measure, MeasureDefinition, SpcSnapshot
from openqms.demo.logins import BOARD, DEMO_DIVISION, DEMO_WARD
from openqms.demo.project_parts import PRIORITIES, login
from openqms.demo.selectors import person_on
from openqms.improvement.models import Project
from openqms.organisations.models import Organisation, StrategicPriority, Unit
from openqms.planning.models.framework import FrameworkMeasure
from openqms.planning.models.plans import PlanAudit, PlanPriority, PlanProject, QualityPlan, year_of
from openqms.planning.services import framework as framework_services
from openqms.planning.services import plans as services

STAFF = (Role.TEAM_LEADER, Role.CLINICIAN, Role.TEAM_MEMBER, Role.SENIOR_LEADER)
WHY = {
    "No avoidable harm": "Falls and pressure ulcers are our commonest harms; the charts show where.",
    "Care without waiting": "Patients ready to go home wait too long for medicines and transport.",
    "Working with patients and carers": "Service users asked to shape changes, not only hear of them.",
    "A great place to work": "Sickness absence rose last winter; staff asked for protected time to improve.",
}
RESOURCES = (
    "Two hours a week of the ward manager's time, the QI team's coaching, and the data analyst's help."
)


def _framework(organisation: Organisation) -> int:
    """Each priority's measures from the library, by the quality domain the priority answers; the
    last priority is left with none, so the framework shows a gap."""
    senior = login("demo.senior")
    added = 0
    for title, _description, domain in PRIORITIES:
        priority = StrategicPriority.objects.filter(organisation=organisation, title=title).first()
        if priority is None:
            continue
        # The strategy's outcome measures are framework rows already (ADR 24).
        have = set(
            priority.framework_measures.filter(service__isnull=True).values_list("definition_id", flat=True)
        )
        domains = [domain] if domain else (["person_centred"] if "patients" in title else [])
        for definition in MeasureDefinition.objects.filter(
            organisation=organisation, quality_domain__key__in=domains, archived_at__isnull=True
        ).order_by("name")[:6]:
            if definition.pk in have:
                continue
            framework_services.add_framework_measure(actor=senior, priority=priority, definition=definition)
            added += 1
    return added


def _templates(organisation: Organisation) -> list[AuditTemplate]:
    return list(
        AuditTemplate.objects.filter(organisation=organisation, versions__published_at__isnull=False)
        .distinct()
        .order_by("name")[:2]
    )


def _approver(unit: Unit) -> Any:
    above = unit.parent or unit
    return person_on(above, Role.SENIOR_LEADER, Role.TEAM_LEADER)


def _draft(
    unit: Unit, year: int, priorities: list[StrategicPriority], summary: str
) -> tuple[QualityPlan, list[PlanPriority]]:
    leader = person_on(unit, Role.TEAM_LEADER, Role.SENIOR_LEADER)
    plan = services.create_plan(
        actor=leader, unit=unit, year=year, summary=summary, shared_with_service_users=unit.code == DEMO_WARD
    )
    items = [
        services.add_priority(
            actor=leader,
            plan=plan,
            priority=p,
            is_improvement_priority=i < 3,
            why=WHY.get(p.title, ""),
            resources=RESOURCES if i == 0 else "",
        )
        for i, p in enumerate(priorities)
    ]
    return plan, items


def _better(measure: Measure, by: float) -> float:
    """A target a little better than the measure's latest value, in its direction of improvement;
    a percentage never past 100."""
    snapshot = SpcSnapshot.objects.filter(measure=measure).first()
    last = snapshot.last_value if snapshot and snapshot.last_value is not None else 10.0
    if measure.definition.direction == "decrease":
        return round(last * (1 - by), 1)
    if measure.definition.unit_of_measurement.startswith("%"):
        return round(min(100.0, last + (100.0 - last) * by), 1)
    return round(last * (1 + by), 1)


def _targets(plan: QualityPlan, items: list[PlanPriority], tighter: float) -> None:
    """For each priority, a target on one of the unit's measures that the framework says shows
    progress on it."""
    leader = plan.created_by
    used: set[int] = set()
    measures = list(
        Measure.objects.filter(unit=plan.unit, archived_at__isnull=True).select_related("definition")
    )
    for item in items:
        serving = set(
            FrameworkMeasure.objects.filter(priority=item.priority).values_list("definition_id", flat=True)
        )
        measure = next((m for m in measures if m.definition_id in serving and m.pk not in used), None)
        if measure is None:
            continue
        used.add(measure.pk)
        services.add_target(
            actor=leader, plan_priority=item, measure=measure, target=_better(measure, tighter)
        )


def _last_year(
    unit: Unit, year: int, priorities: list[StrategicPriority], templates: list[AuditTemplate]
) -> None:
    plan, items = _draft(
        unit, year, priorities[:3], f"What {unit.name} set out to do in {year}/{(year + 1) % 100:02d}."
    )
    _targets(plan, items, tighter=0.1)
    leader = plan.created_by
    runs = AuditRun.objects.filter(
        unit__path__startswith=unit.path, due_on__gte=plan.starts_on, due_on__lte=plan.ends_on
    )
    for template in templates:
        planned = services.add_audit(
            actor=leader,
            plan_priority=items[0],
            template=template,
            due_on=min(plan.ends_on, dt.date(year, 10, 1)),
        )
        # The plan's audit is the one the demo ran that year: linked as if this plan had scheduled it.
        done = runs.filter(template=template, unit=unit).order_by("-status").first()
        if done is not None:
            PlanAudit.objects.filter(pk=planned.pk).update(audit_run=done)
    project = Project.objects.filter(
        unit=unit, strategic_priority=priorities[0], aim_measure__unit=unit
    ).first()
    if project is not None:
        planned_project = services.add_project(
            actor=leader,
            plan_priority=items[0],
            title=project.title,
            aim=project.aim,
            aim_measure=project.aim_measure,
            aim_target=project.aim_target,
            lead=project.lead,
        )
        PlanProject.objects.filter(pk=planned_project.pk).update(project=project)
    services.submit(actor=leader, plan=plan)
    services.approve(
        actor=_approver(unit), plan=plan, text="Approved: a clear plan that answers last year's data."
    )


def _this_year(
    unit: Unit, year: int, priorities: list[StrategicPriority], templates: list[AuditTemplate], today: dt.date
) -> QualityPlan:
    plan, items = _draft(
        unit,
        year,
        priorities,
        f"{unit.name}'s quality plan: safer care, shorter waits, and service users as partners.",
    )
    _targets(plan, items, tighter=0.15)
    leader = plan.created_by
    due = max(today + dt.timedelta(days=30), plan.starts_on)
    for i, template in enumerate(templates):
        when = min(plan.ends_on, due + dt.timedelta(days=60 * i))
        services.add_audit(
            actor=leader, plan_priority=items[i % 2], template=template, due_on=when, recurrence="quarterly"
        )
    # The improvement work: a project on the harm priority's measure, aiming past its target.
    harm = items[0].targets.select_related("measure__definition").first()
    lead = person_on(unit, *STAFF)
    if harm is not None and lead is not None:
        name = harm.measure.definition.name
        aim_target = _better(harm.measure, 0.25)
        services.add_project(
            actor=leader,
            plan_priority=items[0],
            title=f"Safer care at night on {unit.name}",
            aim=f"{name}: {aim_target:g} or better by the end of March, through safer night-time routines.",
            aim_measure=harm.measure,
            aim_target=aim_target,
            lead=lead,
        )
    if leader is not None:
        services.comment(actor=leader, plan=plan, text="Drafted with the team at the March away day.")
    services.submit(actor=leader, plan=plan)
    approver = _approver(unit)
    if unit.parent is not None:
        services.return_plan(actor=approver, plan=plan, text="Say what resources the harm priority needs.")
        services.submit(actor=leader, plan=plan)
    services.approve(actor=approver, plan=plan, text="Approved.")
    return plan


def _next_year(unit: Unit, year: int, priorities: list[StrategicPriority]) -> None:
    plan, _items = _draft(unit, year, priorities, "Draft: building on this year's results.")
    member = person_on(unit, Role.TEAM_MEMBER, Role.CLINICIAN) or plan.created_by
    if member is None:
        return
    services.comment(
        actor=member,
        plan=plan,
        text="Could we add a priority on night-time noise? Patients mention it often.",
    )
    service_user = login("demo.serviceuser")
    if service_user is not None and unit.code == DEMO_WARD:
        services.comment(
            actor=service_user, plan=plan, text="Please tell families how the falls work is going."
        )


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """Add the demo's framework and plans unless the organisation has plans already, or has no
    quality data yet (a bare tree of units and people); the number of plans added."""
    if QualityPlan.objects.filter(unit__organisation=organisation).exists():
        return 0
    if not MeasureDefinition.objects.filter(organisation=organisation).exists():
        return 0
    priorities = list(StrategicPriority.objects.filter(organisation=organisation, retired_at__isnull=True))
    if len(priorities) < 3:
        return 0
    _framework(organisation)
    templates = _templates(organisation)
    year = year_of(today)
    units = [
        u for code in (BOARD, DEMO_DIVISION, DEMO_WARD) if (u := organisation.units.filter(code=code).first())
    ]
    for unit in units:
        if _approver(unit) is None or person_on(unit, Role.TEAM_LEADER, Role.SENIOR_LEADER) is None:
            continue
        _last_year(unit, year - 1, priorities, templates)
        plan = _this_year(unit, year, priorities, templates, today)
        if unit.parent is None:
            services.sign_off(actor=_approver(unit), plan=plan)
        _next_year(unit, year + 1, priorities)
    _as_in_spring(organisation)
    return QualityPlan.objects.filter(unit__organisation=organisation).count()


def _as_in_spring(organisation: Organisation) -> None:
    """The demo's plans were agreed before their years began, as a trust's are: submitted in
    February, approved in mid-March and signed off by the end of March. (Loaded today, they would
    all read as approved late.) The audit trail keeps the moment the demo wrote them."""
    for plan in QualityPlan.objects.filter(unit__organisation=organisation):
        moments = {"submitted_at": (2, 20), "approved_at": (3, 15), "signed_off_at": (3, 28)}
        dated = {
            field: timezone.make_aware(dt.datetime(plan.year, month, day, 10, 0))
            for field, (month, day) in moments.items()
            if getattr(plan, field) is not None
        }
        if dated:
            QualityPlan.objects.filter(pk=plan.pk).update(**dated)
