"""Quality plans for the planning tests, built through the services as a team leader would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openqms.control.models import Measure
from openqms.organisations import services as organisations
from openqms.organisations.models import StrategicPriority
from openqms.planning.models.plans import PlanPriority, QualityPlan
from openqms.planning.services import plans as services
from tests.assurance import helpers as assurance
from tests.control import pages_helpers as control

YEAR = 2026


@dataclass
class Drafted:
    plan: QualityPlan
    priorities: list[StrategicPriority]
    items: list[PlanPriority]
    measure: Measure
    template: Any


def priorities(trust: Any, n: int = 3) -> list[StrategicPriority]:
    titles = ["No avoidable harm", "Care without waiting", "Care that feels personal", "Healthy staff"]
    return [organisations.add_priority(actor=None, organisation=trust.org, title=t) for t in titles[:n]]


def drafted(trust: Any, *, unit: str = "ward_a", with_items: bool = True) -> Drafted:
    """A Ward A plan for 2026/27 with three improvement priorities, a target, an audit and a project."""
    tess = trust.people["tess_team_leader"]
    found = priorities(trust)
    plan = services.create_plan(
        actor=tess, unit=getattr(trust, unit), year=YEAR, summary="Safer, kinder care"
    )
    items = [services.add_priority(actor=tess, plan=plan, priority=p) for p in found]
    measure = control.measure(getattr(trust, unit), name="Falls")
    template = assurance.template(trust)
    if with_items:
        services.add_target(actor=tess, plan_priority=items[0], measure=measure, target=4)
        services.add_audit(actor=tess, plan_priority=items[0], template=template, due_on=dt.date(YEAR, 9, 1))
        services.add_project(
            actor=tess,
            plan_priority=items[0],
            title="Fewer falls at night",
            aim="Halve night falls by March",
            aim_measure=measure,
            aim_target=2,
            lead=trust.people["mo_member"],
        )
    return Drafted(plan, found, items, measure, template)
