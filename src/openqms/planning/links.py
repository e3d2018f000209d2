"""Planning's kinds of source, for the actions raised from feedback and from needs (ADR 0023). A
source resolves into its page only for a person who may see it: staff of the unit for feedback;
staff, or the service user who raised it, for a need."""

from __future__ import annotations

from django.urls import reverse

from openqms.access import policy
from openqms.links import registry
from openqms.links.registry import Link, Source
from openqms.nhsuk.dates import date_text
from openqms.people.models import User
from openqms.planning.models import Feedback, Need

FEEDBACK = "planning.feedback"
NEED = "planning.need"


def feedback_title(feedback: Feedback) -> str:
    return f"{feedback.get_kind_display()} from {date_text(feedback.received_on)}"[:300]


def need_title(need: Need) -> str:
    return f"Need “{need.title}”"[:300]


def feedback_source(feedback: Feedback) -> Source:
    return Source(FEEDBACK, feedback.pk)


def need_source(need: Need) -> Source:
    return Source(NEED, need.pk)


def may_see_need(user: User, need: Need) -> bool:
    return policy.can(user, policy.Permission.VIEW, need) or (
        need.raised_by_id is not None and need.raised_by_id == getattr(user, "pk", None)
    )


def feedback_link(user: User, pk: int) -> Link | None:
    feedback = Feedback.objects.select_related("unit").filter(pk=pk).first()
    if feedback is None or not policy.can(user, policy.Permission.VIEW, feedback):
        return None
    return Link(feedback_title(feedback), reverse("planning:feedback-item", args=[pk]))


def need_link(user: User, pk: int) -> Link | None:
    need = Need.objects.select_related("unit").filter(pk=pk).first()
    if need is None or not may_see_need(user, need):
        return None
    return Link(need_title(need), reverse("planning:need", args=[pk]))


def register() -> None:
    registry.register(FEEDBACK, feedback_link)
    registry.register(NEED, need_link)
