"""The measurement framework, and the line of sight from a priority and from a unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.organisations.models import Unit, UnitKind
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.plans import FrameworkMeasureForm
from openqms.planning.presenters import plans as presenters
from openqms.planning.selectors import framework as framework_selectors
from openqms.planning.selectors import line_of_sight as sight
from openqms.planning.selectors import priorities as priority_selectors
from openqms.planning.services.framework import add_framework_measure
from openqms.planning.views.posted import posted as _posted
from openqms.planning.views.priorities import _organisation


def framework(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    found = framework_selectors.framework(request.user, organisation) if organisation else None
    may_lead = organisation is not None and priority_selectors.may_set_priorities(request.user, organisation)
    return render(
        request, "planning/framework.jinja", {"page": "planning", "framework": found, "may_lead": may_lead}
    )


def framework_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    require(organisation is not None and priority_selectors.may_set_priorities(request.user, organisation))
    assert organisation is not None
    form = FrameworkMeasureForm(
        _posted(request),
        priorities=organisation.priorities.filter(retired_at__isnull=True),
        definitions=framework_selectors.definitions_of(request.user, organisation),
        services=Unit.objects.filter(
            organisation=organisation, kind=UnitKind.SERVICE, archived_at__isnull=True
        ),
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        entry = add_framework_measure(actor=request.user, **cleaned)
        return Saved(
            f"“{entry.definition.name}” now shows progress on “{entry.priority.title}”.",
            reverse("planning:framework"),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "planning/form.jinja",
        {
            "page": "planning",
            "form": form,
            "title": "Add a measure to the framework",
            "fields": [
                ("select", "priority", "Strategic priority", None),
                (
                    "select",
                    "definition",
                    "Measure",
                    "From the measure library, whose type (outcome, process, structure, balancing) it keeps",
                ),
                (
                    "select",
                    "service",
                    "Service",
                    "Optional. Leave empty when it shows progress across the organisation",
                ),
            ],
            "submit_text": "Add the measure",
            "back": reverse("planning:framework"),
        },
        status=400 if form.errors else 200,
    )


def line_of_sight(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    priority = priority_selectors.priority(request.user, pk)
    require(priority is not None)
    assert priority is not None
    found = sight.line_of_sight(request.user, priority)
    nodes = [{"node": n, "measures": [presenters.measure_row(m) for m in n.measures]} for n in found.nodes]
    return render(
        request, "planning/line_of_sight.jinja", {"page": "planning", "sight": found, "nodes": nodes}
    )


def unit_fit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.VIEW)
    found = sight.fit(request.user, unit)
    return render(
        request,
        "planning/unit_fit.jinja",
        {
            "page": "planning",
            "fit": found,
            "rows": [(p, [presenters.measure_row(m) for m in ms], rs, ps) for p, ms, rs, ps in found.rows],
            "may_plan": policy.can(request.user, Permission.LEAD, unit),
        },
    )
