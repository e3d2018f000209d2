"""What the feedback pages show: each item's words and tags, and what the person may do."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from openqms.access import policy
from openqms.actions.models import Action
from openqms.nhsuk.dates import date_text
from openqms.organisations.models import Unit
from openqms.planning.models import Feedback, FeedbackKind

P = policy.Permission
TAGS = {FeedbackKind.COMPLIMENT: "green", FeedbackKind.CONCERN: "red", FeedbackKind.IDEA: "blue"}


@dataclass(frozen=True)
class FeedbackRow:
    pk: int
    url: str
    kind: str
    tag: str
    text: str
    unit: str
    received: str
    came: str
    answered: bool
    need: str


def row(feedback: Feedback) -> FeedbackRow:
    return FeedbackRow(
        pk=feedback.pk,
        url=reverse("planning:feedback-item", args=[feedback.pk]),
        kind=str(feedback.get_kind_display()),
        tag=f"nhsuk-tag nhsuk-tag--{TAGS.get(FeedbackKind(feedback.kind), 'grey')}",
        text=feedback.text,
        unit=feedback.unit.name,
        received=date_text(feedback.received_on),
        came=f"{feedback.get_given_by_display()}, through {feedback.get_channel_display().lower()}",
        answered=bool(feedback.response),
        need=feedback.need.title if feedback.need else "",
    )


@dataclass
class UnitFeedback:
    unit: Unit
    rows: list[FeedbackRow]
    counts: list[tuple[str, int]]
    may_enter: bool
    may_print: bool
    new_url: str
    qr_url: str
    you_said_url: str


def unit_feedback(user: Any, unit: Unit, items: list[Feedback]) -> UnitFeedback:
    counts = [(str(label), sum(1 for f in items if f.kind == value)) for value, label in FeedbackKind.choices]
    return UnitFeedback(
        unit=unit,
        rows=[row(f) for f in items],
        counts=counts,
        may_enter=policy.can(user, P.RAISE, unit),
        may_print=policy.can(user, P.CONTRIBUTE, unit),
        new_url=reverse("planning:feedback-new", args=[unit.pk]),
        qr_url=reverse("planning:feedback-qr", args=[unit.pk]),
        you_said_url=reverse("planning:you-said", args=[unit.pk]),
    )


@dataclass
class FeedbackPage:
    item: FeedbackRow
    feedback: Feedback
    response: str
    responded: str
    need_url: str
    actions: list[tuple[str, str, str]] = field(default_factory=list)  # title, url, status
    projects: list[tuple[str, str]] = field(default_factory=list)
    may_answer: bool = False
    may_quote: bool = False


def feedback_page(user: Any, feedback: Feedback, actions: list[Action]) -> FeedbackPage:
    responded = ""
    if feedback.responded_at:
        who = feedback.responded_by.get_full_name() if feedback.responded_by else "the team"
        responded = f"Answered by {who} on {date_text(feedback.responded_at.date())}"
    return FeedbackPage(
        item=row(feedback),
        feedback=feedback,
        response=feedback.response,
        responded=responded,
        need_url=reverse("planning:need", args=[feedback.need_id]) if feedback.need_id else "",
        actions=[
            (a.title, reverse("actions:action", args=[a.pk]), str(a.get_status_display())) for a in actions
        ],
        projects=[(p.title, reverse("improvement:project", args=[p.pk])) for p in feedback.projects.all()],
        may_answer=policy.can(user, P.CONTRIBUTE, feedback),
        may_quote=feedback.may_quote,
    )
