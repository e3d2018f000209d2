"""The strategy pages under /planning/strategy/: the organisation's vision, mission and strategy
for a period (versioned), its goals, and the priorities under each. Everyone with a role in the
organisation reads them; its senior leaders (a leading role on the top unit) change them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from openqms.improvement.selectors.projects import sponsors_of
from openqms.nhsuk.views import Saved, require, save_form
from openqms.organisations import strategy_services
from openqms.organisations.models import Organisation, StrategicGoal, StrategicPriority
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.strategy import GoalForm, StrategyPriorityForm, StrategyVersionForm
from openqms.planning.selectors import priorities as priority_selectors
from openqms.planning.selectors import strategy as selectors
from openqms.planning.services import strategy as services

STRATEGY = "planning:strategy"


def _organisation(request: AuthenticatedHttpRequest) -> Organisation:
    """The organisation of the unit the person is working in, or their first one; 404 without one."""
    mine = priority_selectors.organisations_of(request.user)
    unit = request.current_unit  # type: ignore[attr-defined]
    found = mine.filter(pk=unit.organisation_id).first() if unit else None
    found = found or mine.first()
    if found is None:
        raise Http404("Not found")
    return found


def _to_lead(request: AuthenticatedHttpRequest) -> Organisation:
    organisation = _organisation(request)
    require(priority_selectors.may_set_priorities(request.user, organisation))
    return organisation


def strategy(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = selectors.strategy_page(request.user, _organisation(request))
    return render(request, "planning/strategy.jinja", {"page": "planning", "strategy": page})


def version(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    organisation = _organisation(request)
    found = selectors.version(request.user, organisation, number)
    if found is None:
        raise Http404("Not found")
    return render(request, "planning/strategy_version.jinja", {"page": "planning", "version": found})


def new_version(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _to_lead(request)
    current = organisation.strategy_versions.order_by("-number").first()
    fields = ("title", "starts", "ends", "vision", "mission", "summary")
    initial = {name: getattr(current, name) for name in fields} if current else {}
    form = StrategyVersionForm(request.POST or None, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        saved = strategy_services.publish_version(actor=request.user, organisation=organisation, **cleaned)
        return Saved(f"Version {saved.number} of the strategy is now the current one.", reverse(STRATEGY))

    answer = save_form(request, form, save)
    if answer is not None:
        return answer
    return render(
        request,
        "planning/strategy_form.jinja",
        {"page": "planning", "form": form, "current": current},
        status=400 if form.errors else 200,
    )


def _goal_to_lead(request: AuthenticatedHttpRequest, pk: int) -> StrategicGoal:
    found = selectors.goal(request.user, pk)
    if found is None or not priority_selectors.may_set_priorities(request.user, found.organisation):
        raise Http404("Not found")
    return found


def goal_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisation = _to_lead(request)
    form = GoalForm(request.POST or None)

    def save(cleaned: dict[str, Any]) -> Saved:
        goal = strategy_services.add_goal(
            actor=request.user,
            organisation=organisation,
            title=cleaned["title"],
            description=cleaned["description"],
        )
        return Saved(f"Goal “{goal.title}” added.", reverse(STRATEGY) + f"#goal-{goal.pk}")

    answer = save_form(request, form, save)
    if answer is not None:
        return answer
    return render(
        request,
        "planning/goal_form.jinja",
        {"page": "planning", "form": form, "goal": None, "organisation": organisation},
        status=400 if form.errors else 200,
    )


def goal_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = _goal_to_lead(request, pk)
    initial = {"title": goal.title, "description": goal.description, "position": goal.position}
    form = GoalForm(request.POST or None, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        strategy_services.update_goal(
            actor=request.user,
            goal=goal,
            title=cleaned["title"],
            description=cleaned["description"],
            position=cleaned["position"] or goal.position,
        )
        return Saved(f"Goal “{goal.title}” saved.", reverse(STRATEGY) + f"#goal-{goal.pk}")

    answer = save_form(request, form, save)
    if answer is not None:
        return answer
    return render(
        request,
        "planning/goal_form.jinja",
        {"page": "planning", "form": form, "goal": goal, "organisation": goal.organisation},
        status=400 if form.errors else 200,
    )


def goal_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404("Not found")
    goal = _goal_to_lead(request, pk)
    retire = request.POST.get("retire") != "no"
    strategy_services.retire_goal(actor=request.user, goal=goal, retire=retire)
    messages.success(request, f"Goal “{goal.title}” {'retired' if retire else 'brought back'}.")
    return redirect(reverse(STRATEGY) + f"#goal-{goal.pk}")


def priority_form(
    request: AuthenticatedHttpRequest,
    organisation: Organisation,
    priority: StrategicPriority | None,
    **kwargs: Any,
) -> StrategyPriorityForm:
    keep_domains = list(priority.domains.values_list("pk", flat=True)) if priority else []
    return StrategyPriorityForm(
        request.POST or None,
        goals=selectors.goals_of(organisation, keep=priority.goal_id if priority else None),
        domains=selectors.domains_to_choose(organisation, keep=keep_domains),
        owners=sponsors_of(organisation),
        definitions=selectors.definitions_to_choose(organisation),
        **kwargs,
    )


def priority_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    goal = _goal_to_lead(request, pk)
    form = priority_form(request, goal.organisation, None, initial={"goal": goal.pk})

    def save(cleaned: dict[str, Any]) -> Saved:
        priority = services.add_priority(
            actor=request.user,
            goal=cleaned["goal"] or goal,
            title=cleaned["title"],
            description=cleaned["description"],
            domains=cleaned["domains"],
            executive_owner=cleaned["executive_owner"],
            outcome_measures=cleaned["outcome_measures"],
        )
        return Saved(
            f"Strategic priority “{priority.title}” added.", reverse(STRATEGY) + f"#priority-{priority.pk}"
        )

    answer = save_form(request, form, save)
    if answer is not None:
        return answer
    return render(
        request,
        "planning/strategy_priority_form.jinja",
        {"page": "planning", "form": form, "priority": None, "organisation": goal.organisation},
        status=400 if form.errors else 200,
    )


def priority_edit(request: AuthenticatedHttpRequest, priority: StrategicPriority) -> HttpResponse:
    """The full priority form (called by planning.views.priorities.priority_edit, its address)."""
    initial = {
        "title": priority.title,
        "description": priority.description,
        "position": priority.position,
        "goal": priority.goal_id,
        "domains": list(priority.domains.all()),
        "executive_owner": priority.executive_owner_id,
        "outcome_measures": list(selectors.outcome_measures(priority)),
    }
    form = priority_form(request, priority.organisation, priority, initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.update_priority(
            actor=request.user,
            priority=priority,
            goal=cleaned["goal"] or priority.goal,
            title=cleaned["title"],
            description=cleaned["description"],
            position=cleaned["position"] or priority.position,
            domains=cleaned["domains"],
            executive_owner=cleaned["executive_owner"],
            outcome_measures=cleaned["outcome_measures"],
        )
        return Saved(
            f"Strategic priority “{priority.title}” saved.", reverse(STRATEGY) + f"#priority-{priority.pk}"
        )

    answer = save_form(request, form, save)
    if answer is not None:
        return answer
    return render(
        request,
        "planning/strategy_priority_form.jinja",
        {"page": "planning", "form": form, "priority": priority, "organisation": priority.organisation},
        status=400 if form.errors else 200,
    )
