"""What the views of every app share: a unit fetched through the policy, and a 404 for what may not
be done."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from openqms.access import policy
from openqms.organisations.models import Unit


def unit_for(request: HttpRequest, pk: int, permission: policy.Permission) -> Unit:
    """The unit, if the person has the permission on it; 404 otherwise, as for a missing unit.

    The permission has no default: seeing that a unit exists (VIEW_UNIT, which service users have)
    is not seeing its quality data (VIEW), and each page must say which it needs.
    """
    return policy.get_or_404(
        request.user,
        permission,
        Unit.objects.select_related("organisation", "parent"),
        unit_field="",
        pk=pk,
    )


def require(allowed: bool) -> None:
    """Out of scope answers 404, as everywhere: a person cannot learn what they may not change."""
    if not allowed:
        raise Http404("Not found")
