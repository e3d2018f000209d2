"""Reads for the application shell, always through the access policy."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role, RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.organisations.models import Unit

# Roles that open a unit's quality data: a grant of one is shown to the unit's leaders.
CLINICAL_ROLES = (Role.SENIOR_LEADER, Role.TEAM_LEADER, Role.CLINICIAN, Role.TEAM_MEMBER)
GRANTS_NOTICED_FOR = dt.timedelta(days=30)


@dataclass(frozen=True)
class NoticedGrant:
    assignment: RoleAssignment
    granted_by: str


@dataclass(frozen=True)
class PersonOnUnit:
    person: Any
    roles: list[str]
    assignments: list[RoleAssignment]


@dataclass(frozen=True)
class SwitchableUnit:
    """A unit in the header's switcher: only what the switcher shows (every page draws it, and
    model instances with their organisation cost several times these few columns)."""

    pk: int
    name: str
    depth: int
    organisation_id: int
    organisation_code: str


def switchable_units(user: Any) -> list[SwitchableUnit]:
    """Every active unit the person may open, in tree order."""
    rows = (
        policy.units_where(user, policy.Permission.VIEW_UNIT)
        .filter(archived_at__isnull=True)
        .order_by("path")
        .values_list("pk", "name", "depth", "organisation_id", "organisation__code")
    )
    return [SwitchableUnit(*row) for row in rows]


def my_roles(user: Any) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.current()
        .filter(person=user)
        .select_related("unit", "unit__organisation")
        # What My QMS's table shows: not the organisation's four questions nor the unit's tree.
        .only("role", "starts_on", "ends_on", "unit__name", "unit__kind", "unit__organisation__name")
        .order_by("unit__path", "role")
    )


def sub_units(user: Any, unit: Unit, include_archived: bool = False) -> QuerySet[Unit]:
    children = policy.visible(user, policy.Permission.VIEW_UNIT, unit.children.all(), unit_field="")
    return children if include_archived else children.filter(archived_at__isnull=True)


def sub_units_apart(user: Any, unit: Unit) -> tuple[list[Unit], list[Unit]]:
    """The unit's sub-units the person may see, active and archived apart, in one query."""
    children = list(sub_units(user, unit, include_archived=True))
    return [c for c in children if c.archived_at is None], [c for c in children if c.archived_at is not None]


def breadcrumbs(user: Any, unit: Unit) -> list[Unit]:
    """The unit's ancestors the person may see, root first (a service user may see only part)."""
    ancestors = list(unit.ancestors().only("name", "path"))
    return [a for a in ancestors if policy.can(user, policy.Permission.VIEW_UNIT, a)]


def people_on(user: Any, unit: Unit) -> list[PersonOnUnit]:
    """People holding current roles on this unit itself, with their roles; empty if not allowed."""
    if not policy.can(user, policy.Permission.VIEW_PEOPLE, unit):
        return []
    by_person: dict[int, list[RoleAssignment]] = defaultdict(list)
    people: dict[int, Any] = {}
    found = (
        RoleAssignment.objects.current()
        .filter(unit=unit)
        .select_related("person")
        .only("role", "person__full_name", "person__username", "person__job_title")
    )
    for assignment in found:
        by_person[assignment.person_id].append(assignment)
        people[assignment.person_id] = assignment.person
    order = list(Role.values)
    result = [
        PersonOnUnit(
            person=people[pid],
            roles=[a.get_role_display() for a in sorted(items, key=lambda a: order.index(a.role))],
            assignments=items,
        )
        for pid, items in by_person.items()
    ]
    return sorted(result, key=lambda p: (min(order.index(a.role) for a in p.assignments), str(p.person)))


def subtree_counts(user: Any, unit: Unit) -> dict[str, int]:
    """How many units and people sit under this unit (for the unit page summary)."""
    units = policy.visible(user, policy.Permission.VIEW_UNIT, unit.subtree().active(), unit_field="")
    counts = {"units": units.count() - 1}
    if policy.can(user, policy.Permission.VIEW_PEOPLE, unit):
        counts["people"] = (
            RoleAssignment.objects.current()
            .filter(unit__path__startswith=unit.path)
            .values("person")
            .distinct()
            .count()
        )
    return counts


def role_grants_to_notice(user: Any) -> list[NoticedGrant]:
    """Clinical roles given in the last 30 days on units this person leads, with who gave each.

    Leaders see who was let into their units' data, so that a grant nobody asked for is noticed
    by someone who is not an administrator.
    """
    since = timezone.now() - GRANTS_NOTICED_FOR
    found = policy.visible(
        user,
        policy.Permission.LEAD,
        RoleAssignment.objects.filter(role__in=CLINICAL_ROLES, created_at__gte=since).exclude(person=user),
    )
    if found.query.is_empty():  # the person leads no unit: nothing to ask the database
        return []
    grants = list(
        found.select_related("person", "unit")
        # What the list shows of each (up to 50 rows of three models): not the people's whole rows.
        .only("role", "created_at", "person__full_name", "person__username", "unit__name")
        .order_by("-created_at")[:50]
    )
    if not grants:
        return []
    by = dict(
        AuditEntry.objects.filter(
            object_type=RoleAssignment._meta.label_lower,
            action=AuditEntry.Action.CREATE,
            object_id__in=[str(g.pk) for g in grants],
        ).values_list("object_id", "actor_name")
    )
    return [NoticedGrant(g, by.get(str(g.pk), "")) for g in grants]
