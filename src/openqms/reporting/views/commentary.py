"""Commentary pages: the owner asks for it, the person asked writes it, the owner approves it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.nhsuk.views import Saved, require, save_form
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.reporting.forms.reports import CommentaryForm, RequestForm
from openqms.reporting.selectors import reports as selectors
from openqms.reporting.services import commentary as services


@require_POST
def request_commentary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    require(policy.may_own_report(request.user, report.unit) and not report.is_published)
    measures = selectors.report_measures(request.user, report.unit)
    form = RequestForm(
        request.POST,
        people=selectors.commentators(report.unit),
        measures=selectors.measure_choices(request.user, report.unit),
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        kind, _, key = cleaned["about"].partition(":")
        measure = measures.get(pk=int(key)) if kind == "measure" else None
        found = services.request_commentary(
            actor=request.user,
            report=report,
            requested_of=cleaned["requested_of"],
            measure=measure,
            section=key if kind == "section" else "",
        )
        return Saved(
            f"Commentary on {found.subject} asked of {found.requested_of.get_full_name()}.",
            reverse("reporting:report", args=[report.pk]) + "#commentary",
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"Not asked: {error}")
    return redirect(reverse("reporting:report", args=[report.pk]) + "#commentary")


def commentary(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.commentary_for(request.user, pk)
    report = found.report
    require(policy.may_write_commentary(request.user, report.unit, found.requested_of_id))
    require(not report.is_published)
    form = CommentaryForm(request.POST if request.method == "POST" else None, initial={"text": found.text})

    def save(cleaned: dict[str, Any]) -> Saved:
        services.write_commentary(actor=request.user, commentary=found, text=cleaned["text"])
        return Saved("Your commentary is saved for the report's owner to approve.",
                     reverse("reporting:report", args=[report.pk]) + "#commentary")  # fmt: skip

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "reporting/commentary.jinja",
        {"page": "reports", "commentary": found, "report": report, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.commentary_for(request.user, pk)
    require(policy.may_own_report(request.user, found.report.unit))
    try:
        services.approve_commentary(actor=request.user, commentary=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Commentary on {found.subject} approved.")
    return redirect(reverse("reporting:report", args=[found.report_id]) + "#commentary")
