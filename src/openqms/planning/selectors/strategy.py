"""Reads for the strategy pages, scoped to the person: the organisation's current strategy and its
versions, its goals with their priorities (domains, executive owner, outcome measures), and the
priorities that apply to a unit.

What "applies to a unit" means (ADR 24): every priority of the organisation applies to all of it,
so a unit's page lists them all; first those whose work reaches the unit's sub-tree (an outcome
measure reported there, or an improvement project there serving the priority), each saying what
reaches it, then the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.control.models import Measure, MeasureDefinition
from openqms.improvement.selectors import projects as project_selectors
from openqms.organisations.models import (
    Organisation,
    QualityDomain,
    StrategicGoal,
    StrategicPriority,
    StrategyVersion,
    Unit,
)
from openqms.organisations.selectors import domain_label
from openqms.planning.models import FrameworkMeasure
from openqms.planning.selectors.priorities import may_set_priorities, organisations_of


@dataclass
class PriorityView:
    priority: StrategicPriority
    domains: list[str]
    owner: str
    measures: list[MeasureDefinition]


@dataclass
class GoalView:
    goal: StrategicGoal
    priorities: list[PriorityView] = field(default_factory=list)


@dataclass
class StrategyPage:
    organisation: Organisation
    version: StrategyVersion | None
    versions: list[StrategyVersion]
    goals: list[GoalView]
    retired_goals: list[GoalView]
    may_lead: bool


def _priority_views(priorities: QuerySet[StrategicPriority]) -> list[PriorityView]:
    rows = list(priorities.select_related("executive_owner").prefetch_related("domains"))
    measures: dict[int, list[MeasureDefinition]] = {}
    links = FrameworkMeasure.objects.filter(priority__in=rows, service__isnull=True).select_related(
        "definition"
    )
    for link in links.order_by("definition__name"):
        measures.setdefault(link.priority_id, []).append(link.definition)
    return [
        PriorityView(
            priority=p,
            domains=[domain_label(d) for d in p.domains.all()],
            owner=p.executive_owner.get_full_name() if p.executive_owner else "",
            measures=measures.get(p.pk, []),
        )
        for p in rows
    ]


def strategy_page(user: Any, organisation: Organisation) -> StrategyPage:
    versions = list(StrategyVersion.objects.filter(organisation=organisation).order_by("-number"))
    views = _priority_views(
        StrategicPriority.objects.filter(organisation=organisation, retired_at__isnull=True)
    )
    goals = [GoalView(g) for g in StrategicGoal.objects.filter(organisation=organisation)]
    by_goal = {g.goal.pk: g for g in goals}
    for view in views:
        by_goal[view.priority.goal_id].priorities.append(view)
    return StrategyPage(
        organisation=organisation,
        version=versions[0] if versions else None,
        versions=versions,
        goals=[g for g in goals if not g.goal.is_retired],
        retired_goals=[g for g in goals if g.goal.is_retired],
        may_lead=may_set_priorities(user, organisation),
    )


def version(user: Any, organisation: Organisation, number: int) -> StrategyVersion | None:
    if not organisations_of(user).filter(pk=organisation.pk).exists():
        return None
    return StrategyVersion.objects.filter(organisation=organisation, number=number).first()


def goal(user: Any, pk: int) -> StrategicGoal | None:
    return (
        StrategicGoal.objects.filter(pk=pk, organisation__in=organisations_of(user))
        .select_related("organisation")
        .first()
    )


def goals_of(organisation: Organisation, keep: int | None = None) -> QuerySet[StrategicGoal]:
    """The goals a priority may go under: those in use, and the one it has."""
    found = StrategicGoal.objects.filter(organisation=organisation)
    return found.filter(retired_at__isnull=True) | found.filter(pk=keep or 0)


def domains_to_choose(organisation: Organisation, keep: list[int] | None = None) -> QuerySet[QualityDomain]:
    found = QualityDomain.objects.filter(organisation=organisation)
    return found.filter(retired_at__isnull=True) | found.filter(pk__in=keep or [])


def definitions_to_choose(organisation: Organisation) -> QuerySet[MeasureDefinition]:
    """The organisation's library: any definition may show a priority's progress."""
    return MeasureDefinition.objects.filter(organisation=organisation, archived_at__isnull=True).order_by(
        "name"
    )


def outcome_measures(priority: StrategicPriority) -> QuerySet[MeasureDefinition]:
    """The priority's outcome measures: its rows of the measurement framework for the whole organisation."""
    ids = FrameworkMeasure.objects.filter(priority=priority, service__isnull=True).values("definition_id")
    return MeasureDefinition.objects.filter(pk__in=ids)


@dataclass
class UnitPriority:
    priority: StrategicPriority
    goal: str
    reaches: list[str]


@dataclass
class UnitPriorities:
    touching: list[UnitPriority]
    others: list[UnitPriority]
    may_read: bool


def unit_priorities(user: Any, unit: Unit) -> UnitPriorities:
    """The organisation's priorities in use, those whose work reaches the unit's sub-tree first."""
    if not organisations_of(user).filter(pk=unit.organisation_id).exists():
        return UnitPriorities([], [], may_read=False)
    priorities = list(
        StrategicPriority.objects.filter(organisation_id=unit.organisation_id, retired_at__isnull=True)
        .select_related("goal")
        .only("title", "goal__title")  # what the unit's page names
        .order_by("goal__position", "position", "pk")
    )
    measures = policy.visible(user, Permission.VIEW, Measure.objects.filter(archived_at__isnull=True)).filter(
        unit__path__startswith=unit.path
    )
    # The framework's rows whose definition a measure the person may see reports here: one query,
    # the measures a subquery of it.
    measure_counts: dict[int, int] = {}
    links = FrameworkMeasure.objects.filter(
        priority__in=priorities,
        service__isnull=True,
        definition_id__in=measures.order_by().values("definition_id"),
    )
    for priority_id in links.order_by().values_list("priority_id", flat=True):
        measure_counts[priority_id] = measure_counts.get(priority_id, 0) + 1
    project_counts: dict[int, int] = {}
    projects = project_selectors.projects(user).filter(
        unit__path__startswith=unit.path, strategic_priority__in=priorities
    )
    for priority_id in projects.order_by().values_list("strategic_priority_id", flat=True):
        project_counts[priority_id] = project_counts.get(priority_id, 0) + 1
    touching: list[UnitPriority] = []
    others: list[UnitPriority] = []
    for p in priorities:
        reaches = []
        if n := measure_counts.get(p.pk):
            reaches.append(f"{n} outcome measure{'s' if n != 1 else ''} reported here")
        if n := project_counts.get(p.pk):
            reaches.append(f"{n} improvement project{'s' if n != 1 else ''} here")
        (touching if reaches else others).append(UnitPriority(p, p.goal.title, reaches))
    return UnitPriorities(touching, others, may_read=True)
