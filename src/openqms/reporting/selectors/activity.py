"""The report's sections beyond the measures, each as plain data for the period: assurance,
improvement, actions and escalations, planning, huddles. Each reads through the owning app's
selectors, scoped to the person, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.actions.models import Status
from openqms.actions.selectors import tracker as action_selectors
from openqms.assurance import compliance
from openqms.assurance.models import Accreditation
from openqms.control.models import Huddle
from openqms.control.selectors import huddles as huddle_selectors
from openqms.improvement.models import ProgressRecord, Stage
from openqms.improvement.selectors import projects as project_selectors
from openqms.nhsuk.dates import date_text
from openqms.organisations.models import StrategicPriority, Unit
from openqms.reporting.periods import Period

LISTED = 20  # the longest list a section prints; the rest are counted


def assurance(user: Any, unit: Unit) -> dict[str, Any]:
    heat = compliance.heat_map(user, unit)
    gaps = compliance.gaps(user, unit)
    overdue = compliance.overdue_audits(user, unit)
    accreditations = (
        policy.visible(user, Permission.VIEW, Accreditation.objects.filter(unit__path__startswith=unit.path))
        .select_related("unit")
        .order_by("unit__path", "scheme")
    )
    return {
        "standards": [f"{s.code} {s.title}" for s in heat.standards],
        "rows": [
            {
                "unit": row.name,
                "cells": [
                    {
                        "text": f"{c.score:.0f}%" if c.score is not None else "–",
                        "band": c.band.words,
                        "key": c.band.key,
                    }
                    for c in cells
                ],
            }
            for row, cells in heat.rows
        ],
        "failing": [
            {"requirement": str(g.requirement), "words": g.words} for g in gaps if g.kind == "failing"
        ],
        "unevidenced": [
            {"requirement": str(g.requirement), "words": g.words} for g in gaps if g.kind != "failing"
        ][:LISTED],
        "unevidenced_count": sum(1 for g in gaps if g.kind != "failing"),
        "missed": [
            {
                "audit": str(run.template),
                "unit": run.unit.name,
                "due": date_text(run.due_on),
                "missed": missed,
            }
            for run, missed in overdue[:LISTED]
        ],
        "missed_count": sum(1 for _, missed in overdue if missed),
        "overdue_count": len(overdue),
        "accreditations": [
            {
                "scheme": a.scheme,
                "unit": a.unit.name,
                "status": a.get_status_display(),
                "expires": date_text(a.expires_on) if a.expires_on else "",
            }
            for a in accreditations
        ],
    }


def improvement(user: Any, unit: Unit, reporting: Period, since: dt.date | None) -> dict[str, Any]:
    """The portfolio by stage and progress score, with each project's movement since the last report."""
    portfolio = project_selectors.portfolio(user, unit, include_closed=False)
    ids = [r.project.pk for r in portfolio.rows]
    scores: dict[int, list[ProgressRecord]] = defaultdict(list)
    for record in ProgressRecord.objects.filter(project_id__in=ids, on__lte=reporting.end).order_by(
        "on", "pk"
    ):
        scores[record.project_id].append(record)
    projects = []
    for row in portfolio.rows:
        project = row.project
        history = scores.get(project.pk, [])
        before = [r for r in history if since is not None and r.on <= since]
        start = before[-1].score if before else (history[0].score if history else project.progress_score)
        now = history[-1].score if history else project.progress_score
        movement = float(now - start)
        projects.append(
            {
                "title": project.title,
                "unit": project.unit.name,
                "stage": project.get_stage_display(),
                "score": f"{now}",
                "movement": f"{movement:+.1f}" if movement else "No change",
                "priority": project.strategic_priority.title if project.strategic_priority else "",
            }
        )
    stages = [
        {"stage": label, "count": portfolio.stage_counts.get(value, 0)}
        for value, label in Stage.choices
        if value != Stage.CLOSED
    ]
    return {"stages": stages, "projects": projects[: LISTED * 2], "count": len(projects)}


def actions(user: Any, unit: Unit) -> dict[str, Any]:
    """Overdue actions by tier (the kind of unit that holds them), and escalations open at this tier."""
    overdue = list(action_selectors.overdue_in_subtree(user, unit))
    tiers = Counter(a.unit.get_kind_display() for a in overdue)
    awaiting = huddle_selectors.awaiting_tier(user, unit).select_related("origin_unit")
    return {
        "overdue_by_tier": [{"tier": tier, "count": n} for tier, n in sorted(tiers.items())],
        "overdue": [
            {
                "title": a.title,
                "unit": a.unit.name,
                "owner": str(a.owner) if a.owner else "No owner",
                "due": date_text(a.due_on),
            }
            for a in overdue[:LISTED]
        ],
        "overdue_count": len(overdue),
        "escalations": [
            {"title": e.title, "from": e.origin_unit.name, "raised": date_text(e.raised_at.date())}
            for e in awaiting
        ],
    }


def planning(user: Any, unit: Unit, projects: list[dict[str, Any]]) -> dict[str, Any]:
    """What planning holds so far: the organisation's priorities and the work serving each here."""
    priorities = StrategicPriority.objects.filter(
        organisation_id=unit.organisation_id, retired_at__isnull=True
    )
    serving: dict[str, list[str]] = defaultdict(list)
    for project in projects:
        if project["priority"]:
            serving[project["priority"]].append(f"{project['title']} ({project['stage'].lower()})")
    return {
        "priorities": [
            {"title": p.title, "projects": serving.get(p.title, []), "count": len(serving.get(p.title, []))}
            for p in priorities
        ]
    }


def huddles(user: Any, unit: Unit, reporting: Period) -> dict[str, Any]:
    """How often each team held its huddle in the period: teams are the units with no units below."""
    units = list(
        policy.visible(
            user,
            Permission.VIEW,
            Unit.objects.filter(path__startswith=unit.path, archived_at__isnull=True),
            unit_field="",
        )
        .annotate(below=Count("children"))
        .filter(below=0)
        .order_by("path")
    )
    held = dict(
        Huddle.objects.filter(
            unit__in=[u.pk for u in units], held_on__gte=reporting.start, held_on__lte=reporting.end
        )
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    weekdays = sum(
        1
        for k in range((reporting.end - reporting.start).days + 1)
        if (reporting.start + dt.timedelta(days=k)).weekday() < 5
    )
    counted = sorted(((held.get(u.pk, 0), u.name) for u in units), key=lambda r: (-r[0], r[1]))
    rows = [{"team": name, "held": n} for n, name in counted]
    return {
        "weekdays": weekdays,
        "teams": rows[: LISTED * 3],
        "teams_count": len(rows),
        "none_held": sum(1 for r in rows if not r["held"]),
    }


def closed_actions(user: Any, unit: Unit, since: dt.datetime | None, until: dt.date) -> list[dict[str, Any]]:
    found = action_selectors.in_subtree(user, unit).filter(status=Status.CLOSED, closed_at__date__lte=until)
    if since is not None:
        found = found.filter(closed_at__gt=since)
    return [
        {
            "title": a.title,
            "unit": a.unit.name,
            "closed": date_text(a.closed_at.date()) if a.closed_at else "",
        }
        for a in found.order_by("-closed_at")[:LISTED]
    ]
