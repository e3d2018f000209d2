"""Feedback pages: a unit's feedback, giving it (signed in or from a card), one item with its
answer and what came of it, the printable QR-code poster, and the public form behind the QR code."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.nhsuk.views import Saved, require, save_form, unit_for
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.feedback import (
    AnswerForm,
    CardForm,
    GiveFeedbackForm,
    LinkProjectForm,
    PublicFeedbackForm,
    ToActionForm,
    ToNeedForm,
)
from openqms.planning.models import Channel
from openqms.planning.presenters import feedback as presenters
from openqms.planning.qr import qr_svg
from openqms.planning.selectors import feedback as selectors
from openqms.planning.services import feedback as services

P = policy.Permission
# The public form takes this many submissions an hour from one address for one link: enough for a
# family at a bedside, too few for a flood (docs/needs.md).
PUBLIC_LIMIT = 10


def unit_feedback(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    place = unit_for(request, unit, P.VIEW)
    items = list(selectors.feedback_of(request.user, place)[:200])
    page = presenters.unit_feedback(request.user, place, items)
    return render(request, "planning/feedback_list.jinja", {"page": "planning", "feedback": page})


def new_feedback(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    place = unit_for(request, unit, P.RAISE)
    staff = bool(policy.roles_on(request.user, place) & policy.STAFF)
    form: Any = CardForm(request.POST or None) if staff else GiveFeedbackForm(request.POST or None)

    def save(cleaned: dict[str, Any]) -> Saved:
        feedback = services.give_feedback(
            actor=request.user,
            unit=place,
            kind=cleaned["kind"],
            text=cleaned["text"],
            given_by=cleaned["given_by"],
            channel=cleaned.get("channel", Channel.FORM),
            received_on=cleaned.get("received_on"),
            may_quote=cleaned["may_quote"],
        )
        if staff:
            return Saved("Feedback saved.", reverse("planning:feedback-item", args=[feedback.pk]))
        return Saved("Thank you: the team will read your feedback.", reverse("planning:needs"))

    saved = save_form(request, form, save)
    if saved is not None:
        return saved
    context = {"page": "planning", "unit": place, "form": form, "staff": staff}
    return render(request, "planning/feedback_form.jinja", context, status=400 if form.errors else 200)


def _item_page(request: AuthenticatedHttpRequest, feedback: Any, **forms: Any) -> HttpResponse:
    people = selectors.staff_of(feedback.unit)
    context = {
        "page": "planning",
        "item": presenters.feedback_page(request.user, feedback, selectors.actions_from(feedback)),
        "answer_form": forms.get("answer") or AnswerForm(initial={"response": feedback.response}),
        "need_form": forms.get("need") or ToNeedForm(initial={"title": "", "who_affected": ""}),
        "action_form": forms.get("action") or ToActionForm(people=people),
        "project_form": forms.get("project")
        or LinkProjectForm(projects=selectors.projects_to_link(request.user, feedback)),
    }
    failed = any(f.errors for f in forms.values())
    return render(request, "planning/feedback_item.jinja", context, status=400 if failed else 200)


def feedback_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = selectors.feedback_item(request.user, pk)
    if request.method != "POST":
        return _item_page(request, feedback)
    require(policy.can(request.user, P.CONTRIBUTE, feedback))
    form = AnswerForm(request.POST)

    def save(cleaned: dict[str, Any]) -> Saved:
        services.answer_feedback(actor=request.user, feedback=feedback, response=cleaned["response"])
        return Saved("Answer saved.", reverse("planning:feedback-item", args=[pk]))

    return save_form(request, form, save) or _item_page(request, feedback, answer=form)


def _to_change(request: AuthenticatedHttpRequest, pk: int) -> Any:
    feedback = selectors.feedback_item(request.user, pk)
    require(policy.can(request.user, P.CONTRIBUTE, feedback))
    return feedback


@require_POST
def feedback_need(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = _to_change(request, pk)
    form = ToNeedForm(request.POST)

    def save(cleaned: dict[str, Any]) -> Saved:
        need = services.feedback_to_need(
            actor=request.user,
            feedback=feedback,
            title=cleaned["title"],
            who_affected=cleaned["who_affected"],
        )
        return Saved(f"The need “{need.title}” is on the register.", reverse("planning:need", args=[need.pk]))

    return save_form(request, form, save) or _item_page(request, feedback, need=form)


@require_POST
def feedback_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = _to_change(request, pk)
    form = ToActionForm(request.POST, people=selectors.staff_of(feedback.unit))

    def save(cleaned: dict[str, Any]) -> Saved:
        action = services.feedback_to_action(
            actor=request.user, feedback=feedback, title=cleaned["title"], due_on=cleaned["due_on"],
            owner=cleaned["owner"],
        )  # fmt: skip
        return Saved(f"Action “{action.title}” raised.", reverse("planning:feedback-item", args=[pk]))

    return save_form(request, form, save) or _item_page(request, feedback, action=form)


@require_POST
def feedback_project(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = _to_change(request, pk)
    form = LinkProjectForm(request.POST, projects=selectors.projects_to_link(request.user, feedback))

    def save(cleaned: dict[str, Any]) -> Saved:
        services.link_project(actor=request.user, feedback=feedback, project=cleaned["project"])
        return Saved(f"Linked to “{cleaned['project'].title}”.", reverse("planning:feedback-item", args=[pk]))

    return save_form(request, form, save) or _item_page(request, feedback, project=form)


def feedback_qr(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    """The poster a ward prints: the QR code of its public link, and the link in words."""
    place = unit_for(request, unit, P.CONTRIBUTE)
    if request.method == "POST":
        services.open_feedback_point(actor=request.user, unit=place)
        return redirect("planning:feedback-qr", unit=place.pk)
    point = selectors.open_point(place)
    link = request.build_absolute_uri(reverse("planning:feedback-give", args=[point.token])) if point else ""
    context = {
        "page": "planning",
        "unit": place,
        "link": link,
        "qr": qr_svg(link, f"QR code: give feedback on {place.name}") if link else "",
    }
    return render(request, "planning/feedback_qr.jinja", context)


def _over_limit(request: HttpRequest, token: str) -> bool:
    key = f"planning-feedback:{token}:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key) > PUBLIC_LIMIT
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return False


@login_not_required
def give_public(request: HttpRequest, token: str) -> HttpResponse:
    """The public form behind a ward's QR code: no sign-in, and nothing about the unit but its name."""
    point = selectors.point_for_token(token)
    require(point is not None)
    assert point is not None
    form = PublicFeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _over_limit(request, token):
            form.add_error(
                None, "We have had a lot of feedback from here in the last hour: please try again later"
            )
            status = 429
        elif form.is_valid():
            cleaned = form.cleaned_data
            services.give_feedback(
                actor=None, unit=point.unit, kind=cleaned["kind"], text=cleaned["text"],
                given_by=cleaned["given_by"], channel=Channel.QR, may_quote=cleaned["may_quote"],
            )  # fmt: skip
            return redirect("planning:feedback-thanks", token=token)
        else:
            status = 400
    context = {"unit_name": point.unit.name, "form": form, "public": True}
    return render(request, "planning/feedback_public.jinja", context, status=status)


@login_not_required
def thanks_public(request: HttpRequest, token: str) -> HttpResponse:
    point = selectors.point_for_token(token)
    require(point is not None)
    assert point is not None
    context = {"unit_name": point.unit.name, "again": reverse("planning:feedback-give", args=[token])}
    return render(request, "planning/feedback_thanks.jinja", context)
