"""What the assurance views share."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from openqms.access import policy
from openqms.organisations.models import Unit

Permission = policy.Permission


def organisation_id(request: HttpRequest) -> int | None:
    unit = getattr(request, "current_unit", None)
    return unit.organisation_id if unit else None


def unit_for(request: HttpRequest, pk: int, action: policy.Permission = Permission.VIEW) -> Unit:
    return policy.get_or_404(
        request.user, action, Unit.objects.select_related("organisation"), unit_field="", pk=pk
    )


def require(allowed: bool) -> None:
    """Out of scope answers 404, as everywhere: a person cannot learn what they may not change."""
    if not allowed:
        raise Http404("Not found")
