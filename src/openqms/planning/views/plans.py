"""Annual quality plans: the list, a plan's page, drafting it, and its approval workflow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.nhsuk.forms import NHSForm
from openqms.nhsuk.views import Saved, require, save_form
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms import plans as forms
from openqms.planning.models.plans import PlanAudit, PlanNeed, PlanProject, PlanTarget, QualityPlan
from openqms.planning.presenters import plans as presenters
from openqms.planning.selectors import plans as selectors
from openqms.planning.services import plans as services
from openqms.planning.views.posted import posted as _posted

ITEMS: dict[str, type[PlanTarget | PlanAudit | PlanProject | PlanNeed]] = {
    "target": PlanTarget,
    "audit": PlanAudit,
    "project": PlanProject,
    "need": PlanNeed,
}


def _plan_url(plan: QualityPlan, anchor: str = "") -> str:
    return reverse("planning:plan", args=[plan.pk]) + (f"#{anchor}" if anchor else "")


def _form_page(
    request: AuthenticatedHttpRequest,
    form: NHSForm,
    save: Callable[[dict[str, Any]], Saved],
    context: dict[str, Any],
) -> HttpResponse:
    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    return render(
        request,
        "planning/form.jinja",
        {"page": "planning", "form": form, **context},
        status=400 if form.errors else 200,
    )


def _editable(request: AuthenticatedHttpRequest, pk: int) -> QualityPlan:
    plan = selectors.plan_for(request.user, pk)
    require(policy.can(request.user, Permission.LEAD, plan))
    return plan


def plans(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = list(selectors.plans(request.user).order_by("-year", "unit__path"))
    years: dict[int, list[dict[str, Any]]] = {}
    for plan in found:
        years.setdefault(plan.year, []).append({"plan": plan, "status_tag": presenters.status_tag(plan)})
    return render(
        request,
        "planning/plans.jinja",
        {
            "page": "planning",
            "years": sorted(years.items(), reverse=True),
            "may_draft": selectors.units_to_plan(request.user).exists(),
        },
    )


def plan_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    units = selectors.units_to_plan(request.user)
    require(units.exists())
    form = forms.NewPlanForm(_posted(request), units=units, initial={"year": selectors.current_year() + 1})

    def save(cleaned: dict[str, Any]) -> Saved:
        plan = services.create_plan(
            actor=request.user,
            unit=cleaned["unit"],
            year=cleaned["year"],
            summary=cleaned["summary"],
            shared_with_service_users=cleaned["shared_with_service_users"],
        )
        return Saved(f"{plan} started.", _plan_url(plan))

    return _form_page(
        request,
        form,
        save,
        {
            "title": "Start a quality plan",
            "fields": [
                ("select", "unit", "Unit", "The unit whose plan it is: you lead it"),
                ("number", "year", "Year", "The financial year it starts in: 2026 is 2026/27"),
                ("area", "summary", "Summary", "Optional. What the unit wants to achieve this year"),
                (
                    "checkbox",
                    "shared_with_service_users",
                    "Share with service users, so they can comment",
                    None,
                ),
            ],
            "submit_text": "Start the plan",
            "back": reverse("planning:plans"),
        },
    )


def plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_for(request.user, pk)
    context = presenters.plan_page(request.user, found)
    context["comment_form"] = forms.CommentForm()
    return render(request, "planning/plan.jinja", {"page": "planning", **context})


def plan_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    initial = {"summary": plan.summary, "shared_with_service_users": plan.shared_with_service_users}
    form = forms.PlanForm(_posted(request), initial=initial)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.update_plan(actor=request.user, plan=plan, **cleaned)
        return Saved(f"{plan} saved.", _plan_url(plan))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Change the {plan}",
            "plan": plan,
            "fields": [
                ("area", "summary", "Summary", None),
                (
                    "checkbox",
                    "shared_with_service_users",
                    "Share with service users, so they can comment",
                    None,
                ),
            ],
            "submit_text": "Save",
            "back": _plan_url(plan),
        },
    )


def priority_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _editable(request, pk)
    form = forms.PlanPriorityForm(_posted(request), priorities=selectors.priorities_to_add(plan))

    def save(cleaned: dict[str, Any]) -> Saved:
        item = services.add_priority(actor=request.user, plan=plan, **cleaned)
        return Saved(
            f"“{item.priority.title}” added to the plan.", _plan_url(plan, f"plan-priority-{item.pk}")
        )

    return _form_page(
        request,
        form,
        save,
        {
            "title": "Add a priority to the plan",
            "plan": plan,
            "fields": [
                (
                    "select",
                    "priority",
                    "Strategic priority",
                    "One of the organisation’s strategic priorities",
                ),
                (
                    "checkbox",
                    "is_improvement_priority",
                    "An improvement priority (Quality Accounts ask for at least 3)",
                    None,
                ),
                ("area", "why", "Why this year", "Optional. What the planning inputs say"),
                ("area", "resources", "Resources it needs", "Optional. People, time, money, skills"),
            ],
            "submit_text": "Add the priority",
            "back": _plan_url(plan),
        },
    )


def _plan_priority(request: AuthenticatedHttpRequest, pk: int, item: int) -> tuple[QualityPlan, Any]:
    plan = _editable(request, pk)
    return plan, selectors.plan_priority_for(request.user, plan, item)


def priority_remove(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    require(request.method == "POST")
    plan, pp = _plan_priority(request, pk, item)
    return _act(
        request,
        plan,
        lambda: services.remove_priority(actor=request.user, plan_priority=pp),
        f"“{pp.priority.title}” removed.",
    )


def target_add(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    plan, pp = _plan_priority(request, pk, item)
    form = forms.TargetForm(_posted(request), measures=selectors.unit_measures(plan))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.add_target(actor=request.user, plan_priority=pp, **cleaned)
        return Saved("Target added.", _plan_url(plan, f"plan-priority-{pp.pk}"))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Add a target for “{pp.priority.title}”",
            "plan": plan,
            "fields": [
                ("select", "measure", "Measure", f"One of the measures {plan.unit.name} reports"),
                (
                    "number",
                    "target",
                    "Target",
                    "Set on the measure from the start of the year when the plan is approved",
                ),
            ],
            "submit_text": "Add the target",
            "back": _plan_url(plan),
        },
    )


def audit_add(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    plan, pp = _plan_priority(request, pk, item)
    form = forms.AuditForm(_posted(request), templates=selectors.audit_templates(plan))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.add_audit(actor=request.user, plan_priority=pp, **cleaned)
        return Saved("Audit added.", _plan_url(plan, f"plan-priority-{pp.pk}"))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Add an audit for “{pp.priority.title}”",
            "plan": plan,
            "fields": [
                ("select", "template", "Audit", "Scheduled in assurance when the plan is approved"),
                ("date", "due_on", "Due date", f"Within the plan’s year, for example 1 9 {plan.year}"),
                ("select", "recurrence", "How often", None),
            ],
            "submit_text": "Add the audit",
            "back": _plan_url(plan),
        },
    )


def project_add(request: AuthenticatedHttpRequest, pk: int, item: int) -> HttpResponse:
    plan, pp = _plan_priority(request, pk, item)
    form = forms.ProjectForm(
        _posted(request), measures=selectors.unit_measures(plan), people=selectors.leads_to_choose(plan)
    )

    def save(cleaned: dict[str, Any]) -> Saved:
        services.add_project(actor=request.user, plan_priority=pp, **cleaned)
        return Saved("Improvement work added.", _plan_url(plan, f"plan-priority-{pp.pk}"))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Plan improvement work for “{pp.priority.title}”",
            "plan": plan,
            "fields": [
                ("text", "title", "Project title", None),
                ("area", "aim", "Aim", "How much, by when"),
                ("select", "aim_measure", "Aim measure", None),
                ("number", "aim_target", "Aim target", None),
                ("select", "lead", "Lead", None),
            ],
            "submit_text": "Add the project",
            "back": _plan_url(plan),
        },
    )


def item_remove(request: AuthenticatedHttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    require(request.method == "POST" and kind in ITEMS)
    plan = _editable(request, pk)
    found = ITEMS[kind].objects.filter(pk=item, plan_priority__plan=plan).first()
    if found is None:
        raise Http404("Not found")
    return _act(
        request, plan, lambda: services.remove_item(actor=request.user, item=found), "Removed from the plan."
    )


def comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    require(selectors.may_comment(request.user, plan))
    form = forms.CommentForm(_posted(request))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.comment(actor=request.user, plan=plan, text=cleaned["text"])
        return Saved("Comment added.", _plan_url(plan, "comments"))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Comment on the {plan}",
            "plan": plan,
            "fields": [("area", "text", "Comment", None)],
            "submit_text": "Add the comment",
            "back": _plan_url(plan),
        },
    )


def _act(
    request: AuthenticatedHttpRequest, plan: QualityPlan, do: Callable[[], Any], done: str
) -> HttpResponse:
    """A workflow button: done, or its refusal shown on the plan's page; nothing changes on a refusal."""
    try:
        do()
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect(_plan_url(plan))


