"""The assurance home: compliance and gaps for the current unit's sub-tree."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from openqms.access import policy
from openqms.assurance import compliance
from openqms.assurance.models import AuditRun, RunStatus
from openqms.assurance.views.common import Permission
from openqms.nhsuk.views import unit_for
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest


def _render(request: AuthenticatedHttpRequest, unit: Unit | None) -> HttpResponse:
    context: dict[str, Any] = {"page": "assurance", "unit": unit, "section": "assurance"}
    if unit is not None and policy.can(request.user, Permission.VIEW, unit):
        context |= compliance.overview(request.user, unit)
    elif unit is not None:
        # Service users: the audits shared with them or that they are asked to take part in.
        shared = policy.visible(
            request.user, Permission.VIEW, AuditRun.objects.filter(unit__path__startswith=unit.path)
        )
        context["shared_audits"] = (
            AuditRun.objects.filter(Q(pk__in=shared.values("pk")) | Q(assignees=request.user))
            .exclude(status=RunStatus.CANCELLED)
            .select_related("unit", "template")
            .distinct()
            .order_by("-due_on")[:20]
        )
    return render(request, "assurance/home.jinja", context)


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _render(request, getattr(request, "current_unit", None) or None)


def unit_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _render(request, unit_for(request, pk, Permission.VIEW))
