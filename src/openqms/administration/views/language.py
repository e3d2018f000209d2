"""The organisation's quality language, set by the administrators of the whole organisation: its
quality domains (from a preset or its own) and its "four questions". These are settings of the
organisation, not clinical powers (ADR 4, ADR 24)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from openqms.access import policy
from openqms.administration.forms.language import DomainForm, PresetForm, QuestionsForm
from openqms.administration.selectors.units import ADMINISTER
from openqms.administration.views.common import crumbs, page
from openqms.nhsuk.views import Saved, save_form
from openqms.organisations import language_services as services
from openqms.organisations.models import Organisation, QualityDomain
from openqms.organisations.presets import PRESETS
from openqms.organisations.selectors import COMPONENTS, DEFAULT_QUESTIONS, quality_domains
from openqms.people.requests import AuthenticatedHttpRequest


def _organisation(request: AuthenticatedHttpRequest, pk: int) -> Organisation:
    return policy.get_or_404(request.user, ADMINISTER, Organisation.objects.all(), pk=pk)


def domains(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The list, a form to add one of the organisation's own, and a form to add a preset."""
    organisation = _organisation(request, pk)
    form = DomainForm(
        request.POST if request.POST.get("form") == "domain" else None, initial={"kind": "domain"}
    )
    preset_form = PresetForm(request.POST if request.POST.get("form") == "preset" else None)
    if request.method == "POST" and request.POST.get("form") == "preset":
        if preset_form.is_valid():
            preset = PRESETS[preset_form.cleaned_data["preset"]]
            services.apply_preset(actor=request.user, organisation=organisation, preset=preset)
            messages.success(request, f"The {preset.name} domains are in {organisation.name}'s list.")
            return redirect("administration:domains", organisation.pk)
    else:

        def save(cleaned: dict[str, Any]) -> Saved:
            domain = services.add_domain(
                actor=request.user,
                organisation=organisation,
                label=cleaned["label"],
                description=cleaned["description"],
                kind=cleaned["kind"],
            )
            return Saved(
                f"“{domain.label}” added.", reverse("administration:domains", args=[organisation.pk])
            )

        saved = save_form(request, form, save)
        if saved is not None:
            return saved
    return page(
        request,
        "domains.jinja",
        {
            "organisation": organisation,
            "domains": quality_domains(organisation, include_retired=True),
            "presets": list(PRESETS.values()),
            "form": form,
            "preset_form": preset_form,
            "crumbs": crumbs(request.user),
        },
        status=400 if form.errors or preset_form.errors else 200,
    )


def _domain(request: AuthenticatedHttpRequest, pk: int, domain_pk: int) -> QualityDomain:
    organisation = _organisation(request, pk)
    domain = QualityDomain.objects.filter(organisation=organisation, pk=domain_pk).first()
    if domain is None:
        raise Http404("Not found")
    return domain


def domain_edit(request: AuthenticatedHttpRequest, pk: int, domain_pk: int) -> HttpResponse:
    domain = _domain(request, pk, domain_pk)
    fields = ("label", "description", "kind", "position")
    form = DomainForm(request.POST or None, initial={name: getattr(domain, name) for name in fields})

    def save(cleaned: dict[str, Any]) -> Saved:
        services.update_domain(
            actor=request.user,
            domain=domain,
            label=cleaned["label"],
            description=cleaned["description"],
            kind=cleaned["kind"],
            position=cleaned["position"] or domain.position,
        )
        return Saved(f"“{domain.label}” saved.", reverse("administration:domains", args=[pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "domain_form.jinja",
        {"organisation": domain.organisation, "domain": domain, "form": form, "crumbs": crumbs(request.user)},
        status=400 if form.errors else 200,
    )


def domain_retire(request: AuthenticatedHttpRequest, pk: int, domain_pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404("Not found")
    domain = _domain(request, pk, domain_pk)
    retire = request.POST.get("retire") != "no"
    try:
        services.retire_domain(actor=request.user, domain=domain, retire=retire)
    except ValidationError as exc:  # the last domain in use stays
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{domain.label}” {'retired' if retire else 'brought back'}.")
    return redirect("administration:domains", pk)


def questions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    names = [f"{c}_question" for c in COMPONENTS]
    form = QuestionsForm(request.POST or None, initial={n: getattr(organisation, n) for n in names})

    def save(cleaned: dict[str, Any]) -> Saved:
        services.set_four_questions(
            actor=request.user,
            organisation=organisation,
            questions={c: cleaned[f"{c}_question"] for c in COMPONENTS},
        )
        return Saved(f"{organisation.name}'s four questions are saved.", reverse("administration:home"))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "questions.jinja",
        {
            "organisation": organisation,
            "form": form,
            "defaults": DEFAULT_QUESTIONS,
            "crumbs": crumbs(request.user),
        },
        status=400 if form.errors else 200,
    )
