"""What every improvement page shares: a project fetched through the policy (404 when out of scope)."""

from __future__ import annotations

from django.db.models import QuerySet

from openqms.access import policy
from openqms.improvement.models import Project
from openqms.improvement.selectors.projects import project_queryset
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission


def project_for(
    request: AuthenticatedHttpRequest,
    pk: int,
    action: Permission = Permission.VIEW,
    queryset: QuerySet[Project] | None = None,
) -> Project:
    """`queryset` (of the selectors) when a page reads more of the project than `project_queryset`."""
    found = project_queryset() if queryset is None else queryset
    return policy.get_or_404(request.user, action, found, pk=pk)
