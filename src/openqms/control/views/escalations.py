"""Escalation and proposal pages: what awaits a unit, one escalation's chain, and the team's decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.control import responses
from openqms.control.forms.huddles import TierForm
from openqms.control.models import Escalation, EscalationStatus
from openqms.control.presenters.escalations import escalation_rows, offer_links
from openqms.control.selectors import huddles as selectors
from openqms.control.services.escalations import (
    confirm_proposal,
    dismiss_proposal,
    escalate_further,
    resolve_escalation,
    update_tier,
)
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.views import unit_for
from openqms.people.requests import AuthenticatedHttpRequest


def escalation_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # VIEW, not VIEW_UNIT: escalations are staff matters, never shared with service users.
    unit = unit_for(request, pk, policy.Permission.VIEW)
    user = request.user
    awaiting = list(selectors.awaiting_tier(user, unit))
    overdue = [e for e in selectors.overdue_escalations_below(user, unit) if e.current_unit_id != unit.pk]
    open_all = list(selectors.open_escalations_for(user, unit))
    return render(
        request,
        "control/escalation_list.jinja",
        {
            "page": "control",
            "unit": unit,
            "awaiting": awaiting,
            "overdue": overdue,
            "open_all": open_all,
            "today": timezone.localdate(),
        },
    )


def _detail(
    request: AuthenticatedHttpRequest, escalation: Escalation, form: TierForm | None = None, failed: str = ""
) -> HttpResponse:
    user = request.user
    tiers = list(escalation.tiers.all())
    current = tiers[-1]
    is_open = escalation.status == EscalationStatus.OPEN
    may_act = is_open and selectors.leads_tier(request.user, current.unit)
    people = selectors.people_on_hand(request.user, current.unit) if may_act else []
    history = selectors.history_of_many([escalation, *tiers, *(tier.action for tier in tiers)])[:200]
    return render(
        request,
        "control/escalation_detail.jinja",
        {
            "page": "control",
            "unit": escalation.origin_unit,
            "escalation": escalation,
            "summary_rows": escalation_rows(escalation),
            "tiers": tiers,
            "current": current,
            "above": selectors.chain_above(escalation) if is_open else [],
            "may_act": may_act,
            "form": form or TierForm(people=people),
            "failed": failed,
            "today": timezone.localdate(),
            "entries": list(history),
            "responses": responses.responses_to_escalation(user, escalation),
            "offers": offer_links(responses.offers_on_escalation(user, escalation)),
        },
        status=200,
    )


def escalation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.escalation(request.user, pk))


def _acting(request: AuthenticatedHttpRequest, pk: int) -> tuple[Escalation, Any]:
    """The escalation, and its current tier, if this person answers for that tier; otherwise 404."""
    escalation = selectors.escalation(request.user, pk)
    tier = list(escalation.tiers.all())[-1]
    if escalation.status != EscalationStatus.OPEN or not selectors.leads_tier(request.user, tier.unit):
        # Seeing an escalation is not the right to act on it; a 404, as for anything out of scope.
        raise Http404("Not found")
    return escalation, tier


def _refused(
    request: AuthenticatedHttpRequest,
    escalation: Escalation,
    form: TierForm,
    exc: ValidationError,
    field: str,
) -> HttpResponse:
    form.errors[field] = "; ".join(exc.messages)
    return _detail(request, escalation, form, failed=field)


@require_POST
def tier_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    escalation, tier = _acting(request, pk)
    form = TierForm(people=selectors.people_on_hand(request.user, tier.unit), data=request.POST)
    if "take" in request.POST:
        form.cleaned = {"owner": request.user, "due_on": None, "note": ""}
    elif not form.clean_update():
        return _detail(request, escalation, form, failed="update")
    try:
        update_tier(actor=request.user, tier=tier, **form.cleaned)
    except ValidationError as exc:
        return _refused(request, escalation, form, exc, "id_owner")
    messages.success(request, f"{tier.unit.name}'s tier updated.")
    return redirect("control:escalation", pk=escalation.pk)


@require_POST
def escalate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    escalation, _tier = _acting(request, pk)
    form = TierForm(people=[], data=request.POST)
    if not form.clean_escalate():
        return _detail(request, escalation, form, failed="escalate")
    try:
        up = escalate_further(actor=request.user, escalation=escalation, note=form.cleaned["note"])
    except ValidationError as exc:
        return _refused(request, escalation, form, exc, "id_escalate_note")
    messages.success(request, f"Escalated to {up.unit.name}.")
    return redirect("control:escalation", pk=escalation.pk)


@require_POST
def resolve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    escalation, tier = _acting(request, pk)
    form = TierForm(people=[], data=request.POST)
    if not form.clean_resolve():
        return _detail(request, escalation, form, failed="resolve")
    try:
        resolve_escalation(actor=request.user, escalation=escalation, resolution=form.cleaned["resolution"])
    except ValidationError as exc:
        return _refused(request, escalation, form, exc, "id_resolution")
    messages.success(request, f"Resolved by {tier.unit.name}.")
    return redirect("control:escalation", pk=escalation.pk)


def _proposals_page(
    request: AuthenticatedHttpRequest,
    unit: Any,
    errors: dict[int, str] | None = None,
    values: dict[int, str] | None = None,
) -> HttpResponse:
    proposals = list(selectors.proposals_awaiting(request.user, unit))
    return render(
        request,
        "control/proposal_list.jinja",
        {
            "page": "control",
            "unit": unit,
            "proposals": proposals,
            "may_decide": policy.can(request.user, policy.Permission.CONTRIBUTE, unit),
            "errors": errors or {},
            "error_list": [{"text": m, "href": f"#id_reason_{pk}"} for pk, m in (errors or {}).items()],
            "values": values or {},
        },
    )


def proposal_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _proposals_page(request, unit_for(request, pk, policy.Permission.VIEW))


@require_POST
def proposal_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal(request.user, pk)
    try:
        escalation = confirm_proposal(
            actor=request.user, proposal=proposal, note=str(request.POST.get("note", "")).strip()
        )
    except ValidationError as exc:
        return _proposals_page(request, proposal.measure.unit, errors={proposal.pk: "; ".join(exc.messages)})
    messages.success(request, f"Escalated to {escalation.current_unit.name}.")
    return redirect("control:escalation", pk=escalation.pk)


@require_POST
def proposal_dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal(request.user, pk)
    reason = str(request.POST.get("reason", ""))
    back = parse_id(request.POST.get("unit"))
    unit = unit_for(request, back, policy.Permission.VIEW) if back is not None else proposal.measure.unit
    if not reason.strip():
        return _proposals_page(
            request, unit, errors={proposal.pk: "Say why this signal does not need escalating"}
        )
    if len(reason) > 300:
        return _proposals_page(
            request,
            unit,
            errors={proposal.pk: "The reason must be 300 characters or fewer"},
            values={proposal.pk: reason},
        )
    try:
        dismiss_proposal(actor=request.user, proposal=proposal, reason=reason)
    except ValidationError as exc:
        return _proposals_page(request, unit, errors={proposal.pk: "; ".join(exc.messages)})
    messages.success(request, f"Proposal on {proposal.measure.definition.name} dismissed.")
    return redirect("control:proposal-list", pk=unit.pk)
