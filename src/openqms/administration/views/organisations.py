"""Administration home and organisations."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse

from openqms.access import policy
from openqms.administration.forms.units import OrganisationForm
from openqms.administration.selectors.units import (
    ADMINISTER,
    administered_organisations,
    require_administrator,
)
from openqms.administration.views.common import crumbs, page
from openqms.nhsuk.views import Saved, save_form
from openqms.organisations import services as organisations
from openqms.organisations.models import Organisation
from openqms.people.requests import AuthenticatedHttpRequest


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_administrator(request.user)
    return page(
        request,
        "home.jinja",
        {
            "organisations": administered_organisations(request.user),
            "may_create_organisation": request.user.is_superuser,
        },
    )


def organisation_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Organisations are the installation's business: only its superusers add them.
    if not request.user.is_superuser:
        raise Http404("Not found")
    form = OrganisationForm(request.POST if request.method == "POST" else None)

    def save(cleaned: dict[str, Any]) -> Saved:
        organisation = organisations.create_organisation(
            actor=request.user, name=cleaned["name"], code=cleaned["code"]
        )
        return Saved(
            f"{organisation.name} has been created, with its board as the top unit.",
            reverse("administration:home"),
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "organisation_form.jinja",
        {"form": form, "organisation": None, "crumbs": crumbs(request.user)},
    )


def organisation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = policy.get_or_404(request.user, ADMINISTER, Organisation.objects.all(), pk=pk)
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        instance=organisation,
        initial={"name": organisation.name, "code": organisation.code},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        organisations.update_organisation(
            actor=request.user,
            organisation=organisation,
            name=cleaned["name"],
            code=cleaned["code"],
        )
        return Saved(f"The details of {organisation.name} have been saved.", reverse("administration:home"))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "organisation_form.jinja",
        {"form": form, "organisation": organisation, "crumbs": crumbs(request.user)},
    )
