"""The measure library: definitions, who reports them, and their roll-up above the reporting units."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from openqms.access import policy
from openqms.control.forms.measures import DefinitionForm, LibraryFilter, ReportForm
from openqms.control.models import MeasureDefinition, MeasureType
from openqms.control.presenters.measures import (
    board_rows,
    chart_markup,
    definition_facts,
    number,
    period,
    variation_icon,
    variation_words,
)
from openqms.control.selectors import measures as selectors
from openqms.control.services.measures import add_measure, create_definition, update_definition
from openqms.control.views.common import definition_for, page_number
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.organisations.selectors import domain_choices
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission
EDITABLE = [
    "name", "definition", "unit_of_measurement", "measure_type", "quality_domain", "direction",
    "frequency", "chart_type", "data_shape", "multiplier", "rollup", "default_target", "data_source",
    "shared_with_service_users",
]  # fmt: skip


def _organisation_id(request: AuthenticatedHttpRequest) -> int | None:
    unit = request.current_unit  # type: ignore[attr-defined]
    return unit.organisation_id if unit else None


def _domains(organisation_id: int | None, keep: str | None = None) -> list[tuple[str, str]]:
    return domain_choices(organisation_id, keep=keep) if organisation_id is not None else []


def library(request: AuthenticatedHttpRequest) -> HttpResponse:
    domains = _domains(_organisation_id(request))
    filters = LibraryFilter(request.GET, domains=domains)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    found = selectors.library(
        request.user,
        organisation_id=_organisation_id(request),
        domain=chosen.get("domain", ""),
        measure_type=chosen.get("type", ""),
        search=chosen.get("q", "").strip(),
    )
    listing = Paginator(found, 50).get_page(page_number(request))
    return render(
        request,
        "control/library.jinja",
        {
            "page": "control",
            "listing": listing,
            "filters": chosen,
            "domains": domains,
            "types": MeasureType.choices,
            "may_create": selectors.units_to_own(request.user, _organisation_id(request)).exists(),
        },
    )


def new_definition(request: AuthenticatedHttpRequest) -> HttpResponse:
    owner_units = selectors.units_to_own(request.user, _organisation_id(request))
    require(owner_units.exists())
    form = DefinitionForm(
        request.POST or None, owner_units=owner_units, domains=_domains(_organisation_id(request))
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        data = dict(cleaned)
        owner = data.pop("owner_unit")
        definition = create_definition(actor=request.user, owner_unit=owner, **data)
        return Saved(
            f"Measure “{definition.name}” added to the library.",
            reverse("control:definition", args=[definition.pk]),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "control/definition_form.jinja", {"page": "control", "form": form, "definition": None}
    )


def edit_definition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    definition = definition_for(request, pk)
    require(policy.can(request.user, Permission.LEAD, definition))
    initial = {name: getattr(definition, name) for name in EDITABLE}
    initial["quality_domain"] = definition.quality_domain.key
    domains = _domains(definition.organisation_id, keep=definition.quality_domain.key)
    form = DefinitionForm(request.POST or None, initial=initial, domains=domains)

    def save(cleaned: dict[str, Any]) -> Saved:
        update_definition(actor=request.user, measure_definition=definition, **cleaned)
        return Saved("Changes saved.", reverse("control:definition", args=[definition.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request, "control/definition_form.jinja", {"page": "control", "form": form, "definition": definition}
    )


def definition_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    definition = definition_for(request, pk)
    reported = board_rows(list(selectors.measures_of_definition(request.user, definition)))
    return render(
        request,
        "control/definition.jinja",
        {
            "page": "control",
            "definition": definition,
            "facts": definition_facts(definition),
            "rows": reported,
            "rollup_units": selectors.rollup_units(request.user, definition),
            "may_edit": policy.can(request.user, Permission.LEAD, definition),
            "may_report": selectors.units_to_report(request.user, definition).exists(),
        },
    )


def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add the definition to a unit: from now on that unit reports it."""
    definition = definition_for(request, pk)
    units = selectors.units_to_report(request.user, definition)
    require(units.exists())
    form = ReportForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            measure = add_measure(actor=request.user, definition=definition, unit=form.cleaned_data["unit"])
        except ValidationError as exc:
            form.add_error("unit", exc.messages[0])
        else:
            messages.success(request, f"{measure.unit.name} now reports “{definition.name}”.")
            return redirect("control:measure", pk=measure.pk)
    return render(
        request, "control/report.jinja", {"page": "control", "form": form, "definition": definition}
    )


def rollup(request: AuthenticatedHttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    definition: MeasureDefinition = definition_for(request, pk)
    unit = unit_for(request, unit_pk, Permission.VIEW)
    series = selectors.rollup(request.user, definition, unit)
    context: dict[str, Any] = {
        "page": "control",
        "definition": definition,
        "unit": unit,
        "series": series,
        "rows": list(
            zip(
                reversed(series.periods),
                reversed(series.values),
                reversed(series.numerators),
                reversed(series.denominators),
                strict=True,
            )
        ),
        "fmt": number,
        "period": lambda day: period(day, definition.frequency),
        "chart": None,
    }
    if series.result is not None:
        title = f"{definition.name}, {unit.name} (all units below)"
        context["chart"] = chart_markup(series.result, title=title)
        context["summary"] = selectors.summary_text(series.result, [])
        context["variation_icon"] = variation_icon(
            series.result.variation_icon.value if series.result.variation_icon else None, 56
        )
        context["variation_words"] = variation_words(
            series.result.variation_icon.value if series.result.variation_icon else None
        )
    return render(request, "control/rollup.jinja", context)
