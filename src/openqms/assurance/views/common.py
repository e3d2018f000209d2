"""What the assurance views share."""

from __future__ import annotations

from django.http import HttpRequest

from openqms.access import policy

Permission = policy.Permission


def organisation_id(request: HttpRequest) -> int | None:
    unit = getattr(request, "current_unit", None)
    return unit.organisation_id if unit else None
