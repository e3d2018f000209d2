"""The organisation's improvement methods: which project templates its staff are offered (ADR 25).

An organisation setting, like its units, so its administrators choose it; the choice is kept and
audited by improvement, which offers the methods."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from openqms.access import policy
from openqms.administration.selectors.units import ADMINISTER
from openqms.administration.views.common import crumbs, page
from openqms.improvement.forms.methods import MethodsForm
from openqms.improvement.selectors.methods import choice_of, methods_offered
from openqms.improvement.services.methods import choose_methods
from openqms.nhsuk.views import Saved, save_form
from openqms.organisations.models import Organisation
from openqms.people.requests import AuthenticatedHttpRequest


def improvement_methods(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = policy.get_or_404(request.user, ADMINISTER, Organisation.objects.all(), pk=pk)
    form = MethodsForm(
        request.POST if request.method == "POST" else None,
        initial={"methods": methods_offered(organisation)},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        choose_methods(actor=request.user, organisation=organisation, methods=cleaned["methods"])
        return Saved(
            f"The improvement methods of {organisation.name} have been saved.", reverse("administration:home")
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return page(
        request,
        "improvement_methods.jinja",
        {
            "form": form,
            "organisation": organisation,
            "chosen": choice_of(organisation) is not None,
            "crumbs": crumbs(request.user),
        },
    )
