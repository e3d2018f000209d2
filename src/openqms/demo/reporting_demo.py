"""The demo's reports: the trust's and Medicine's monthly reports for the last three months,
published (frozen) with approved commentary; this month's in draft with commentary asked for; and
the trust's distribution schedule. Frozen from the data as they stand when the demo is loaded."""

from __future__ import annotations

import datetime as dt

from openqms.control.models import Measure
from openqms.demo.selectors import person_on
from openqms.organisations.models import Organisation, Unit
from openqms.reporting.models import Report
from openqms.reporting.periods import Period
from openqms.reporting.services.commentary import approve_commentary, request_commentary, write_commentary
from openqms.reporting.services.distribution import save_schedule
from openqms.reporting.services.reports import publish, start_report, update_cover

LEVELS = ["reasonable", "limited", "reasonable"]
COMMENTS = [
    "The rise follows the loss of two experienced nurses to secondment; bank staff now cover the "
    "night shifts, and the falls project is testing intentional rounding on the two wards affected.",
    "Still above the limits. The division has asked for a deep dive at next month's quality "
    "committee; the actions from the last huddle escalation are on track.",
    "Back within the limits for two months, though not yet a sustained shift; we will keep the "
    "additional checks in place until the chart shows a run below the mean.",
]


def _concern(unit: Unit) -> Measure | None:
    return (
        Measure.objects.filter(
            unit__path__startswith=unit.path,
            archived_at__isnull=True,
            snapshot__variation_icon__startswith="concern",
        )
        .select_related("definition", "unit")
        .order_by("definition__name", "unit__path")
        .first()
    )


def load(organisation: Organisation, today: dt.date) -> int:
    """Add the reports unless the organisation has some already, or has no quality data yet (a bare
    tree of units and people); the number published."""
    if Report.objects.filter(unit__organisation=organisation).exists():
        return 0
    if not Measure.objects.filter(unit__organisation=organisation).exists():
        return 0
    board = organisation.units.get(parent__isnull=True)
    medicine = organisation.units.filter(code="MED").first()
    units = [u for u in (board, medicine) if u is not None]
    current = Period.containing(today)
    months = [current.previous.previous.previous, current.previous.previous, current.previous]
    published = 0
    for unit in units:
        owner = person_on(unit, "senior_leader", "team_leader")
        if owner is None:
            continue
        concern = _concern(unit)
        writer = person_on(concern.unit, "team_leader", "clinician") if concern else None
        for i, period in enumerate([*months, current]):
            report = start_report(actor=owner, unit=unit, period=period)
            if concern is not None and writer is not None:
                commentary = request_commentary(
                    actor=owner, report=report, requested_of=writer, measure=concern
                )
                if period != current:
                    write_commentary(actor=writer, commentary=commentary, text=COMMENTS[i % len(COMMENTS)])
                    approve_commentary(actor=owner, commentary=commentary)
            request_commentary(actor=owner, report=report, requested_of=owner, section="summary")
            if period == current:
                continue
            summary = report.commentaries.get(section="summary")
            write_commentary(
                actor=owner,
                commentary=summary,
                text=f"{unit.name}'s quality in {period.label}: most measures show common-cause variation; "
                "the charts that need attention have their owners' commentary below.",
            )
            approve_commentary(actor=owner, commentary=summary)
            update_cover(actor=owner, report=report, assurance_level=LEVELS[i % len(LEVELS)])
            publish(actor=owner, report=report)
            published += 1
    owner = person_on(board, "senior_leader")
    save_schedule(
        actor=owner,
        unit=board,
        quarterly=False,
        day_of_month=10,
        recipients="board.secretary@example.nhs.uk\nnon.executive.directors@example.nhs.uk",
        attach_pdf=True,
    )
    return published
