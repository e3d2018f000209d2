"""What a report holds, worked out once as plain data (ADR 28): the cover, every measure's row,
the charts needing attention, each section, the commentary, and what changed since the last
published report. A draft is worked out on each view; publishing stores this as JSON beside the
HTML it was drawn as, so a frozen report never reads live data again."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Max
from django.utils import timezone

from openqms.control.models import SpcSnapshot
from openqms.nhsuk.dates import date_text
from openqms.reporting.models import Commentary, CommentaryStatus, Report, Status
from openqms.reporting.sections import SectionPeriod, registered
from openqms.reporting.selectors import activity
from openqms.reporting.selectors.measures import attention_charts, measure_rows

FORMAT = 1  # the shape of the stored JSON; a reader of older reports checks it


def previous_report(report: Report) -> Report | None:
    """The unit's last published report of the same kind before this one."""
    return (
        Report.objects.filter(
            unit_id=report.unit_id,
            quarterly=report.quarterly,
            status=Status.PUBLISHED,
            period_start__lt=report.period_start,
        )
        .order_by("-period_start")
        .first()
    )


def stored(report: Report) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(report.frozen_data) if report.frozen_data else {}
    return value


def _commentary(report: Report) -> list[Commentary]:
    if report.pk is None:
        return []
    return list(report.commentaries.select_related("requested_of", "approved_by").order_by("pk"))


def _comment(c: Commentary) -> dict[str, Any]:
    return {
        "id": c.pk,
        "subject": c.subject,
        "by": str(c.requested_of.get_full_name()),
        "status": c.status,
        "status_words": c.get_status_display(),
        "text": c.text,
        "approved": c.status == CommentaryStatus.APPROVED,
    }


def build(user: Any, report: Report) -> dict[str, Any]:
    unit = report.unit
    period = report.period
    before = previous_report(report)
    previous = stored(before) if before else {}
    previous_rows = {row["key"]: row for row in previous.get("measures", [])}
    found = measure_rows(user, unit, period)
    charts, more_charts = attention_charts(found, previous_rows)
    rows = [f.row for f in found]
    comments = _commentary(report)
    by_measure = {c.measure_id: _comment(c) for c in comments if c.measure_id}
    by_section = {c.section: _comment(c) for c in comments if not c.measure_id}
    for chart in charts:
        chart["commentary"] = by_measure.get(chart["measure_id"])
    since = before.period.end if before else None
    improvement = activity.improvement(user, unit, period, since)
    freshest = SpcSnapshot.objects.filter(
        measure_id__in=[r["measure_id"] for r in rows if r["measure_id"]]
    ).aggregate(at=Max("computed_at"))["at"]
    section_period = SectionPeriod(period.start, period.end, period.quarterly, period.label)
    return {
        "format": FORMAT,
        "organisation": unit.organisation.name,
        "unit": {"id": unit.pk, "name": unit.name, "code": unit.code},
        "period": {"code": period.code, "label": period.label, "quarterly": period.quarterly},
        "cover": {
            "status": report.get_status_display(),
            "version": report.version,
            "owner": str(report.owner.get_full_name()) if report.owner else "",
            "purpose": report.purpose,
            "ask": report.ask,
            "assurance_level": report.get_assurance_level_display(),
            "drawn_at": date_text(timezone.now()),
            "data_as_at": date_text(freshest) if freshest else "No data yet",
            # A past period's charts leave out the points after its end (ADR 35).
            "data_to": date_text(period.end) if period.end < timezone.localdate() else "",
            "latest_data": max((r["updated_to"] for r in rows if r["updated_to"]), default=""),
            "stale": sum(1 for r in rows if r["stale"]),
        },
        "measures": rows,
        "charts": charts,
        "more_charts": more_charts,
        "assurance": activity.assurance(user, unit),
        "improvement": improvement,
        "actions": activity.actions(user, unit),
        "planning": activity.planning(user, unit, improvement["projects"]),
        "huddles": activity.huddles(user, unit, period),
        "changes": _changes(user, report, rows, previous_rows, before),
        "section_commentary": by_section,
        "commentary": [_comment(c) for c in comments],
        "extra_sections": [
            {"key": s.key, "title": s.title, "html": str(html)}
            for s in registered()
            if (html := s.build(user, unit, section_period))
        ],
    }


def _changes(
    user: Any,
    report: Report,
    rows: list[dict[str, Any]],
    previous_rows: dict[str, dict[str, Any]],
    before: Report | None,
) -> dict[str, Any]:
    if before is None:
        return {"since": "", "icons": [], "new_concerns": [], "closed_actions": []}
    icons = []
    concerns = []
    for row in rows:
        old = previous_rows.get(row["key"])
        if old is None:
            continue
        if (old["variation"], old["assurance"]) != (row["variation"], row["assurance"]):
            icons.append(
                {
                    "name": row["name"],
                    "unit": row["unit"],
                    "was": f"{old['variation_words']}; {old['assurance_words']}",
                    "now": f"{row['variation_words']}; {row['assurance_words']}",
                }
            )
        if row["variation"].startswith("concern") and not old["variation"].startswith("concern"):
            concerns.append({"name": row["name"], "unit": row["unit"]})
    return {
        "since": before.period_label,
        "icons": icons,
        "new_concerns": concerns,
        "closed_actions": activity.closed_actions(user, report.unit, before.published_at, report.period.end),
    }
