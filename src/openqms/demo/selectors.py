"""Reads about the demo organisation, and the people its stories are told by."""

from __future__ import annotations

from typing import Any

from openqms.access.models import RoleAssignment
from openqms.demo.catalogue import ORGANISATION_CODE
from openqms.organisations.models import Organisation, Unit


def demo_organisation() -> Organisation | None:
    """The demo trust if this database holds it, found by its (fictional) organisation code."""
    return Organisation.objects.filter(code=ORGANISATION_CODE).first()


def person_on(unit: Unit, *roles: str) -> Any:
    """Someone holding one of the roles on the unit or the nearest unit above it."""
    holders = (
        RoleAssignment.objects.current()
        .filter(unit_id__in=[*unit.ancestor_ids, unit.pk], role__in=roles)
        .select_related("person")
        .order_by("-unit__depth", "person__username")
    )
    first = holders.first()
    return first.person if first else None
