"""Reads of a project's driver diagram, change ideas and PDSA cycles (the project itself is already
fetched through the policy).
"""

from __future__ import annotations

from django.db.models import Count, QuerySet

from openqms.access import policy
from openqms.improvement.models import (
    DriverNode,
    NodeKind,
    PdsaCycle,
    Project,
)

Permission = policy.Permission


def tree(project: Project) -> list[DriverNode]:
    """The live primary drivers, each with `.kids` (and theirs), in order."""
    nodes = list(
        DriverNode.objects.filter(project=project, deleted_at__isnull=True)
        .annotate(n_cycles=Count("cycles"))
        .order_by("position", "pk")
    )
    by_parent: dict[int | None, list[DriverNode]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    for node in nodes:
        node.kids = by_parent.get(node.pk, [])  # type: ignore[attr-defined]
    return by_parent.get(None, [])


def flat(roots: list[DriverNode]) -> list[DriverNode]:
    found: list[DriverNode] = []
    for node in roots:
        found.append(node)
        found += flat(node.kids)  # type: ignore[attr-defined]
    return found


def ideas(project: Project) -> QuerySet[DriverNode]:
    return DriverNode.objects.filter(project=project, kind=NodeKind.CHANGE, deleted_at__isnull=True)


def cycles_of_project(project: Project) -> QuerySet[PdsaCycle]:
    return PdsaCycle.objects.filter(
        change_idea__project=project, change_idea__deleted_at__isnull=True
    ).select_related("change_idea")


def chains(idea: DriverNode) -> list[list[PdsaCycle]]:
    """The idea's cycles as ramps: each chain starts at a cycle with no previous and follows `next`."""
    cycles = list(idea.cycles.order_by("starts_on", "pk"))
    after = {c.previous_id: c for c in cycles if c.previous_id}
    found = []
    for first in (c for c in cycles if c.previous_id is None):
        chain, current = [first], first
        while current.pk in after:
            current = after[current.pk]
            chain.append(current)
        found.append(chain)
    return found
