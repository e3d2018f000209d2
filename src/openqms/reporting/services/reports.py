"""Writes to reports: start one, set its cover, publish (freeze) it. Each in one transaction with
its audit entry."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.reporting import contents, rendering
from openqms.reporting.models import AssuranceLevel, CommentaryStatus, Report, Status
from openqms.reporting.periods import Period
from openqms.unchanged import UNCHANGED, Unchanged, set_given

REPORT_FIELDS = (
    "unit", "period_start", "quarterly", "status", "owner", "purpose", "ask", "assurance_level", "version",
    "published_at", "published_by",
)  # fmt: skip
DEFAULT_PURPOSE = "To give the meeting an integrated view of the quality of care across {unit} for {period}."
DEFAULT_ASK = (
    "Note the report, and the assurance it gives; agree the actions on the charts that need attention."
)


@transaction.atomic
def start_report(*, actor: User | None, unit: Unit, period: Period) -> Report:
    """The unit's draft report for the period, or the one already started (starting is idempotent)."""
    report, made = Report.objects.get_or_create(
        unit=unit,
        period_start=period.start,
        quarterly=period.quarterly,
        defaults={
            "owner": actor,
            "purpose": DEFAULT_PURPOSE.format(unit=unit.name, period=period.label),
            "ask": DEFAULT_ASK,
        },
    )
    if made:
        record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            target=report,
            changes=created(snapshot(report, REPORT_FIELDS)),
            unit_id=unit.pk,
        )
    return report


@transaction.atomic
def update_cover(
    *,
    actor: User | None,
    report: Report,
    purpose: str | Unchanged = UNCHANGED,
    ask: str | Unchanged = UNCHANGED,
    assurance_level: str | Unchanged = UNCHANGED,
    owner: User | Unchanged = UNCHANGED,
) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_published:
        raise ValidationError("A published report is frozen: its cover cannot change.")
    before = snapshot(report, REPORT_FIELDS)
    set_given(report, purpose=purpose, ask=ask, assurance_level=assurance_level, owner=owner)
    changes = diff(before, snapshot(report, REPORT_FIELDS))
    if not changes:
        return report
    report.version += 1
    report.full_clean()
    report.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=report,
        changes=diff(before, snapshot(report, REPORT_FIELDS)),
        unit_id=report.unit_id,
    )
    return report


def publish_problems(report: Report) -> list[str]:
    """Why the report cannot be published yet, in words for its owner."""
    problems = []
    if report.assurance_level == AssuranceLevel.NOT_CHOSEN:
        problems.append("Choose the overall assurance level on the cover.")
    waiting = [c for c in report.commentaries.all() if c.status != CommentaryStatus.APPROVED]
    for c in waiting:
        if c.status == CommentaryStatus.REQUESTED:
            problems.append(f"Commentary on {c.subject} has been asked of {c.requested_of} but not written.")
        else:
            problems.append(f"Commentary on {c.subject} is written but not approved.")
    return problems


@transaction.atomic
def publish(*, actor: User, report: Report) -> Report:
    """Freeze the report as the person sees it now: its contents as JSON and its body as HTML.

    Publishing a published report changes nothing and writes no audit entry.
    """
    report = Report.objects.select_for_update().select_related("unit__organisation").get(pk=report.pk)
    if report.is_published:
        return report
    problems = publish_problems(report)
    if problems:
        raise ValidationError(problems)
    before = snapshot(report, REPORT_FIELDS)
    report.status = Status.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = actor
    frozen = contents.build(actor, report)
    report.frozen_data = json.dumps(frozen, separators=(",", ":"))
    report.frozen_html = rendering.body_html(frozen)
    report.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=report,
        changes=diff(before, snapshot(report, REPORT_FIELDS)),
        unit_id=report.unit_id,
    )
    return report


def pdf_of(*, actor: User | None, report: Report) -> bytes:
    """A draft's PDF drawn now; a published report's drawn once from its frozen body, then kept."""
    if not report.is_published:
        return rendering.pdf_bytes(contents.build(actor, report))
    if report.frozen_pdf:
        return bytes(report.frozen_pdf)
    pdf = rendering.pdf_bytes(contents.stored(report), report.frozen_html)
    # Kept without an audit entry: it is a rendering of what was frozen, not a change to it.
    Report.objects.filter(pk=report.pk, frozen_pdf__isnull=True).update(frozen_pdf=pdf)
    return pdf


def reader_of(unit: Unit) -> Any:
    """Who reads a report outside a request (the command line): the organisation's board."""
    return policy.system_reader(unit)
