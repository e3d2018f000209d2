"""What the assurance views share."""

from __future__ import annotations

from openqms.access import policy
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission


def organisation_id(request: AuthenticatedHttpRequest) -> int | None:
    unit = getattr(request, "current_unit", None)
    return unit.organisation_id if unit else None
