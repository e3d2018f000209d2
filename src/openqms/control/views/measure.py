"""A measure's page: its SPC chart, annotations, data, target and history; and its chart downloads.

Forms post to their own URLs and redirect back (POST-redirect-GET). With HTMX the same forms post in
the background and the page's main region is swapped from the answer, so nothing here depends on
JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.control import responses
from openqms.control.forms.measures import AnnotationForm, ObservationForm, TargetForm
from openqms.control.imports.checks import DataPoint
from openqms.control.models import Measure
from openqms.control.presenters import measures as measure_presenters
from openqms.control.presenters.escalations import offer_links
from openqms.control.selectors import measures as selectors
from openqms.control.services import measures as measures_services
from openqms.control.services.data import remove_observation, save_data
from openqms.control.views.common import measure_for, page_number
from openqms.nhsuk import downloads
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission
DATA_PER_PAGE = 24


def _context(
    request: AuthenticatedHttpRequest,
    measure: Measure,
    *,
    data_form: ObservationForm | None = None,
    annotation_form: AnnotationForm | None = None,
) -> dict[str, Any]:
    user = request.user
    definition = measure.definition
    snapshot = selectors.snapshot_of(measure)
    annotations = list(selectors.annotations_of(measure))
    marks = measure_presenters.chart_annotations(annotations)
    chart, summary = (
        measure_presenters.measure_chart(
            snapshot, title=measure_presenters.chart_title(measure), annotations=marks
        )
        if snapshot
        else (None, "")
    )
    may_contribute = policy.can(user, Permission.CONTRIBUTE, measure)
    observations = Paginator(selectors.observations_of(measure), DATA_PER_PAGE).get_page(page_number(request))
    return {
        "page": "control",
        "measure": measure,
        "definition": definition,
        "unit": measure.unit,
        "snapshot": snapshot,
        "chart": chart,
        "summary": summary,
        "chart_file": _filename(measure, ""),
        "variation_icon": measure_presenters.variation_icon(
            snapshot.variation_icon if snapshot else None, 56
        ),
        "assurance_icon": measure_presenters.assurance_icon(
            snapshot.assurance_icon if snapshot else None, 56
        ),
        "variation_words": measure_presenters.variation_words(snapshot.variation_icon if snapshot else None),
        "assurance_words": measure_presenters.assurance_words(snapshot.assurance_icon if snapshot else None),
        "latest": measure_presenters.number(snapshot.last_value) if snapshot else "",
        "latest_when": measure_presenters.period(snapshot.last_period, definition.frequency)
        if snapshot
        else "",
        "annotations": annotations,
        "observations": observations,
        "fmt": measure_presenters.number,
        "period": lambda day: measure_presenters.period(day, definition.frequency),
        "targets": list(selectors.target_history(measure)[:5]),
        "history": selectors.recent_history(measure),
        "history_known": (definition, measure.unit),  # the measure's creation names both
        "responses": responses.responses_to_measure(user, measure),
        "concern_offers": offer_links(responses.offers_on_concern(user, measure))
        if snapshot and snapshot.concern_since
        else [],
        "may_contribute": may_contribute,
        "may_lead": policy.can(user, Permission.LEAD, measure),
        "data_form": data_form or (ObservationForm(definition=definition) if may_contribute else None),
        "annotation_form": annotation_form or (AnnotationForm() if may_contribute else None),
    }


def measure_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = measure_for(request, pk, queryset=selectors.measure_page_queryset())
    return render(request, "control/measure.jinja", _context(request, measure))


def _back(measure: Measure, anchor: str) -> HttpResponse:
    return redirect(reverse("control:measure", args=[measure.pk]) + anchor)


@require_POST
def add_data(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = measure_for(request, pk, Permission.CONTRIBUTE)
    form = ObservationForm(request.POST, definition=measure.definition)
    if form.is_valid():
        data = form.cleaned_data
        point = DataPoint(
            measure_id=measure.pk,
            period_start=data["period_start"],
            value=data.get("value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
        )
        try:
            summary = save_data(actor=request.user, points=[point], source="")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            when = measure_presenters.period(data["period_start"], measure.definition.frequency)
            changed = "unchanged" if summary.unchanged else ("corrected" if summary.updated else "saved")
            messages.success(request, f"Data for {when} {changed}.")
            return _back(measure, "#data")
    return render(request, "control/measure.jinja", _context(request, measure, data_form=form))


def remove_data(request: AuthenticatedHttpRequest, pk: int, observation_pk: int) -> HttpResponse:
    measure = measure_for(request, pk, Permission.CONTRIBUTE)
    observation = selectors.observations_of(measure).filter(pk=observation_pk).first()
    if observation is None:
        raise Http404("Not found")
    when = measure_presenters.period(observation.period_start, measure.definition.frequency)
    if request.method == "POST":
        remove_observation(actor=request.user, observation=observation)
        messages.success(request, f"Data for {when} removed.")
        return _back(measure, "#data")
    return render(
        request,
        "control/remove_data.jinja",
        {
            "page": "control",
            "measure": measure,
            "observation": observation,
            "when": when,
            "fmt": measure_presenters.number,
        },
    )


@require_POST
def add_annotation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = measure_for(request, pk, Permission.CONTRIBUTE)
    form = AnnotationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            measures_services.add_annotation(
                actor=request.user, measure=measure, on=data["on"], kind=data["kind"],
                label=data["label"], reason=data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Annotation “{data['label']}” added.")
            return _back(measure, "#annotations")
    return render(request, "control/measure.jinja", _context(request, measure, annotation_form=form))


@require_POST
def archive_annotation(request: AuthenticatedHttpRequest, pk: int, annotation_pk: int) -> HttpResponse:
    measure = measure_for(request, pk, Permission.CONTRIBUTE)
    annotation = selectors.annotations_of(measure, include_archived=True).filter(pk=annotation_pk).first()
    if annotation is None:
        raise Http404("Not found")
    # A second click (or a resubmitted form) finds it archived already: the outcome is the same.
    if annotation.archived_at is None:
        measures_services.archive_annotation(actor=request.user, annotation=annotation)
    messages.success(request, f"Annotation “{annotation.label}” archived.")
    return _back(measure, "#annotations")


def set_target(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = measure_for(request, pk, Permission.LEAD)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        measures_services.set_target(
            actor=request.user, measure=measure, effective_from=data["effective_from"],
            target=data["target"], reason=data["reason"].strip(),
        )  # fmt: skip
        messages.success(request, "Target changed." if data["target"] is not None else "Target removed.")
        return redirect("control:measure-target", pk=measure.pk)
    return render(
        request,
        "control/target.jinja",
        {
            "page": "control",
            "measure": measure,
            "form": form,
            "targets": selectors.target_history(measure),
            "fmt": measure_presenters.number,
        },
    )


def history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure = measure_for(request, pk)
    entries = Paginator(selectors.measure_history(measure), 50).get_page(page_number(request))
    return render(
        request, "control/history.jinja", {"page": "control", "measure": measure, "entries": entries}
    )


def _chart_for_download(request: AuthenticatedHttpRequest, pk: int) -> tuple[Measure, str]:
    measure = measure_for(request, pk)
    result = selectors.stored_result(selectors.snapshot_of(measure))
    if result is None:
        raise Http404("No chart yet")
    marks = measure_presenters.chart_annotations(list(selectors.annotations_of(measure)))
    return measure, measure_presenters.chart_svg(
        result, title=measure_presenters.chart_title(measure), annotations=marks
    )


def _filename(measure: Measure, extension: str) -> str:
    return f"{slugify(measure_presenters.chart_title(measure))}.{extension}"


def chart_svg(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure, svg = _chart_for_download(request, pk)
    return downloads.svg_attachment(svg, _filename(measure, "svg"))


def chart_png(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    measure, svg = _chart_for_download(request, pk)
    return downloads.png_attachment(svg, _filename(measure, "png"))
