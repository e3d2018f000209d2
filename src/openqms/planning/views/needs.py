"""The needs register's pages: the register, raising a need, a need's page (score and status,
evidence, what answers it, an action), its evidence files, and the needs a service user raised."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.assurance import evidence_files
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.feedback import ToActionForm
from openqms.planning.forms.needs import EvidenceForm, LinksForm, RaiseNeedForm, TriageForm
from openqms.planning.models import Need, NeedStatus
from openqms.planning.presenters import needs as presenters
from openqms.planning.selectors import feedback as feedback_selectors
from openqms.planning.selectors import needs as selectors
from openqms.planning.services import needs as services

P = policy.Permission


def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff: the register of the units their roles reach. Everyone: the needs they raised."""
    units = policy.units_where(request.user, P.VIEW)
    unit: Unit | None = None
    chosen = parse_id(request.GET.get("unit"))
    if chosen is not None:
        unit = units.filter(pk=chosen).first()
    status = request.GET.get("status", "")
    rows = (
        [presenters.row(n) for n in selectors.register(request.user, unit, status)] if units.exists() else []
    )
    mine = presenters.my_needs(request.user, list(selectors.raised_by(request.user)))
    raise_on = policy.units_where(request.user, P.RAISE).order_by("path")
    context = {
        "page": "planning",
        "staff": units.exists(),
        "rows": rows,
        "mine": mine,
        "units": list(units.order_by("path")),
        "unit": unit,
        "status": status,
        "statuses": NeedStatus.choices,
        "raise_on": [(u.name, reverse("planning:need-new", args=[u.pk])) for u in raise_on[:50]],
    }
    return render(request, "planning/needs.jinja", context)


def new_need(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    place = unit_for(request, unit, P.RAISE)
    form = RaiseNeedForm(request.POST or None)

    def save(cleaned: dict[str, Any]) -> Saved:
        need = services.raise_need(actor=request.user, unit=place, **cleaned)
        return Saved(f"The need “{need.title}” is on the register.", reverse("planning:need", args=[need.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    context = {"page": "planning", "unit": place, "form": form}
    return render(request, "planning/need_form.jinja", context, status=400 if form.errors else 200)


def _link_choices(request: AuthenticatedHttpRequest, need: Need) -> dict[str, Any]:
    return {
        "priorities": selectors.priorities_for(need),
        "services": selectors.services_for(need),
        "standards": selectors.standards_for(request.user, need),
        "projects": selectors.projects_for(request.user, need),
    }


def _page(request: AuthenticatedHttpRequest, need: Need, **forms: Any) -> HttpResponse:
    initial_links = {name: list(getattr(need, name).all()) for name in services.LINKS}
    triage = {
        "impact": need.impact,
        "reach": need.reach,
        "status": need.status,
        "decline_reason": need.decline_reason,
    }
    context = {
        "page": "planning",
        "need": presenters.need_page(request.user, need, selectors.actions_from(need)),
        "triage_form": forms.get("triage") or TriageForm(initial=triage),
        "links_form": forms.get("links")
        or LinksForm(initial=initial_links, choices=_link_choices(request, need)),
        "evidence_form": forms.get("evidence") or EvidenceForm(),
        "action_form": forms.get("action") or ToActionForm(people=feedback_selectors.staff_of(need.unit)),
    }
    failed = any(f.errors for f in forms.values())
    return render(request, "planning/need.jinja", context, status=400 if failed else 200)


def need_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.need(request.user, pk))


def _need_to(request: AuthenticatedHttpRequest, pk: int, permission: P) -> Need:
    need = selectors.need(request.user, pk)
    require(policy.can(request.user, permission, need))
    return need


def _back(need: Need, part: str) -> str:
    return reverse("planning:need", args=[need.pk]) + f"#{part}"


@require_POST
def triage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = _need_to(request, pk, P.LEAD)
    form = TriageForm(request.POST)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.triage_need(actor=request.user, need=need, **cleaned)
        return Saved("Score and status saved.", _back(need, "triage"))

    return save_form(request, form, save) or _page(request, need, triage=form)


@require_POST
def links(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = _need_to(request, pk, P.CONTRIBUTE)
    form = LinksForm(request.POST, choices=_link_choices(request, need))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.link_need(actor=request.user, need=need, **cleaned)
        return Saved("What answers the need is saved.", _back(need, "answers"))

    return save_form(request, form, save) or _page(request, need, links=form)


@require_POST
def evidence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = _need_to(request, pk, P.CONTRIBUTE)
    form = EvidenceForm(request.POST, request.FILES)

    def save(cleaned: dict[str, Any]) -> Saved:
        upload = cleaned.pop("file")
        data = upload.read() if upload else None
        services.add_evidence(
            actor=request.user, need=need, file_name=upload.name if upload else "", data=data, **cleaned
        )
        return Saved("Evidence added.", _back(need, "evidence"))

    return save_form(request, form, save) or _page(request, need, evidence=form)


def evidence_file(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    item = selectors.evidence_item(request.user, pk)
    if item.link:
        return redirect(item.link)
    assert item.stored_name
    try:
        handle = open(evidence_files.path_of(item.stored_name), "rb")  # noqa: SIM115 (FileResponse closes it)
    except (OSError, ValueError):
        require(False)
        raise
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
def need_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    need = _need_to(request, pk, P.CONTRIBUTE)
    form = ToActionForm(request.POST, people=feedback_selectors.staff_of(need.unit))

    def save(cleaned: dict[str, Any]) -> Saved:
        action = services.need_to_action(actor=request.user, need=need, **cleaned)
        return Saved(f"Action “{action.title}” raised.", _back(need, "answers"))

    return save_form(request, form, save) or _page(request, need, action=form)
