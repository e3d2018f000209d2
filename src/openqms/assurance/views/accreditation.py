"""Accreditations and external inspections of a unit, their findings, and the actions raised from them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.assurance import links
from openqms.assurance.forms.evidence import AccreditationForm, FindingForm
from openqms.assurance.models import Accreditation, Framework
from openqms.assurance.services import accreditation as accreditations
from openqms.assurance.views.common import Permission
from openqms.audit.selectors import history_of
from openqms.nhsuk.views import Saved, save_form, unit_for
from openqms.people.requests import AuthenticatedHttpRequest

EDITABLE = (
    "kind", "scheme", "framework", "status", "assessed_on", "awarded_on", "expires_on", "notes",
    "shared_with_service_users",
)  # fmt: skip


def unit_accreditations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.VIEW)
    found = policy.visible(
        request.user, Permission.VIEW, Accreditation.objects.filter(unit__path__startswith=unit.path)
    ).select_related("unit", "framework")
    return render(
        request,
        "assurance/accreditations.jinja",
        {
            "page": "assurance",
            "unit": unit,
            "accreditations": found.order_by("unit__path", "scheme"),
            "may_add": policy.can(request.user, Permission.LEAD, unit),
        },
    )


def _frameworks(organisation_id: int) -> Any:
    return Framework.objects.filter(organisation_id=organisation_id).order_by("name", "-loaded_at")


def new_accreditation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.LEAD)
    form = AccreditationForm(request.POST or None, frameworks=_frameworks(unit.organisation_id))

    def save(cleaned: dict[str, Any]) -> Saved:
        item = accreditations.create_accreditation(actor=request.user, unit=unit, **cleaned)
        return Saved(f"{item.scheme} added.", reverse("assurance:accreditation", args=[item.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "assurance/accreditation_form.jinja",
        {"page": "assurance", "form": form, "unit": unit, "item": None},
    )


def _item(
    request: AuthenticatedHttpRequest, pk: int, action: policy.Permission = Permission.VIEW
) -> Accreditation:
    return policy.get_or_404(
        request.user, action, Accreditation.objects.select_related("unit", "framework"), pk=pk
    )


def edit_accreditation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Permission.LEAD)
    form = AccreditationForm(
        request.POST or None,
        frameworks=_frameworks(item.unit.organisation_id),
        initial={name: getattr(item, name) for name in EDITABLE},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        accreditations.update_accreditation(actor=request.user, accreditation=item, **cleaned)
        return Saved(f"{item.scheme} saved.", reverse("assurance:accreditation", args=[item.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "assurance/accreditation_form.jinja",
        {"page": "assurance", "form": form, "unit": item.unit, "item": item},
    )


def _context(
    request: AuthenticatedHttpRequest, item: Accreditation, form: FindingForm | None = None
) -> dict[str, Any]:
    from openqms.actions.models import Action as ActionItem

    may_lead = policy.can(request.user, Permission.LEAD, item)
    staff = policy.can(request.user, Permission.CONTRIBUTE, item)
    return {
        "page": "assurance",
        "item": item,
        "findings": item.findings.all(),
        "may_lead": may_lead,
        "may_raise": staff,
        "finding_form": form or (FindingForm() if may_lead else None),
        "actions": policy.visible(
            request.user,
            Permission.VIEW,
            ActionItem.objects.filter(source_kind=links.FINDING, source_id__in=item.findings.values("pk")),
        ),
        "history": history_of(item)[:10] if staff else [],
    }


def accreditation_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "assurance/accreditation.jinja", _context(request, _item(request, pk)))


@require_POST
def add_finding(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Permission.LEAD)
    form = FindingForm(request.POST)
    if form.is_valid():
        accreditations.add_finding(actor=request.user, accreditation=item, **form.cleaned_data)
        messages.success(request, "Finding added.")
        return redirect("assurance:accreditation", pk=item.pk)
    return render(request, "assurance/accreditation.jinja", _context(request, item, form))
