"""The action tracker: a unit's actions, raising one, its progress notes, changing and closing it.

The pages sit with the Action model, below the domain apps, which all raise actions (ADR 9, ADR 22).
They are drawn in the section and with the panels that an app above gives `actions.pages`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.actions import pages
from openqms.actions.forms.tracker import ActionForm, CloseForm, NoteForm
from openqms.actions.models import Action
from openqms.actions.selectors import tracker as action_selectors
from openqms.actions.services import tracker as action_services
from openqms.audit.selectors import history_of
from openqms.nhsuk.versions import version_of
from openqms.nhsuk.views import Saved, save_form, unit_for
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest

Permission = policy.Permission


def _people(unit: Unit) -> Any:
    """Staff whose current role reaches the unit: on it or on a unit above it."""
    return (
        get_user_model()
        .objects.filter(
            pk__in=RoleAssignment.objects.current()
            .filter(unit_id__in=[*unit.ancestor_ids, unit.pk])
            .exclude(role__in=("service_user", "administrator"))
            .values("person_id")
        )
        .order_by("full_name")
    )


def _framed() -> dict[str, Any]:
    """What every tracker page gives the templates about the section it is drawn in."""
    frame = pages.frame()
    return {"page": frame.page, "frame": frame}


def unit_actions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.VIEW)
    found = action_selectors.in_subtree(request.user, unit)
    show = request.GET.get("show", "open")
    if show != "all":
        found = found.filter(status__in=("open", "in_progress"))
    return render(
        request,
        "actions/actions.jinja",
        {
            **_framed(),
            "unit": unit,
            "actions": found.order_by("due_on", "pk"),
            "show": show,
            "may_raise": policy.can(request.user, Permission.CONTRIBUTE, unit),
        },
    )


def new_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, Permission.CONTRIBUTE)
    initial = {k: request.GET.get(k, "") for k in ("title", "source_label", "source_kind", "source_id")}
    form = ActionForm(
        request.POST or None,
        people=_people(unit),
        user=request.user,
        initial=initial | {"priority": "medium"},
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        cleaned.pop("version", None)
        item = action_services.raise_action(actor=request.user, unit=unit, **cleaned)
        return Saved(f"Action “{item.title}” raised.", reverse("actions:action", args=[item.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "actions/action_form.jinja",
        {**_framed(), "form": form, "unit": unit, "item": None},
    )


def _item(request: AuthenticatedHttpRequest, pk: int, action: policy.Permission = Permission.VIEW) -> Action:
    return policy.get_or_404(request.user, action, Action.objects.select_related("unit", "owner"), pk=pk)


def _context(
    request: AuthenticatedHttpRequest, item: Action, note_form: NoteForm | None = None
) -> dict[str, Any]:
    may_contribute = policy.can(request.user, Permission.CONTRIBUTE, item)
    context = {
        **_framed(),
        "item": item,
        "source_link": action_selectors.source_link(request.user, item),
        "notes": item.notes.select_related("author"),
        "may_lead": policy.can(request.user, Permission.LEAD, item),
        "note_form": note_form
        or (NoteForm() if may_contribute and item.is_open and not item.kept_at_source else None),
        "history": history_of(item)[:10],
    }
    panels = pages.panels()
    for panel in panels:
        context |= panel.context(request, item)
    context["panel_templates"] = [panel.template for panel in panels]
    return context


def action_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return render(request, "actions/action.jinja", _context(request, _item(request, pk)))


def _answered_at_source(request: AuthenticatedHttpRequest, item: Action) -> HttpResponse:
    """An escalation tier's action is changed on the escalation's page, never by the tracker's forms."""
    messages.info(request, f"This action is answered on its own page: {item.source_label}.")
    link = action_selectors.source_link(request.user, item)
    return redirect(link.url if link else reverse("actions:action", args=[item.pk]))


def edit_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Permission.LEAD)
    if item.kept_at_source:
        return _answered_at_source(request, item)
    initial = {n: getattr(item, n) for n in ("title", "description", "owner", "due_on", "priority", "status")}
    initial["version"] = version_of(item)
    form = ActionForm(request.POST or None, people=_people(item.unit), editing=True, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        action_services.update_action(actor=request.user, action=item, **cleaned)
        return Saved("Action saved.", reverse("actions:action", args=[item.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "actions/action_form.jinja",
        {**_framed(), "form": form, "unit": item.unit, "item": item},
    )


@require_POST
def add_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Permission.CONTRIBUTE)
    form = NoteForm(request.POST)
    if item.kept_at_source:
        form.add_error("text", "This action is answered where it was raised, not here")
    elif form.is_valid() and item.is_open:
        action_services.add_note(actor=request.user, action=item, text=form.cleaned_data["text"])
        messages.success(request, "Progress note added.")
        return redirect("actions:action", pk=item.pk)
    if not item.is_open and not item.kept_at_source:
        form.add_error("text", "This action is closed: it takes no more notes")
    return render(request, "actions/action.jinja", _context(request, item, form))


def close_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk, Permission.LEAD)
    if item.kept_at_source:
        return _answered_at_source(request, item)
    form = CloseForm(request.POST or None)

    def save(cleaned: dict[str, Any]) -> Saved:
        action_services.close_action(
            actor=request.user, action=item, evidence=cleaned["evidence"],
            effectiveness_check=cleaned["effectiveness_check"], effective=cleaned["effective"],
        )  # fmt: skip
        return Saved("Action closed.", reverse("actions:action", args=[item.pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(request, "actions/action_close.jinja", {**_framed(), "form": form, "item": item})
