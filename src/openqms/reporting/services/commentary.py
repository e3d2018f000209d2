"""Writes to a report's commentary: the owner asks for it, the person asked writes it, the owner
approves it. A published report's commentary is frozen with it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control.models import Measure
from openqms.people.models import User
from openqms.reporting.models import Commentary, CommentaryStatus, Report, Section

COMMENTARY_FIELDS = (
    "report",
    "measure",
    "section",
    "subject",
    "requested_of",
    "text",
    "status",
    "approved_by",
)


def _open(report: Report) -> None:
    if report.is_published:
        raise ValidationError("The report is published: its commentary is frozen.")


@transaction.atomic
def request_commentary(
    *, actor: User, report: Report, requested_of: User, measure: Measure | None = None, section: str = ""
) -> Commentary:
    """Ask for commentary on a measure or a section; asking again asks the new person instead."""
    _open(report)
    if (measure is None) == (not section):
        raise ValidationError("Ask for commentary on one measure or one section.")
    if section and section not in Section.values:
        raise ValidationError({"section": f"There is no section called {section}."})
    subject = f"{measure.definition.name}, {measure.unit.name}" if measure else Section(section).label
    commentary = Commentary.objects.filter(report=report, measure=measure, section=section).first()
    if commentary is not None:
        before = snapshot(commentary, COMMENTARY_FIELDS)
        commentary.requested_of = requested_of
        commentary.requested_by = actor
        commentary.save()
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=commentary,
            changes=diff(before, snapshot(commentary, COMMENTARY_FIELDS)),
            unit_id=report.unit_id,
        )
        return commentary
    commentary = Commentary.objects.create(
        report=report,
        measure=measure,
        section=section,
        subject=subject,
        requested_of=requested_of,
        requested_by=actor,
    )
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=commentary,
        changes=created(snapshot(commentary, COMMENTARY_FIELDS)),
        unit_id=report.unit_id,
    )
    return commentary


@transaction.atomic
def write_commentary(*, actor: User, commentary: Commentary, text: str) -> Commentary:
    _open(commentary.report)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the commentary."})
    before = snapshot(commentary, COMMENTARY_FIELDS)
    commentary.text = text
    commentary.status = CommentaryStatus.WRITTEN
    commentary.written_at = timezone.now()
    commentary.approved_by = None
    commentary.approved_at = None
    commentary.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=commentary,
        changes=diff(before, snapshot(commentary, COMMENTARY_FIELDS)),
        unit_id=commentary.report.unit_id,
    )
    return commentary


@transaction.atomic
def approve_commentary(*, actor: User, commentary: Commentary) -> Commentary:
    _open(commentary.report)
    if commentary.status == CommentaryStatus.APPROVED:
        return commentary
    if commentary.status != CommentaryStatus.WRITTEN:
        raise ValidationError("The commentary has not been written yet, so there is nothing to approve.")
    before = snapshot(commentary, COMMENTARY_FIELDS)
    commentary.status = CommentaryStatus.APPROVED
    commentary.approved_by = actor
    commentary.approved_at = timezone.now()
    commentary.save()
    report = commentary.report
    report.version += 1
    report.save(update_fields=["version"])
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=commentary,
        changes=diff(before, snapshot(commentary, COMMENTARY_FIELDS)),
        unit_id=report.unit_id,
    )
    return commentary
