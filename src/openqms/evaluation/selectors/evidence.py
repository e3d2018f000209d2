"""The live evidence beside each maturity statement: what OpenQMS already holds about a unit's
sub-tree over a period, read through the other apps' selectors (so always within what the person
may see), in a fixed number of queries however large the sub-tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Count, F, Max, Q

from openqms.access import policy
from openqms.access.models import Role, RoleAssignment
from openqms.actions.models import Status
from openqms.actions.selectors import tracker
from openqms.assurance.models import RunStatus
from openqms.assurance.selectors.audits import runs_visible
from openqms.control.models import EscalationProposal, Huddle, Observation
from openqms.control.models.huddles import ProposalReason, ProposalStatus
from openqms.control.selectors.measures import measures
from openqms.evaluation.evidence_catalogue import EVIDENCE
from openqms.evaluation.selectors import plans
from openqms.improvement.models import MeasureRole, PdsaCycle, ProjectMeasure, ProjectMember, Stage
from openqms.improvement.selectors.projects import projects
from openqms.organisations.models import Unit, UnitKind

# Making Data Count: limits from fewer points than this are not yet reliable.
SPC_POINTS = 15
# How old a measure's latest period may be, at the end of the period, and still be current.
CURRENT_WITHIN = {
    "daily": dt.timedelta(days=7),
    "weekly": dt.timedelta(days=21),
    "monthly": dt.timedelta(days=75),
}
TEAM_KINDS = (UnitKind.TEAM, UnitKind.WARD)


@dataclass(frozen=True)
class Evidence:
    key: str
    label: str
    text: str
    count: int | None = None
    total: int | None = None

    @property
    def share(self) -> float | None:
        if self.count is None or not self.total:
            return None
        return self.count / self.total

    def as_plain(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_plain(cls, values: dict[str, Any]) -> Evidence:
        return cls(
            key=str(values.get("key", "")),
            label=str(values.get("label", "")),
            text=str(values.get("text", "")),
            count=values.get("count"),
            total=values.get("total"),
        )


def _share(key: str, count: int, total: int, of: str, none: str) -> Evidence:
    if not total:
        return Evidence(key, EVIDENCE[key], none, 0, 0)
    return Evidence(
        key, EVIDENCE[key], f"{count} of {total} {of} ({round(100 * count / total)}%)", count, total
    )


def _measures(user: Any, unit: Unit, end: dt.date) -> list[Evidence]:
    found = measures(user).filter(unit__path__startswith=unit.path)
    rows = list(found.values_list("pk", "definition__frequency", "shared_with_service_users"))
    stats = {
        row["measure"]: row
        # By the ids already read rather than a subquery: PostgreSQL planned `IN (SELECT …)` over the
        # path match as a nested loop, minutes on a trust-sized tree.
        for row in Observation.objects.filter(measure__in=[pk for pk, _f, _s in rows], period_start__lte=end)
        .values("measure")
        .annotate(n=Count("pk"), last=Max("period_start"))
    }
    current = 0
    for pk, frequency, _shared in rows:
        row = stats.get(pk)
        within = CURRENT_WITHIN.get(frequency, CURRENT_WITHIN["monthly"])
        if row and row["n"] >= SPC_POINTS and row["last"] >= end - within:
            current += 1
    shared = sum(1 for _pk, _f, s in rows if s)
    return [
        _share(
            "measures_spc_current",
            current,
            len(rows),
            "measures",
            "No measures in this part of the organisation.",
        ),
        _share(
            "measures_shared", shared, len(rows), "measures", "No measures in this part of the organisation."
        ),
    ]


def _concerns(user: Any, unit: Unit, start: dt.date, end: dt.date) -> Evidence:
    found = EscalationProposal.objects.filter(
        measure__in=measures(user).filter(unit__path__startswith=unit.path),
        reason=ProposalReason.CONCERN,
        period__range=(start, end),
    ).aggregate(total=Count("pk"), answered=Count("pk", filter=~Q(status=ProposalStatus.PROPOSED)))
    return _share(
        "concerns_answered",
        found["answered"],
        found["total"],
        "concerns",
        "No special-cause concerns in the period.",
    )


def _huddles(user: Any, unit: Unit, start: dt.date, end: dt.date) -> Evidence:
    held = policy.visible(
        user,
        policy.Permission.VIEW,
        Huddle.objects.filter(unit__path__startswith=unit.path, held_on__range=(start, end)),
    )
    count = held.count()
    recent = held.filter(held_on__gt=end - dt.timedelta(days=28)).values("unit").distinct().count()
    teams = unit.subtree().active().filter(kind__in=TEAM_KINDS).count()
    text = f"{count} huddles in the period; {recent} of {teams} teams held one in its last four weeks"
    return Evidence("huddles_held", EVIDENCE["huddles_held"], text, recent, teams)


def _audits(user: Any, unit: Unit, start: dt.date, end: dt.date) -> Evidence:
    found = (
        runs_visible(user)
        .filter(unit__path__startswith=unit.path, due_on__range=(start, end))
        .exclude(status=RunStatus.CANCELLED)
        .aggregate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(status=RunStatus.COMPLETED, completed_at__date__lte=F("due_on"))),
        )
    )
    return _share(
        "audits_on_time", found["on_time"], found["total"], "audits", "No audits were due in the period."
    )


def _actions(user: Any, unit: Unit, start: dt.date, end: dt.date) -> list[Evidence]:
    found = tracker.in_subtree(user, unit).aggregate(
        closed=Count("pk", filter=Q(status=Status.CLOSED, closed_at__date__range=(start, end))),
        checked=Count(
            "pk", filter=Q(status=Status.CLOSED, closed_at__date__range=(start, end), effective__isnull=False)
        ),
        due=Count("pk", filter=Q(due_on__range=(start, end)) & ~Q(status=Status.CANCELLED)),
        on_time=Count(
            "pk", filter=Q(due_on__range=(start, end), status=Status.CLOSED, closed_at__date__lte=F("due_on"))
        ),
    )
    return [
        _share(
            "actions_checked",
            found["checked"],
            found["closed"],
            "closed actions",
            "No actions were closed in the period.",
        ),
        _share(
            "actions_on_time", found["on_time"], found["due"], "actions", "No actions were due in the period."
        ),
    ]


def _projects(user: Any, unit: Unit, start: dt.date, end: dt.date) -> list[Evidence]:
    active = (
        projects(user)
        .filter(unit__path__startswith=unit.path, starts_on__lte=end)
        .exclude(closed_at__date__lt=start)
    )
    rows = list(active.values_list("pk", "strategic_priority_id", "stage"))
    ids = [pk for pk, _p, _s in rows]
    measured = set(
        ProjectMeasure.objects.filter(
            project_id__in=ids, role__in=(MeasureRole.PROCESS, MeasureRole.BALANCING)
        )
        .values_list("project_id", flat=True)
        .distinct()
    )
    service_users = RoleAssignment.objects.current().filter(role=Role.SERVICE_USER).values("person")
    with_users = set(
        ProjectMember.objects.filter(project_id__in=ids, person__in=service_users)
        .values_list("project_id", flat=True)
        .distinct()
    )
    holding = [pk for pk, _p, stage in rows if stage in (Stage.SUSTAINING, Stage.CLOSED)]
    handed = ProjectMeasure.objects.filter(project_id__in=holding).aggregate(
        total=Count("pk"), handed=Count("pk", filter=Q(handed_over_on__isnull=False, handed_over_on__lte=end))
    )
    cycles = PdsaCycle.objects.filter(change_idea__project_id__in=ids, ends_on__range=(start, end)).aggregate(
        total=Count("pk"), decided=Count("pk", filter=~Q(decision=""))
    )
    none = "No improvement projects in the period."
    return [
        _share("projects_with_measures", len(measured), len(ids), "projects", none),
        _share("projects_on_priorities", sum(1 for _pk, p, _s in rows if p), len(ids), "projects", none),
        _share("service_users_in_projects", len(with_users), len(ids), "projects", none),
        _share(
            "pdsa_cycles", cycles["decided"], cycles["total"], "cycles", "No PDSA cycles ended in the period."
        ),
        _share(
            "gains_handed_over",
            handed["handed"],
            handed["total"],
            "measures of sustaining or closed projects",
            "No project has reached the sustaining stage.",
        ),
    ]


def _plans(user: Any, unit: Unit, start: dt.date, end: dt.date) -> Evidence:
    found = plans.plans_on_time(user, unit, start, end)
    if found is None:
        none = "No annual quality plan has been drafted here."
        return Evidence("plans_approved_on_time", EVIDENCE["plans_approved_on_time"], none)
    on_time, due = found
    return _share("plans_approved_on_time", on_time, due, "plans", "No annual plans were due in the period.")


def evidence_for(user: Any, unit: Unit, start: dt.date, end: dt.date) -> dict[str, Evidence]:
    """Every kind of evidence in the catalogue for the unit's sub-tree between start and end."""
    found = [
        *_measures(user, unit, end),
        _concerns(user, unit, start, end),
        _huddles(user, unit, start, end),
        _audits(user, unit, start, end),
        *_actions(user, unit, start, end),
        *_projects(user, unit, start, end),
        _plans(user, unit, start, end),
    ]
    return {e.key: e for e in found}
