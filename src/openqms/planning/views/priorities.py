"""Planning: the organisation's strategic priorities and the quality work that serves each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from openqms.nhsuk.views import Saved, save_form
from openqms.organisations import services
from openqms.organisations.models import Organisation, StrategicPriority
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.priorities import PriorityForm
from openqms.planning.presenters.home import needs_links
from openqms.planning.selectors import priorities as selectors
from openqms.planning.views import strategy


def _organisation(request: AuthenticatedHttpRequest) -> Organisation | None:
    """The organisation of the unit the person is working in, or their first one."""
    mine = selectors.organisations_of(request.user)
    unit = request.current_unit  # type: ignore[attr-defined]
    if unit and mine.filter(pk=unit.organisation_id).exists():
        return unit.organisation  # type: ignore[no-any-return]
    return mine.first()


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _organisation(request)
    strategy = selectors.strategy(request.user, organisation) if organisation else None
    form = PriorityForm()
    if request.method == "POST":
        if organisation is None or not selectors.may_set_priorities(request.user, organisation):
            raise Http404("Not found")
        form = PriorityForm(request.POST)

        def save(cleaned: dict[str, Any]) -> Saved:
            priority = services.add_priority(
                actor=request.user,
                organisation=organisation,
                title=cleaned["title"],
                description=cleaned["description"],
            )
            return Saved(
                f"Strategic priority “{priority.title}” added.",
                reverse("planning:home") + f"#priority-{priority.pk}",
            )

        saved = save_form(request, form, save)
        if saved is not None:
            return saved
    return render(
        request,
        "planning/home.jinja",
        {
            "page": "planning",
            "strategy": strategy,
            "form": form,
            "needs_links": needs_links(request.user, request.current_unit),  # type: ignore[attr-defined]
        },
        status=400 if form.errors else 200,
    )


def _priority_to_lead(request: AuthenticatedHttpRequest, pk: int) -> StrategicPriority:
    priority = selectors.priority(request.user, pk)
    if priority is None or not selectors.may_set_priorities(request.user, priority.organisation):
        raise Http404("Not found")
    return priority


def priority_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return strategy.priority_edit(request, _priority_to_lead(request, pk))


def priority_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404("Not found")
    priority = _priority_to_lead(request, pk)
    retire = request.POST.get("retire") != "no"
    services.retire_priority(actor=request.user, priority=priority, retire=retire)
    verb = "retired" if retire else "brought back"
    messages.success(request, f"Strategic priority “{priority.title}” {verb}.")
    return redirect(reverse("planning:home") + f"#priority-{priority.pk}")
