"""openqms send-reports: e-mail each schedule's published report for the period just ended.

Run it daily from cron (or a task queue); a period already sent is never sent again, and a report
not yet published waits for the next run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openqms.reporting.services.distribution import send_due


class Command(BaseCommand):
    help = "E-mail the published reports that schedules say are due, once per period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", metavar="YYYY-MM-DD", help="act as if today were this day")
        parser.add_argument("--dry-run", action="store_true", help="say what would be sent, send nothing")

    def handle(self, *args: Any, today: str | None = None, dry_run: bool = False, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"--today {today!r} is not a day written YYYY-MM-DD.") from exc
        outcomes = send_due(today=day, dry_run=dry_run)
        for outcome in outcomes:
            period = f", {outcome.period.label}" if outcome.period else ""
            self.stdout.write(f"{outcome.schedule}{period}: {outcome.words}.")
        sent = sum(1 for o in outcomes if o.sent)
        self.stdout.write(f"Sent {sent} {'report' if sent == 1 else 'reports'}.")
