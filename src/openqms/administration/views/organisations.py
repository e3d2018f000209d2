"""Administration home and organisations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from openqms.access import policy
from openqms.administration.forms.units import OrganisationForm
from openqms.administration.selectors.units import (
    ADMINISTER,
    administered_organisations,
    require_administrator,
)
from openqms.administration.views.common import crumbs, page
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
    if request.method == "POST" and form.is_valid():
        try:
            organisation = organisations.create_organisation(
                actor=request.user, name=form.cleaned_data["name"], code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, f"{organisation.name} has been created, with its board as the top unit."
            )
            return redirect("administration:home")
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
    if request.method == "POST" and form.is_valid():
        try:
            organisations.update_organisation(
                actor=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                code=form.cleaned_data["code"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"The details of {organisation.name} have been saved.")
            return redirect("administration:home")
    return page(
        request,
        "organisation_form.jinja",
        {"form": form, "organisation": organisation, "crumbs": crumbs(request.user)},
    )
