"""What every improvement page shares: a project fetched through the policy (404 when out of scope)."""

from __future__ import annotations

from openqms.access import policy
from openqms.improvement.models import Project
from openqms.improvement.selectors.projects import project_queryset
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission


def project_for(request: AuthenticatedHttpRequest, pk: int, action: Permission = Permission.VIEW) -> Project:
    return policy.get_or_404(request.user, action, project_queryset(), pk=pk)
