"""Reads for administering organisations, units and roles, through the access policy's ADMINISTER right."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.organisations.models import Organisation, Unit

ADMINISTER = policy.Permission.ADMINISTER


def administers_anything(user: Any) -> bool:
    # A superuser administers the installation even before it has its first organisation.
    if getattr(user, "is_superuser", False) and getattr(user, "is_active", False):
        return True
    return any(g.role in policy.GRANTS[ADMINISTER] for g in policy.grants_of(user))


def require_administrator(user: Any) -> None:
    """404 for anyone who administers nothing, so the administration pages do not admit they exist."""
    if not administers_anything(user):
        raise Http404("Not found")


@dataclass
class AdministeredOrganisation:
    organisation: Organisation
    # The highest units the person administers in it (the root unit for an organisation administrator).
    top_units: list[Unit] = field(default_factory=list)
    may_edit: bool = False


def administered_organisations(user: Any) -> list[AdministeredOrganisation]:
    units = list(policy.units_where(user, ADMINISTER).select_related("organisation").order_by("path"))
    by_org: dict[int, AdministeredOrganisation] = {}
    for unit in units:
        entry = by_org.setdefault(unit.organisation_id, AdministeredOrganisation(unit.organisation))
        # Units arrive in path order, so an ancestor is always seen before its sub-tree.
        if not any(unit.is_within(top) for top in entry.top_units):
            entry.top_units.append(unit)
    for entry in by_org.values():
        entry.may_edit = any(u.parent_id is None for u in entry.top_units)
    return sorted(by_org.values(), key=lambda e: e.organisation.name)


def organisation_in_scope_or_404(user: Any, pk: Any) -> Organisation:
    """An organisation in which the person administers at least one unit (imports work on a part)."""
    try:
        organisation = Organisation.objects.get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found") from exc
    if not policy.units_where(user, ADMINISTER).filter(organisation=organisation).exists():
        raise Http404("Not found")
    return organisation


def unit_or_404(user: Any, pk: Any) -> Unit:
    return policy.get_or_404(
        user, ADMINISTER, Unit.objects.select_related("organisation", "parent"), unit_field="", pk=pk
    )


def assignment_or_404(user: Any, pk: Any) -> RoleAssignment:
    return policy.get_or_404(
        user, ADMINISTER, RoleAssignment.objects.select_related("unit", "unit__organisation", "person"), pk=pk
    )


def administered_units(user: Any, organisation: Organisation | None = None) -> QuerySet[Unit]:
    """Active units the person administers, in tree order."""
    units = (
        policy.units_where(user, ADMINISTER).filter(archived_at__isnull=True).select_related("organisation")
    )
    if organisation is not None:
        units = units.filter(organisation=organisation)
    return units.order_by("organisation__name", "path")


def move_targets(user: Any, unit: Unit) -> QuerySet[Unit]:
    """Where a unit may go: administered active units of its organisation, outside its own sub-tree."""
    targets = administered_units(user, unit.organisation).exclude(path__startswith=unit.path)
    return targets.exclude(pk=unit.parent_id) if unit.parent_id is not None else targets


def sub_units(unit: Unit) -> QuerySet[Unit]:
    # The caller administers `unit`, and the right reaches its whole sub-tree.
    return unit.children.all().order_by("archived_at", "name")


def assignments_on(unit: Unit) -> QuerySet[RoleAssignment]:
    """Every role held on the unit itself, current first, then future, then ended."""
    return unit.role_assignments.select_related("person").order_by("ends_on", "person__full_name", "role")


def current_roles_within(unit: Unit) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.current().filter(unit__path__startswith=unit.path)


def unit_history(unit: Unit) -> QuerySet[AuditEntry]:
    """Changes to the unit and to the roles held on it, newest first."""
    return AuditEntry.objects.filter(unit_id=unit.pk).order_by("-sequence")
