"""The reports pages: a unit's reports, one report (live while a draft, frozen once published),
its PDF, its cover, publishing it, and the distribution schedule."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from markupsafe import Markup

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.reporting import contents, rendering
from openqms.reporting.forms.reports import CoverForm, RequestForm, ScheduleForm, StartForm
from openqms.reporting.periods import Period
from openqms.reporting.presenters import GROUPINGS, commentary_rows, toc_of
from openqms.reporting.selectors import reports as selectors
from openqms.reporting.services import distribution
from openqms.reporting.services import reports as services


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.current_unit  # type: ignore[attr-defined]
    if unit is not None and policy.may_read_report(request.user, unit):
        return redirect("reporting:unit", unit.pk)
    return render(
        request,
        "reporting/home.jinja",
        {"page": "reports", "unit": unit, "asked": list(selectors.asked_of(request.user))},
    )


def unit_reports(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.VIEW)
    may_own = policy.may_own_report(request.user, unit)
    form = StartForm(
        request.POST if request.method == "POST" else None,
        periods=selectors.recent_periods(timezone.localdate()),
    )
    if request.method == "POST":
        require(may_own)

        def save(cleaned: dict[str, Any]) -> Saved:
            period = Period.parse(cleaned["period"], quarterly=cleaned["kind"] == "quarter")
            report = services.start_report(actor=request.user, unit=unit, period=period)
            return Saved(
                f"The report for {period.label} is ready as a draft.",
                reverse("reporting:report", args=[report.pk]),
            )

        saved = save_form(request, form, save)
        if saved is not None:
            return saved
    return render(
        request,
        "reporting/unit.jinja",
        {
            "page": "reports",
            "unit": unit,
            "reports": list(selectors.history(request.user, unit)),
            "schedules": list(selectors.schedules(request.user, unit)),
            "asked": list(selectors.asked_of(request.user)),
            "may_own": may_own,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def report_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    may_own = policy.may_own_report(request.user, report.unit)
    grouping = request.GET.get("group", "domain")
    if report.is_published:
        body = Markup(report.frozen_html)  # noqa: S704 (drawn by our templates when it was published)
        data = contents.stored(report)
    else:
        data = contents.build(request.user, report)
        body = Markup(rendering.body_html(data, grouping))  # noqa: S704 (drawn by our templates)
    comments = selectors.commentaries(report)
    request_form = None
    if may_own and not report.is_published:
        request_form = RequestForm(
            people=selectors.commentators(report.unit),
            measures=selectors.measure_choices(request.user, report.unit),
        )
    return render(
        request,
        "reporting/report.jinja",
        {
            "page": "reports",
            "report": report,
            "body": body,
            "toc": toc_of(data),
            "groupings": GROUPINGS,
            "grouping": grouping,
            "may_own": may_own,
            "comments": commentary_rows(request.user, report, comments),
            "problems": services.publish_problems(report) if may_own and not report.is_published else [],
            "request_form": request_form,
            "history": list(selectors.history(request.user, report.unit).exclude(pk=report.pk)[:12]),
        },
    )


def report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    pdf = services.pdf_of(actor=request.user, report=report)
    response = HttpResponse(pdf, content_type="application/pdf")
    kind = "-quarter" if report.quarterly else ""
    name = f"quality-report-{report.unit.code.lower()}-{report.period.code}{kind}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def cover(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    require(policy.may_own_report(request.user, report.unit) and not report.is_published)
    initial = {"purpose": report.purpose, "ask": report.ask, "assurance_level": report.assurance_level}
    form = CoverForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.update_cover(
            actor=request.user,
            report=report,
            purpose=cleaned["purpose"],
            ask=cleaned["ask"],
            assurance_level=cleaned["assurance_level"],
        )
        return Saved("The cover is saved.", reverse("reporting:report", args=[report.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "reporting/cover.jinja",
        {"page": "reports", "report": report, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    require(policy.may_own_report(request.user, report.unit))
    if report.is_published:
        messages.info(request, "The report was already published; nothing has changed.")
        return redirect("reporting:report", report.pk)
    try:
        services.publish(actor=request.user, report=report)
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, f"Not published: {problem}")
        return redirect("reporting:report", report.pk)
    messages.success(request, "The report is published and frozen as it now reads.")
    return redirect("reporting:report", report.pk)


def schedule(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.VIEW)
    require(policy.may_own_report(request.user, unit))
    current = selectors.schedules(request.user, unit).first()
    initial = (
        {
            "kind": "quarter" if current.quarterly else "month",
            "day_of_month": current.day_of_month,
            "recipients": current.recipients,
            "attach_pdf": "pdf" if current.attach_pdf else "link",
        }
        if current
        else {"kind": "month", "day_of_month": 10, "attach_pdf": "pdf"}
    )
    form = ScheduleForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        distribution.save_schedule(
            actor=request.user,
            unit=unit,
            quarterly=cleaned["kind"] == "quarter",
            day_of_month=cleaned["day_of_month"],
            recipients=cleaned["recipients"],
            attach_pdf=cleaned["attach_pdf"] == "pdf",
        )
        return Saved("The distribution schedule is saved.", reverse("reporting:unit", args=[unit.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "reporting/schedule.jinja",
        {"page": "reports", "unit": unit, "form": form},
        status=400 if form.errors else 200,
    )
