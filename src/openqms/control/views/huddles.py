"""Huddle pages: a unit's huddles, recording one (quickly, on a tablet), and one huddle with its history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.control.forms.huddles import MAX_ROWS, OUTCOME_LABELS, HuddleForm, IssueRow
from openqms.control.models import HuddleIssue, IssueOutcome
from openqms.control.selectors import huddles as selectors
from openqms.control.services.huddles import close_issue, record_huddle
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.views import back_to, unit_for
from openqms.organisations.models import Unit
from openqms.people.requests import AuthenticatedHttpRequest


def huddle_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    # VIEW, not VIEW_UNIT: huddles and escalations are staff matters, never shared with service users.
    unit = unit_for(request, pk, policy.Permission.VIEW)
    listing = Paginator(selectors.huddles_of(request.user, unit), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "control/huddle_list.jinja",
        {
            "page": "control",
            "unit": unit,
            "listing": listing,
            "may_record": policy.can(request.user, policy.Permission.CONTRIBUTE, unit),
        },
    )


def _form_page(
    request: AuthenticatedHttpRequest, unit: Unit, form: HuddleForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "control/huddle_form.jinja",
        {"page": "control", "unit": unit, "form": form, "outcomes": OUTCOME_LABELS, "max_rows": MAX_ROWS},
        status=status,
    )


def huddle_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.CONTRIBUTE)
    people = selectors.people_on_hand(request.user, unit)
    if request.method != "POST":
        return _form_page(request, unit, HuddleForm(unit=unit, people=people))
    form = HuddleForm(unit=unit, people=people, data=request.POST)
    if "add_issue" in request.POST:
        # Without JavaScript, "Add another issue" posts the page and gets it back with one more row.
        if len(form.rows) < MAX_ROWS:
            form.add_row()
        return _form_page(request, unit, form)
    if not form.is_valid():
        return _form_page(request, unit, form)
    try:
        huddle = record_huddle(actor=request.user, unit=unit, issues=form.issues, **form.cleaned)
    except ValidationError as exc:
        # The form checks what the services check; this is the rare race (a role ended meanwhile).
        form.errors["id_held_on"] = "; ".join(exc.messages)
        return _form_page(request, unit, form)
    escalated = sum(1 for issue in form.issues if issue.outcome == "escalated")
    text = "Huddle recorded."
    if escalated:
        parent = unit.parent.name if unit.parent else ""
        text += f" {escalated} {'issue' if escalated == 1 else 'issues'} escalated to {parent}."
    messages.success(request, text)
    return redirect("control:huddle", pk=huddle.pk)


def issue_row(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One more blank issue row, for HTMX to append to the huddle form."""
    unit = unit_for(request, pk, policy.Permission.CONTRIBUTE)
    index = max(0, min(parse_id(request.GET.get("index")) or 0, 9999))
    number = max(1, min(parse_id(request.GET.get("number")) or 1, MAX_ROWS))
    form = HuddleForm(unit=unit, people=selectors.people_on_hand(request.user, unit), blank_rows=0)
    row = IssueRow(index=index, number=number)
    return render(
        request,
        "control/huddle_issue_row.jinja",
        {
            "unit": unit,
            "form": form,
            "row": row,
            "outcomes": OUTCOME_LABELS,
            "max_rows": MAX_ROWS,
            "oob": True,
        },
    )


def huddle_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    huddle = selectors.huddle(request.user, pk)
    issues = list(huddle.issues.all())
    history = selectors.history_of_many([huddle, *issues, *(issue.action for issue in issues)])[:200]
    return render(
        request,
        "control/huddle_detail.jinja",
        {
            "page": "control",
            "unit": huddle.unit,
            "huddle": huddle,
            "issues": issues,
            "entries": list(history),
            "today": timezone.localdate(),
        },
    )


CLOSING = {IssueOutcome.SOLVED.value: "done", IssueOutcome.ESCALATED.value: "escalated"}


@require_POST
def issue_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Mark an action from a huddle done, or escalate it, from the board; back where it was clicked."""
    issue = policy.get_or_404(
        request.user,
        policy.Permission.CONTRIBUTE,
        HuddleIssue.objects.select_related("huddle__unit__parent", *selectors.ISSUE_RELATED),
        unit_field="huddle__unit",
        pk=pk,
    )
    back = back_to(request, reverse("control:unit-board", args=[issue.huddle.unit_id]))
    outcome = request.POST.get("outcome", "")
    if issue.outcome != IssueOutcome.OPEN:
        messages.info(request, f"“{issue.description}” was already {issue.get_outcome_display().lower()}.")
    elif outcome not in CLOSING:
        messages.error(request, f"Choose whether “{issue.description}” is done or to be escalated.")
    else:
        try:
            close_issue(actor=request.user, issue=issue, outcome=outcome)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, f"“{issue.description}” {CLOSING[outcome]}.")
    return HttpResponseRedirect(back)
