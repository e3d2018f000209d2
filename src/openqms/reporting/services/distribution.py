"""Scheduled distribution: a unit's schedule and distribution list, and sending each period's
published report once (the Delivery row's unique period is what makes a second run send nothing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.reporting.models import Delivery, Report, Schedule, Status
from openqms.reporting.periods import Period
from openqms.reporting.services.reports import pdf_of

SCHEDULE_FIELDS = ("unit", "quarterly", "day_of_month", "recipients", "attach_pdf", "active")


def clean_recipients(text: str) -> str:
    """One address a line; a wrong one is named with its line."""
    lines = [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]
    if not lines:
        raise ValidationError({"recipients": "Enter at least one e-mail address."})
    for number, line in enumerate(lines, start=1):
        try:
            validate_email(line)
        except ValidationError as exc:
            raise ValidationError(
                {"recipients": f"Line {number}, “{line}”, is not an e-mail address."}
            ) from exc
    return "\n".join(lines)


@transaction.atomic
def save_schedule(
    *,
    actor: User | None,
    unit: Unit,
    quarterly: bool,
    day_of_month: int,
    recipients: str,
    attach_pdf: bool,
    active: bool = True,
) -> Schedule:
    if not 1 <= day_of_month <= 28:
        raise ValidationError({"day_of_month": "Enter a day from 1 to 28, so that every month has it."})
    recipients = clean_recipients(recipients)
    schedule = Schedule.objects.filter(unit=unit, quarterly=quarterly).first()
    if schedule is None:
        schedule = Schedule.objects.create(
            unit=unit,
            quarterly=quarterly,
            day_of_month=day_of_month,
            recipients=recipients,
            attach_pdf=attach_pdf,
            active=active,
            created_by=actor,
        )
        record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            target=schedule,
            changes=created(snapshot(schedule, SCHEDULE_FIELDS)),
            unit_id=unit.pk,
        )
        return schedule
    before = snapshot(schedule, SCHEDULE_FIELDS)
    schedule.day_of_month, schedule.recipients = day_of_month, recipients
    schedule.attach_pdf, schedule.active = attach_pdf, active
    schedule.save()
    changes = diff(before, snapshot(schedule, SCHEDULE_FIELDS))
    if changes:
        record(
            actor=actor, action=AuditEntry.Action.UPDATE, target=schedule, changes=changes, unit_id=unit.pk
        )
    return schedule


def due_period(schedule: Schedule, today: dt.date) -> Period | None:
    """The period a schedule sends on `today`: the one just ended, once its day has come."""
    if today.day < schedule.day_of_month:
        return None
    ended = Period.containing(today, quarterly=schedule.quarterly).previous
    if schedule.quarterly and today.month not in (1, 4, 7, 10):
        # A quarter's report goes out in the month after the quarter, not in the two after that.
        return None
    return ended


@dataclass(frozen=True)
class Outcome:
    schedule: Schedule
    period: Period | None
    words: str
    sent: bool = False


def _message(schedule: Schedule, report: Report) -> EmailMessage:
    link = settings.OPENQMS_BASE_URL.rstrip("/") + reverse("reporting:report", args=[report.pk])
    body = (
        f"The integrated quality report for {report.unit.name}, {report.period_label}, is published.\n\n"
        + ("It is attached as a PDF. " if schedule.attach_pdf else "")
        + f"Read it in OpenQMS: {link}\n"
    )
    message = EmailMessage(
        subject=f"Quality report: {report.unit.name}, {report.period_label}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=schedule.recipient_list,
    )
    if schedule.attach_pdf:
        message.attach(
            f"quality-report-{report.unit.code.lower()}-{report.period.code}.pdf",
            pdf_of(actor=None, report=report),
            "application/pdf",
        )
    return message


def send_due(*, today: dt.date | None = None, dry_run: bool = False) -> list[Outcome]:
    """Send every active schedule's report that is due and not yet sent. Safe to run as often as
    cron likes: a period already delivered is skipped, and a report not yet published waits."""
    today = today or timezone.localdate()
    outcomes = []
    connection = None if dry_run else get_connection()
    for schedule in Schedule.objects.filter(active=True).select_related("unit").order_by("pk"):
        period = due_period(schedule, today)
        if period is None:
            outcomes.append(Outcome(schedule, None, "not due yet"))
            continue
        if Delivery.objects.filter(schedule=schedule, period_start=period.start).exists():
            outcomes.append(Outcome(schedule, period, "already sent"))
            continue
        report = Report.objects.filter(
            unit=schedule.unit,
            period_start=period.start,
            quarterly=schedule.quarterly,
            status=Status.PUBLISHED,
        ).first()
        if report is None:
            outcomes.append(Outcome(schedule, period, "waiting for the report to be published"))
            continue
        if dry_run:
            outcomes.append(Outcome(schedule, period, f"would send to {len(schedule.recipient_list)}"))
            continue
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    schedule=schedule,
                    period_start=period.start,
                    report=report,
                    sent_at=timezone.now(),
                    recipients=len(schedule.recipient_list),
                )
                record(
                    actor=None,
                    action=AuditEntry.Action.CREATE,
                    target=delivery,
                    changes=created(
                        {"period_start": period.start.isoformat(), "recipients": schedule.recipients}
                    ),
                    unit_id=schedule.unit_id,
                )
                # Sent inside the transaction: a failed sending leaves no Delivery, so the next run retries.
                assert connection is not None
                connection.send_messages([_message(schedule, report)])
        except IntegrityError:
            outcomes.append(Outcome(schedule, period, "already sent"))
            continue
        outcomes.append(Outcome(schedule, period, f"sent to {delivery.recipients}", sent=True))
    return outcomes
