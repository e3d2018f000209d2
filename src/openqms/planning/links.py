"""Planning's kind of source: an annual quality plan, so that work raised from a plan (an action
agreed at its review) can point back to it. Resolved into the plan's page only for a person who
may see the plan (ADR 0023, 0027).

The needs register registers its own kind, `planning.models.plans.NEED_KIND`, when it is
installed; a plan's priorities link the needs they answer through it.
"""

from __future__ import annotations

from django.urls import reverse

from openqms.access import policy
from openqms.links import registry as links
from openqms.links.registry import Link, Source
from openqms.people.models import User
from openqms.planning.models.plans import QualityPlan

PLAN = "planning.plan"


def plan_source(plan: QualityPlan) -> Source:
    return Source(PLAN, plan.pk)


def plan_link(user: User, pk: int) -> Link | None:
    plan = QualityPlan.objects.select_related("unit").filter(pk=pk).first()
    if plan is None or not policy.can(user, policy.Permission.VIEW, plan):
        return None
    return Link(str(plan), reverse("planning:plan", args=[pk]))


def register() -> None:
    links.register(PLAN, plan_link)
