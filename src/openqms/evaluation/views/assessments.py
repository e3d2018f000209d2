"""The QMS maturity self-assessment pages: a unit's assessments over the years, one assessment with
the live evidence beside each statement, rating a statement, and completing the assessment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from openqms.access import policy
from openqms.evaluation import framework as frameworks
from openqms.evaluation.forms.assessments import RatingForm, StartForm
from openqms.evaluation.presenters.maturity import assessment_page, unit_maturity
from openqms.evaluation.selectors import assessments as selectors
from openqms.evaluation.selectors.balance import compared_units
from openqms.evaluation.selectors.evidence import evidence_for
from openqms.evaluation.services import assessments as services
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.people.requests import AuthenticatedHttpRequest


def unit_assessments(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.VIEW)
    framework = frameworks.current()
    this_year = timezone.localdate().year
    started = selectors.of_unit(request.user, unit).filter(year=this_year).exists()
    form = StartForm(request.POST or None, initial={"year": None if started else this_year})
    if request.method == "POST":
        require(selectors.may_assess(request.user, unit))

        def save(cleaned: dict[str, Any]) -> Saved:
            assessment = services.start_assessment(
                actor=request.user, unit=unit, year=cleaned["year"], framework=framework
            )
            return Saved(
                f"Self-assessment for {assessment.year} started.",
                reverse("evaluation:assessment", args=[assessment.pk]),
            )

        saved = save_form(request, form, save)
        if saved is not None:
            return saved
    # Its siblings (or, at the top, its sub-units) and the units directly below it, each once.
    children = policy.visible(request.user, policy.Permission.VIEW, unit.children.active(), unit_field="")
    compared = list({u.pk: u for u in [*compared_units(request.user, unit)[1:], *children]}.values())
    return render(
        request,
        "evaluation/assessments.jinja",
        {
            "unit": unit,
            "framework": framework,
            "maturity": unit_maturity(request.user, unit, framework, compared),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def assessment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.assessment(request.user, pk)
    framework = frameworks.current()
    return render(
        request,
        "evaluation/assessment.jinja",
        {"unit": found.unit, "page_data": assessment_page(request.user, found, framework)},
    )


def rate(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    found = selectors.assessment(request.user, pk, policy.Permission.ASSESS)
    framework = frameworks.current()
    statement = framework.statement(code)
    if statement is None or found.is_completed:
        raise Http404("Not found")
    rating = selectors.ratings_of(found).get(code)
    initial = {"level": str(rating.level), "evidence": rating.evidence} if rating else {}
    form = RatingForm(request.POST or None, initial=initial, framework=framework)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.rate_statement(
            actor=request.user,
            assessment=found,
            framework=framework,
            statement_code=code,
            level=int(cleaned["level"]),
            evidence=cleaned["evidence"],
        )
        return Saved(
            f"{code} rated.", reverse("evaluation:assessment", args=[found.pk]) + f"#statement-{code}"
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    start, end = selectors.period_of(found.year)
    live = evidence_for(request.user, found.unit, start, end) if statement.evidence else {}
    return render(
        request,
        "evaluation/rate.jinja",
        {
            "unit": found.unit,
            "assessment": found,
            "statement": statement,
            "theme": framework.theme_of(code),
            "live": [live[k] for k in statement.evidence if k in live],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404("Not found")
    found = selectors.assessment(request.user, pk, policy.Permission.ASSESS)
    framework = frameworks.current()
    start, end = selectors.period_of(found.year)
    evidence = {k: e.as_plain() for k, e in evidence_for(request.user, found.unit, start, end).items()}
    try:
        changed = services.complete_assessment(
            actor=request.user, assessment=found, framework=framework, evidence=evidence
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("evaluation:assessment", pk=found.pk)
    if changed:
        messages.success(
            request, f"Self-assessment for {found.year} completed; its evidence is kept as it stands today."
        )
    else:
        messages.info(
            request, f"The self-assessment for {found.year} was already completed; nothing changed."
        )
    return redirect("evaluation:assessment", pk=found.pk)
