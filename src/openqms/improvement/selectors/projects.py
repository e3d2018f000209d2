"""Reads for improvement projects, each scoped through the access policy to what the person may see."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role, RoleAssignment
from openqms.actions.selectors import tracker as action_selectors
from openqms.assurance.models import Standard, StandardStatus
from openqms.assurance.selectors.standards import standards_visible
from openqms.audit.models import AuditEntry
from openqms.audit.selectors import history_of
from openqms.control.models import Escalation, Measure
from openqms.control.responses import Response
from openqms.improvement.models import (
    DriverNode,
    PdsaCycle,
    Project,
    ProjectMeasure,
    ProjectTask,
    Stage,
)
from openqms.organisations.models import Organisation, StrategicPriority, Unit
from openqms.people.models import User

Permission = policy.Permission


def project_queryset() -> QuerySet[Project]:
    """For `policy.get_or_404`: a project with what its pages always show."""
    return Project.objects.select_related(
        "unit", "unit__organisation", "sponsor", "lead", "aim_measure__definition", "aim_measure__unit",
        "escalation", "source_measure__definition", "source_measure__unit",
    )  # fmt: skip


def project_page_queryset() -> QuerySet[Project]:
    """The project page's project: what every page shows, and the charter's domain and priority."""
    return project_queryset().select_related("quality_domain", "strategic_priority")


def projects(user: Any, action: Permission = Permission.VIEW) -> QuerySet[Project]:
    return policy.visible(user, action, Project.objects.all())


@dataclass
class PortfolioRow:
    project: Project
    measures: list[ProjectMeasure]  # only those the person may see
    overdue_cycles: int
    # Measures of the project the person may not see: counted, never named (ADR 31).
    hidden_measures: int = 0
    passed_gates: int = 0  # DMAIC gates passed, which tells the phase open now


@dataclass
class Portfolio:
    rows: list[PortfolioRow]
    stage_counts: dict[str, int] = field(default_factory=dict)


def portfolio(
    user: Any,
    unit: Unit | None,
    *,
    stage: str = "",
    domain: str = "",
    priority: int | None = None,
    sponsored: bool = False,
    include_closed: bool = True,
    method: str = "",
) -> Portfolio:
    found = projects(user)
    if unit is not None and not sponsored:  # a sponsor sees every project they sponsor, wherever it is
        found = found.filter(unit__path__startswith=unit.path)
    # The stage counts are of every project here, before the filters: counted from the rows when
    # nothing filters them (the portfolio as it first opens), else by a query of their own.
    filtered = bool(stage or domain or priority is not None or method or sponsored or not include_closed)
    counts = dict(found.values_list("stage").annotate(n=Count("pk")).order_by()) if filtered else {}
    if stage:
        found = found.filter(stage=stage)
    elif not include_closed:
        found = found.exclude(stage=Stage.CLOSED)
    if domain:
        found = found.filter(quality_domain__key=domain)
    if priority is not None:
        found = found.filter(strategic_priority_id=priority)
    if method:
        found = found.filter(method=method)
    if sponsored:
        found = found.filter(sponsor=user)
    today = timezone.localdate()
    found = (
        found.select_related("unit", "sponsor", "strategic_priority", "quality_domain")
        .prefetch_related(
            # The rows show each measure's name and variation icon: not its stored SPC result.
            Prefetch(
                "project_measures",
                ProjectMeasure.objects.select_related("measure__definition", "measure__snapshot").only(
                    "project_id",
                    "measure_id",
                    "measure__definition__name",
                    "measure__snapshot__variation_icon",
                ),
            )
        )
        .annotate(
            overdue=Count(
                "nodes__cycles",
                filter=Q(
                    nodes__cycles__decision="",
                    nodes__cycles__ends_on__lt=today,
                    nodes__deleted_at__isnull=True,
                ),
                distinct=True,
            ),
            passed_gates=Count("gate_reviews", filter=Q(gate_reviews__outcome="passed"), distinct=True),
        )
    )
    listed = list(found.order_by("title"))
    if not filtered:
        counts = dict(Counter(p.stage for p in listed))
    every = {pm.measure_id for p in listed for pm in p.project_measures.all()}
    seen = set(
        policy.visible(user, policy.Permission.VIEW, Measure.objects.filter(pk__in=every)).values_list(
            "pk", flat=True
        )
    )
    rows = []
    for p in listed:
        measures = list(p.project_measures.all())
        shown = [pm for pm in measures if pm.measure_id in seen]
        rows.append(PortfolioRow(p, shown, p.overdue, len(measures) - len(shown), p.passed_gates))
    return Portfolio(rows, counts)


def lessons(user: Any, query: str) -> QuerySet[Project]:
    """Lessons learned from projects across the person's organisations.

    See docs/adr/0013-project-teams-and-lessons-learned.md."""
    org_ids = policy.units_where(user, Permission.VIEW).values("organisation_id")
    found = Project.objects.filter(unit__organisation_id__in=org_ids).exclude(lessons="")
    for word in query.split()[:8]:
        found = found.filter(
            Q(lessons__icontains=word) | Q(title__icontains=word) | Q(problem__icontains=word)
        )
    return found.select_related("unit").order_by("-closed_at", "title")


def people_of(organisation: Organisation, roles: set[str]) -> QuerySet[Any]:
    """People holding one of these roles, today, somewhere in the organisation."""
    holders = RoleAssignment.objects.current().filter(unit__organisation=organisation, role__in=roles)
    return get_user_model().objects.filter(pk__in=holders.values("person_id")).order_by("full_name")


def people_near(
    user: Any, organisation: Organisation, roles: set[str], *, keep: tuple[int | None, ...] = ()
) -> QuerySet[Any]:
    """Who a picker offers (ADR 31): people with these roles on the units whose people the person
    may see, the leaders of the units above theirs (a project's natural sponsors), and `keep` (the
    values a form holds already). Others are found by exact name or e-mail, never listed.
    """
    current = RoleAssignment.objects.current().filter(unit__organisation=organisation, role__in=roles)
    seen_units = policy.units_where(user, Permission.VIEW_PEOPLE).values("pk")
    own = Unit.objects.filter(pk__in=[g.unit_id for g in policy.grants_of(user)])
    above = {pk for unit in own for pk in unit.ancestor_ids}
    near = current.filter(
        Q(unit__in=seen_units) | Q(unit_id__in=above, role__in=(Role.SENIOR_LEADER, Role.TEAM_LEADER))
    )
    return (
        get_user_model()
        .objects.filter(Q(pk__in=near.values("person_id")) | Q(pk__in=[pk for pk in keep if pk is not None]))
        .order_by("full_name")
    )


def people_reaching(unit: Unit, roles: set[str] | frozenset[str]) -> QuerySet[Any]:
    """People with one of these roles today on the unit or a unit above it."""
    holders = RoleAssignment.objects.current().filter(
        unit_id__in=[*unit.ancestor_ids, unit.pk], role__in=roles
    )
    return get_user_model().objects.filter(pk__in=holders.values("person_id")).order_by("full_name")


def staff_reaching(unit: Unit) -> QuerySet[Any]:
    """People with a staff role today on the unit or a unit above it: who may own its tasks."""
    return people_reaching(unit, policy.STAFF)


def sponsors_of(organisation: Organisation) -> QuerySet[Any]:
    return people_of(organisation, {Role.SENIOR_LEADER})


def measures_for(user: Any, organisation: Organisation) -> QuerySet[Measure]:
    return (
        policy.visible(user, Permission.VIEW, Measure.objects.filter(archived_at__isnull=True))
        .filter(unit__organisation=organisation)
        .select_related("definition", "unit")
        .order_by("definition__name", "unit__path")
    )


def escalations_for(user: Any, organisation: Organisation) -> QuerySet[Escalation]:
    return (
        policy.visible(user, Permission.VIEW, Escalation.objects.all(), unit_field="origin_unit")
        .filter(origin_unit__organisation=organisation)
        .select_related("origin_unit")
    )


def _answering(found: QuerySet[Project]) -> QuerySet[Project]:
    return found.select_related("unit").order_by("closed_at", "-starts_on", "pk")


def _as_response(project: Project, kind: str = "Improvement project") -> Response:
    return Response(
        kind=kind,
        title=project.title,
        url=reverse("improvement:project", args=[project.pk]),
        status=project.get_stage_display(),
        unit=project.unit.name,
    )


def escalation_responses(user: User, escalation: Escalation) -> list[Response]:
    """The projects the person may see that were started to answer the escalation."""
    return [_as_response(p) for p in _answering(projects(user).filter(escalation=escalation))]


def _use_of(project: Project, measure: Measure) -> str:
    if project.aim_measure_id == measure.pk:
        return "its aim"
    if project.source_measure_id == measure.pk:
        return "started from this measure's concern"
    use = next(pm for pm in project.project_measures.all() if pm.measure_id == measure.pk)
    return f"{use.get_role_display().lower()} measure"


def measure_responses(user: User, measure: Measure) -> list[Response]:
    """The projects the person may see that aim at, measure, or were started from the measure,
    each saying which."""
    found = _answering(
        projects(user)
        .filter(Q(aim_measure=measure) | Q(source_measure=measure) | Q(project_measures__measure=measure))
        .distinct()
        .prefetch_related("project_measures")
    )
    return [_as_response(p, f"Improvement project ({_use_of(p, measure)})") for p in found]


def tasks(user: Any, project: Project) -> QuerySet[ProjectTask]:
    """The project's tasks whose actions the person may see, soonest due first, open ones first."""
    visible = action_selectors.visible(user).values("pk")
    return (
        ProjectTask.objects.filter(project=project, action__in=visible)
        .select_related("action__owner")
        .order_by("action__closed_at", "action__due_on", "pk")
    )


