"""The assurance home: compliance and gaps for the current unit's sub-tree."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openqms.access import policy
from openqms.organisations.models import Unit

from .. import compliance
from .common import Action, unit_for


def _render(request: HttpRequest, unit: Unit | None) -> HttpResponse:
    context = {"page": "assurance", "unit": unit, "section": "assurance"}
    if unit is not None and policy.can(request.user, Action.VIEW, unit):
        context |= compliance.overview(request.user, unit)
    return render(request, "assurance/home.jinja", context)


def home(request: HttpRequest) -> HttpResponse:
    return _render(request, getattr(request, "current_unit", None) or None)


def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, unit_for(request, pk, Action.VIEW))
