"""The QMS balance page of a unit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openqms.access import policy
from openqms.evaluation.presenters.balance import balance_section
from openqms.nhsuk.views import unit_for


def page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.VIEW)
    return render(
        request, "evaluation/balance.jinja", {"unit": unit, "balance": balance_section(request.user, unit)}
    )
