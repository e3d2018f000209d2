"""Reads for planning, scoped to the person: the strategic priorities of their organisations and
the quality work that serves each one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.improvement.models import Project
from openqms.improvement.selectors import projects as project_selectors
from openqms.organisations.models import Organisation, StrategicPriority


@dataclass
class PriorityRow:
    priority: StrategicPriority
    projects: list[Project] = field(default_factory=list)

    @property
    def stage_counts(self) -> list[tuple[str, int]]:
        counts = Counter(p.get_stage_display() for p in self.projects)
        return sorted(counts.items())


@dataclass
class Strategy:
    organisation: Organisation
    rows: list[PriorityRow]
    retired: list[PriorityRow]
    unlinked_projects: int
    may_lead: bool


def organisations_of(user: Any) -> QuerySet[Organisation]:
    """The organisations where the person holds any role."""
    org_ids = policy.units_where(user, Permission.VIEW_UNIT).values("organisation_id")
    return Organisation.objects.filter(pk__in=org_ids, archived_at__isnull=True)


def may_set_priorities(user: Any, organisation: Organisation) -> bool:
    """Strategy is set by the organisation's leaders: a leading role on its top unit."""
    return policy.can(user, Permission.LEAD, organisation)


def priority(user: Any, pk: int) -> StrategicPriority | None:
    return (
        StrategicPriority.objects.filter(pk=pk, organisation__in=organisations_of(user))
        .select_related("organisation")
        .first()
    )


def strategy(user: Any, organisation: Organisation) -> Strategy:
    """Each priority with the projects the person may see that serve it."""
    priorities = list(StrategicPriority.objects.filter(organisation=organisation))
    projects = project_selectors.projects(user).filter(unit__organisation=organisation).select_related("unit")
    by_priority: dict[int | None, list[Project]] = {}
    for project in projects.order_by("title"):
        by_priority.setdefault(project.strategic_priority_id, []).append(project)
    rows = [PriorityRow(p, by_priority.get(p.pk, [])) for p in priorities]
    return Strategy(
        organisation=organisation,
        rows=[r for r in rows if not r.priority.is_retired],
        retired=[r for r in rows if r.priority.is_retired],
        unlinked_projects=len(by_priority.get(None, [])),
        may_lead=may_set_priorities(user, organisation),
    )