def standards_for_change(user: Any, project: Project) -> QuerySet[Standard]:
    """The standards in use in the project's organisation that the person may see: those a change
    the team adopted may be proposed for."""
    return (
        standards_visible(user)
        .filter(organisation_id=project.unit.organisation_id)
        .exclude(status=StandardStatus.RETIRED)
        .order_by("domain", "code")
    )


def priorities_for(user: Any) -> QuerySet[StrategicPriority]:
    """The strategic priorities of the organisations where the person may see quality work."""
    org_ids = policy.units_where(user, Permission.VIEW).values("organisation_id")
    return StrategicPriority.objects.filter(organisation_id__in=org_ids)


def priorities_of(organisation: Organisation, keep: int | None = None) -> QuerySet[StrategicPriority]:
    """The organisation's current strategic priorities (and a retired one a project already names)."""
    return StrategicPriority.objects.filter(organisation=organisation).filter(
        Q(retired_at__isnull=True) | Q(pk=keep)
    )


def history(project: Project) -> QuerySet[AuditEntry]:
    # The table names who acted by the name the entry keeps (`actor_name`): no join to the person.
    return history_of(project)


def my_panel(user: Any) -> dict[str, Any]:
    """My QMS: projects I lead, sponsor or work on, and their overdue PDSA cycles."""
    if not getattr(user, "is_authenticated", False):
        return {}
    mine = (
        projects(user)
        .filter(Q(lead=user) | Q(sponsor=user) | Q(members__person=user))
        .exclude(stage=Stage.CLOSED)
        .distinct()
        .select_related("unit")
        .order_by("title")
    )
    today = timezone.localdate()
    overdue = (
        PdsaCycle.objects.filter(change_idea__project__in=mine.values("pk"), decision="", ends_on__lt=today)
        .filter(change_idea__deleted_at__isnull=True)
        .select_related("change_idea__project")
        .order_by("ends_on")
    )
    flagged = policy.visible(
        user,
        Permission.LEAD,
        DriverNode.objects.filter(flagged_for_standard=True, deleted_at__isnull=True),
        "project__unit",
    ).select_related("project")
    # Nothing is asked of the database for what the person's scope leaves empty (`policy.visible`
    # gave none), and no cycle can be overdue in projects they have none of.
    # Each list reads only what the panel shows of it.
    projects_list = (
        []
        if mine.query.is_empty()
        else list(mine.only("title", "stage", "progress_score", "sponsor_id", "lead_id", "unit__name")[:10])
    )
    flagged_list = (
        []
        if flagged.query.is_empty()
        else list(flagged.only("project_id", "text", "standard_note", "project__title")[:10])
    )
    overdue_list = (
        list(overdue.only("title", "ends_on", "change_idea__project_id", "change_idea__project__title")[:10])
        if projects_list
        else []
    )
    return {
        "projects": projects_list,
        "overdue": overdue_list,
        "flagged": flagged_list,
        "any": bool(projects_list or flagged_list),
    }
