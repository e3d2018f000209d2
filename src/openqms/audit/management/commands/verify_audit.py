"""`openqms verify-audit`: prove the audit trail's hash chain unbroken, or name the first bad entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from openqms.audit.models import AuditEntry
from openqms.audit.services import verify_chain
from openqms.console import progress_bar


class Command(BaseCommand):
    help = "Check every audit entry's hash and link to the entry before; exit 1 at the first bad entry."

    def handle(self, *args: Any, **options: Any) -> None:
        total = AuditEntry.objects.count()
        with progress_bar(
            "Checking the audit trail", remaining=True, disable=options["verbosity"] < 1 or total < 1000
        ) as progress:
            task = progress.add_task("verify", total=total)
            report = verify_chain(progress=lambda n: progress.advance(task, n))
        if not report.intact:
            raise CommandError(
                f"The audit trail is broken at entry #{report.first_bad_sequence}: {report.reason}. "
                f"{report.checked} entries before it are intact."
            )
        self.stdout.write(
            f"The audit trail is intact: {report.checked} entries, every hash and link verified."
        )
