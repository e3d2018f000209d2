"""What evaluation reads of planning, in one place (ADR 0029).

The planning events are the organisation's strategic priorities set and retired (on its top unit)
and each annual quality plan's submission, approval and sign-off (on the plan's unit). A plan is due
approved by the first day of its financial year (1 April); `plans_on_time` counts those approved by
then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from openqms.access import policy
from openqms.organisations.models import StrategicPriority, Unit
from openqms.planning.models import QualityPlan
from openqms.planning.selectors import priorities as planning


@dataclass(frozen=True)
class PlanEvent:
    unit_path: str
    on: dt.date
    label: str


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def plan_events(user: Any, roots: Sequence[Unit], start: dt.date, end: dt.date) -> list[PlanEvent]:
    """Planning activity between start and end (inclusive) within the roots' sub-trees. One query."""
    organisation_ids = {u.organisation_id for u in roots}
    found = []
    rows = StrategicPriority.objects.filter(
        organisation__in=planning.organisations_of(user), organisation_id__in=organisation_ids
    ).values_list("title", "created_at", "retired_at", "organisation_id")
    # An organisation has one top unit (create_unit refuses a second) and every unit's path starts
    # with the top's, ten digits and a slash: the roots' paths name their tops without a query.
    top_paths = {u.organisation_id: u.path.split("/", 1)[0] + "/" for u in roots}
    for title, created_at, retired_at, organisation_id in rows:
        path = top_paths.get(organisation_id)
        if path is None:
            continue
        for moment, verb in ((created_at, "set"), (retired_at, "retired")):
            if moment is not None and start <= _day(moment) <= end:
                found.append(PlanEvent(path, _day(moment), f"Strategic priority {verb}: {title}"))
    return found + _plan_steps(user, roots, start, end)


def _plans_under(user: Any, roots: Sequence[Unit]) -> Any:
    under = Q()
    for root in roots:
        under |= Q(unit__path__startswith=root.path)
    return policy.visible(user, policy.Permission.VIEW, QualityPlan.objects.filter(under))


def _plan_steps(user: Any, roots: Sequence[Unit], start: dt.date, end: dt.date) -> list[PlanEvent]:
    found = []
    rows = _plans_under(user, roots).values_list(
        "unit__path", "unit__name", "year", "submitted_at", "approved_at", "signed_off_at"
    )
    for path, name, year, *moments in rows:
        for moment, verb in zip(moments, ("submitted", "approved", "signed off"), strict=True):
            if moment is not None and start <= _day(moment) <= end:
                found.append(
                    PlanEvent(
                        path, _day(moment), f"Quality plan {year}/{(year + 1) % 100:02d} {verb}: {name}"
                    )
                )
    return found


def _due(year: int) -> dt.date:
    return dt.date(year, 4, 1)


def plans_on_time(user: Any, unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """(approved by their due date, due) for the annual plans in the unit's sub-tree due between
    start and end; None when the sub-tree has no annual plan at all."""
    plans = list(_plans_under(user, [unit]).values_list("year", "approved_at"))
    if not plans:
        return None
    due = [(year, approved) for year, approved in plans if start <= _due(year) <= end]
    on_time = sum(1 for year, approved in due if approved is not None and _day(approved) <= _due(year))
    return on_time, len(due)
