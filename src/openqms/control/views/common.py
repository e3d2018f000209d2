"""What the control views share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from openqms.access import policy
from openqms.control.models import Measure, MeasureDefinition
from openqms.control.selectors import measures as selectors
from openqms.people.requests import AuthenticatedHttpRequest


def measure_for(
    request: AuthenticatedHttpRequest,
    pk: int,
    action: policy.Permission = policy.Permission.VIEW,
    queryset: QuerySet[Measure] | None = None,
) -> Measure:
    """`queryset`: a selector's measures with what the page shows (selectors.measure_queryset)."""
    found = selectors.measure_queryset() if queryset is None else queryset
    return policy.get_or_404(request.user, action, found, pk=pk)


def definition_for(request: AuthenticatedHttpRequest, pk: int) -> MeasureDefinition:
    return get_object_or_404(selectors.definitions_visible(request.user), pk=pk)


def page_number(request: AuthenticatedHttpRequest) -> Any:
    return request.GET.get("page")
