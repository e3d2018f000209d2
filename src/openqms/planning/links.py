"""Planning's kinds of source (ADR 0023): feedback and needs, for the actions raised from them, and
an annual quality plan, for work raised from it (ADR 0027). A source resolves into its page only
for a person who may see it: staff of the unit for feedback; staff, or the service user who raised
it, for a need; whoever may see the plan for a plan."""

from __future__ import annotations

from django.urls import reverse

from openqms.access import policy
from openqms.links import registry
from openqms.links.registry import Link, Source
from openqms.nhsuk.dates import date_text
from openqms.people.models import User
from openqms.planning.models import Feedback, Need
from openqms.planning.models.plans import NEED_KIND, QualityPlan

FEEDBACK = "planning.feedback"
NEED = NEED_KIND  # the kind a plan's priorities link the needs they answer through
PLAN = "planning.plan"


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


def plan_source(plan: QualityPlan) -> Source:
    return Source(PLAN, plan.pk)


def plan_link(user: User, pk: int) -> Link | None:
    plan = QualityPlan.objects.select_related("unit").filter(pk=pk).first()
    if plan is None or not policy.can(user, policy.Permission.VIEW, plan):
        return None
    return Link(str(plan), reverse("planning:plan", args=[pk]))


def register() -> None:
    registry.register(FEEDBACK, feedback_link)
    registry.register(NEED, need_link)
    registry.register(PLAN, plan_link)