def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.method == "POST")
    plan = _editable(request, pk)
    return _act(
        request, plan, lambda: services.submit(actor=request.user, plan=plan), "Plan submitted for approval."
    )


def _decider(request: AuthenticatedHttpRequest, pk: int) -> QualityPlan:
    plan = selectors.plan_for(request.user, pk)
    require(selectors.may_approve(request.user, plan))
    return plan


def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.method == "POST")
    plan = _decider(request, pk)
    done = (
        "The plan was approved already."
        if plan.is_approved
        else "Plan approved: its targets are set, its audits scheduled and its projects proposed."
    )
    return _act(request, plan, lambda: services.approve(actor=request.user, plan=plan), done)


def return_plan(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = _decider(request, pk)
    form = forms.ReturnForm(_posted(request))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.return_plan(actor=request.user, plan=plan, text=cleaned["text"])
        return Saved("Plan returned to the team with your comments.", _plan_url(plan))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Return the {plan}",
            "plan": plan,
            "fields": [
                ("area", "text", "What should change", "The team sees this beside the plan"),
            ],
            "submit_text": "Return the plan",
            "back": _plan_url(plan),
        },
    )


def sign_off(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    require(request.method == "POST")
    plan = selectors.plan_for(request.user, pk)
    require(selectors.may_sign_off(request.user, plan))
    return _act(request, plan, lambda: services.sign_off(actor=request.user, plan=plan), "Plan signed off.")


def amend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for(request.user, pk)
    # The unit's leaders and the tier above may amend it.
    require(policy.can(request.user, Permission.LEAD, plan) and plan.is_approved)
    form = forms.AmendForm(_posted(request))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.amend(actor=request.user, plan=plan, reason=cleaned["reason"])
        return Saved("The plan is open for its amendment; it goes for approval again.", _plan_url(plan))

    return _form_page(
        request,
        form,
        save,
        {
            "title": f"Amend the {plan}",
            "plan": plan,
            "fields": [
                ("area", "reason", "Reason for the amendment", "Kept with the plan"),
            ],
            "submit_text": "Amend the plan",
            "back": _plan_url(plan),
        },
    )
