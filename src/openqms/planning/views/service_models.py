"""Service model pages: a unit's versions, proposing one, its page (diagram, pathway, team,
specification, comments), adding a step, a role or a requirement, a new version, and the
planning decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.access.models import Role
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.service_models import (
    CommentForm,
    DecisionForm,
    ModelForm,
    RequirementForm,
    StepForm,
    TeamRoleForm,
)
from openqms.planning.models import ServiceModel
from openqms.planning.presenters import service_models as presenters
from openqms.planning.selectors import service_models as selectors
from openqms.planning.services import service_models as services

P = policy.Permission


def unit_models(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    """Staff, and the unit's service users (service models are shared with them)."""
    place = unit_for(request, unit, P.VIEW_UNIT)
    roles = policy.roles_on(request.user, place)
    require(bool(roles & policy.STAFF) or Role.SERVICE_USER in roles)
    context = {
        "page": "planning",
        "unit": place,
        "versions": presenters.version_rows(list(selectors.models_of(request.user, place))),
        "may_propose": policy.can(request.user, P.PROPOSE, place),
    }
    return render(request, "planning/service_models.jinja", context)


def new_model(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    place = unit_for(request, unit, P.PROPOSE)
    form = ModelForm(request.POST or None)

    def save(cleaned: dict[str, Any]) -> Saved:
        model = services.propose_model(actor=request.user, unit=place, **cleaned)
        return Saved(
            f"Service model “{model.title}” proposed.", reverse("planning:service-model", args=[model.pk])
        )

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    context = {"page": "planning", "unit": place, "form": form, "model": None}
    return render(request, "planning/service_model_form.jinja", context, status=400 if form.errors else 200)


def _forms(request: AuthenticatedHttpRequest, model: ServiceModel, **given: Any) -> dict[str, Any]:
    return {
        "step_form": given.get("step")
        or StepForm(
            standards=selectors.standards_for(request.user, model), measures=selectors.measures_for(model)
        ),
        "role_form": given.get("role") or TeamRoleForm(),
        "requirement_form": given.get("requirement")
        or RequirementForm(measures=selectors.measures_for(model)),
        "comment_form": given.get("comment") or CommentForm(),
        "decision_form": given.get("decision")
        or DecisionForm(needs=selectors.needs_for(request.user, model)),
    }


def _page(request: AuthenticatedHttpRequest, model: ServiceModel, **given: Any) -> HttpResponse:
    context = {
        "page": "planning",
        "sm": presenters.model_page(request.user, model),
        **_forms(request, model, **given),
    }
    failed = any(f.errors for f in given.values())
    return render(request, "planning/service_model.jinja", context, status=400 if failed else 200)


def model_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.service_model(request.user, pk))


def edit_model(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    model = selectors.service_model(request.user, pk)
    require(policy.can(request.user, P.PROPOSE, model.unit))
    form = ModelForm(request.POST or None, initial={n: getattr(model, n) for n in services.TEXT})

    def save(cleaned: dict[str, Any]) -> Saved:
        services.update_model(actor=request.user, model=model, **cleaned)
        return Saved("Service model saved.", reverse("planning:service-model", args=[pk]))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    context = {"page": "planning", "unit": model.unit, "form": form, "model": model}
    return render(request, "planning/service_model_form.jinja", context, status=400 if form.errors else 200)


PARTS = {"step": "pathway", "role": "team", "requirement": "specification"}


@require_POST
def add_part(request: AuthenticatedHttpRequest, pk: int, part: str) -> HttpResponse:
    require(part in PARTS)
    model = selectors.service_model(request.user, pk)
    require(policy.can(request.user, P.PROPOSE, model.unit))
    form: Any
    if part == "step":
        form = StepForm(
            request.POST,
            standards=selectors.standards_for(request.user, model),
            measures=selectors.measures_for(model),
        )
        add: Any = services.add_step
    elif part == "role":
        form, add = TeamRoleForm(request.POST), services.add_team_role
    else:
        form, add = (
            RequirementForm(request.POST, measures=selectors.measures_for(model)),
            services.add_requirement,
        )

    def save(cleaned: dict[str, Any]) -> Saved:
        add(actor=request.user, model=model, **cleaned)
        return Saved("Added.", reverse("planning:service-model", args=[pk]) + f"#{PARTS[part]}")

    return save_form(request, form, save) or _page(request, model, **{part: form})


@require_POST
def comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    model = selectors.service_model(request.user, pk)
    require(policy.can(request.user, P.FEEDBACK, model))
    form = CommentForm(request.POST)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.comment(actor=request.user, model=model, text=cleaned["text"])
        return Saved(
            "Thank you: your comment is saved.", reverse("planning:service-model", args=[pk]) + "#comments"
        )

    return save_form(request, form, save) or _page(request, model, comment=form)


@require_POST
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    model = selectors.service_model(request.user, pk)
    require(policy.can(request.user, P.LEAD, model.unit))
    form = DecisionForm(request.POST, needs=selectors.needs_for(request.user, model))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.decide(actor=request.user, model=model, **cleaned)
        return Saved("The planning decision is recorded.", reverse("planning:service-model", args=[pk]))

    return save_form(request, form, save) or _page(request, model, decision=form)


@require_POST
def new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    model = selectors.service_model(request.user, pk)
    require(policy.can(request.user, P.PROPOSE, model.unit))
    try:
        draft = services.new_version(actor=request.user, model=model)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:service-model", pk=pk)
    messages.success(request, f"Version {draft.version} started: change it, then ask for a decision.")
    return redirect("planning:service-model", pk=draft.pk)
