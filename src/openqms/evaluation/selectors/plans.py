"""What evaluation reads of planning, in one place, so that annual quality plans plug in here when
planning has them (ADR 0029).

Today planning holds the organisation's strategic priorities: setting one and retiring one are the
planning events, on the organisation's top unit. When annual plans arrive, `plan_events` adds each
plan's approval and reviews (on the plan's unit) and `plans_on_time` counts the plans approved by
their due date; nothing else in evaluation changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from openqms.organisations.models import StrategicPriority, Unit
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
    top_paths = {
        u.organisation_id: u.path
        for u in Unit.objects.filter(organisation_id__in=organisation_ids, parent__isnull=True)
    }
    for title, created_at, retired_at, organisation_id in rows:
        path = top_paths.get(organisation_id)
        if path is None:
            continue
        for moment, verb in ((created_at, "set"), (retired_at, "retired")):
            if moment is not None and start <= _day(moment) <= end:
                found.append(PlanEvent(path, _day(moment), f"Strategic priority {verb}: {title}"))
    return found


def plans_on_time(user: Any, unit: Unit, start: dt.date, end: dt.date) -> tuple[int, int] | None:
    """(approved by their due date, due) for the annual plans in the unit's sub-tree; None while
    OpenQMS holds no annual plans."""
    return None
