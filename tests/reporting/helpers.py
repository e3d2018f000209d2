"""Reports for tests, made through the services as in production."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from openqms.reporting.models import Commentary, Report
from openqms.reporting.periods import Period
from openqms.reporting.services.commentary import request_commentary
from openqms.reporting.services.reports import publish, start_report, update_cover
from tests.control.factories import measure
from tests.control.huddle_helpers import CONCERN

LEADER = {
    "ward_a": "tess_team_leader",
    "ward_b": "dana_division",
    "board": "sam_senior",
    "medicine": "dana_division",
}


def this_month() -> Period:
    return Period.containing(timezone.localdate())


def report(
    trust: Any, unit: str = "ward_a", *, published: bool = False, period: Period | None = None
) -> Report:
    leader = trust.people[LEADER[unit]]
    found = start_report(actor=leader, unit=getattr(trust, unit), period=period or this_month())
    if published:
        update_cover(actor=leader, report=found, assurance_level="reasonable")
        found = publish(actor=leader, report=found)
    return found


def commentary(trust: Any, unit: str = "ward_a") -> Commentary:
    """Commentary on Ward A's report asked of Mo, a team member on Ward A."""
    found = report(trust, unit)
    return request_commentary(
        actor=trust.people[LEADER[unit]],
        report=found,
        requested_of=trust.people["mo_member"],
        section="summary",
    )


def falls(trust: Any, unit: str = "ward_a", **overrides: Any) -> Any:
    """A monthly measure with a special-cause concern (lower is better) on the unit."""
    return measure(getattr(trust, unit), CONCERN, direction="decrease", name="Falls", **overrides)
