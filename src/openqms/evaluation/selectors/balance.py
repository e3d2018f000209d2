"""QMS balance: how much each unit's sub-tree did in each component of quality management, month by
month, read through the other apps' selectors. One query per kind of activity, grouped by unit and
month in the database, however many units and series there are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import Substr, TruncMonth

from openqms.access import policy
from openqms.assurance.models import RunStatus
from openqms.assurance.selectors.audits import runs_visible
from openqms.control.models import Huddle, Observation
from openqms.control.selectors.measures import measures
from openqms.evaluation.selectors import plans
from openqms.improvement.models import PdsaCycle, ProgressRecord
from openqms.improvement.selectors.projects import projects
from openqms.organisations.models import Unit

COMPONENTS = ("planning", "control", "assurance", "improvement")
# Each kind of activity, the component it belongs to, and its words in a table (one, several).
KINDS: dict[str, tuple[str, str, str]] = {
    "plans": ("planning", "plan or review", "plans and reviews"),
    "data": ("control", "data point", "data points"),
    "huddles": ("control", "huddle", "huddles"),
    "audits": ("assurance", "audit", "audits"),
    "cycles": ("improvement", "PDSA cycle", "PDSA cycles"),
    "stages": ("improvement", "project stage record", "project stage records"),
}


def month_starts(until: dt.date, months: int) -> list[dt.date]:
    """The first days of the `months` months ending with until's month, oldest first."""
    found = []
    year, month = until.year, until.month
    for _ in range(months):
        found.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return found[::-1]


@dataclass
class UnitActivity:
    unit: Unit
    # kind → month index → count
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    def component(self, name: str) -> list[int]:
        kinds = [k for k, (c, _one, _many) in KINDS.items() if c == name]
        return [sum(self.by_kind[k][i] for k in kinds) for i in range(len(self.by_kind[kinds[0]]))]

    def total(self, kind: str) -> int:
        return sum(self.by_kind[kind])


@dataclass
class Activity:
    months: list[dt.date]
    units: list[UnitActivity]


def _month(value: Any) -> dt.date:
    if isinstance(value, str):  # "YYYY-MM", from SQLite (`_month_of`)
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    return value.date() if isinstance(value, dt.datetime) else value


def _month_of(when: str, *, day: bool) -> Any:
    """The month of a date field, grouped on in the database. SQLite truncates a date with a Python
    function called once a row (a third of a trust report's QMS balance, over 10,000 data points);
    its dates are stored as "YYYY-MM-DD" text, so the month is their first seven characters."""
    if day and connection.vendor == "sqlite":
        return Substr(when, 1, 7)
    return TruncMonth(when)


def _counts(
    queryset: QuerySet[Any], path: str, when: str, *, depth: int, day: bool = True
) -> list[tuple[str, dt.date, int]]:
    """Rows counted by month and by the first `depth` characters of their unit's path. With `depth`
    the length of the longest root's path, each row still tells every root whether it is in the
    root's sub-tree (a path starts with a root's path exactly when its first `depth` characters
    do), and a unit's page gets a row a month instead of one for every unit below it and month."""
    rows = (
        queryset.annotate(month=_month_of(when, day=day), path_start=Substr(path, 1, depth))
        .values("path_start", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(row["path_start"], _month(row["month"]), row["n"]) for row in rows]


def activity(user: Any, roots: Sequence[Unit], until: dt.date, months: int = 12) -> Activity:
    """Each root's sub-tree's activity by kind and month, over the months ending with until's."""
    starts = month_starts(until, months)
    start, index = starts[0], {m: i for i, m in enumerate(starts)}
    result = [UnitActivity(u, {k: [0] * months for k in KINDS}) for u in roots]
    # The deepest root first, so a unit inside two roots (a unit and its parent) counts for both.
    ordered = sorted(result, key=lambda a: -len(a.unit.path))
    paths = [r.unit.path for r in result]
    # A root inside another adds nothing to the sub-trees to read (the top and its sub-units).
    within = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    depth = max((len(p) for p in paths), default=0)

    def under(qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.filter(unit__in=Unit.objects.within(within))

    def add(kind: str, rows: list[tuple[str, dt.date, int]]) -> None:
        for path, month, n in rows:
            i = index.get(month)
            if i is None:
                continue
            for a in ordered:
                if path.startswith(a.unit.path):
                    a.by_kind[kind][i] += n

    add(
        "plans", [(e.unit_path, e.on.replace(day=1), 1) for e in plans.plan_events(user, roots, start, until)]
    )
    visible_measures = measures(user).filter(unit__in=Unit.objects.within(within))
    add(
        "data",
        _counts(
            Observation.objects.filter(measure__in=visible_measures, period_start__range=(start, until)),
            "measure__unit__path",
            "period_start",
            depth=depth,
        ),
    )
    huddles = policy.visible(
        user, policy.Permission.VIEW, Huddle.objects.filter(held_on__range=(start, until))
    )
    add("huddles", _counts(under(huddles), "unit__path", "held_on", depth=depth))
    audits = runs_visible(user).filter(status=RunStatus.COMPLETED, completed_at__date__range=(start, until))
    add("audits", _counts(under(audits), "unit__path", "completed_at", depth=depth, day=False))
    visible_projects = projects(user).filter(unit__in=Unit.objects.within(within))
    add(
        "cycles",
        _counts(
            PdsaCycle.objects.filter(
                change_idea__project__in=visible_projects, starts_on__range=(start, until)
            ),
            "change_idea__project__unit__path",
            "starts_on",
            depth=depth,
        ),
    )
    add(
        "stages",
        _counts(
            ProgressRecord.objects.filter(project__in=visible_projects, on__range=(start, until)),
            "project__unit__path",
            "on",
            depth=depth,
        ),
    )
    return Activity(starts, result)


def compared_units(user: Any, unit: Unit) -> list[Unit]:
    """The unit and the units it is compared with: its siblings the person may see, or, at the top
    of the organisation, its sub-units."""
    if unit.parent_id is None:
        others = unit.children.all()
    else:
        others = Unit.objects.filter(parent_id=unit.parent_id).exclude(pk=unit.pk)
    visible = policy.visible(user, policy.Permission.VIEW, others.active(), unit_field="")
    return [unit, *visible.order_by("name")]
