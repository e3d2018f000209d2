"""openqms report UNIT_CODE --period YYYY-MM [--quarter] [--organisation CODE] --pdf FILE | --html FILE

The unit's integrated quality report, for reproducible pipelines: a published report as it was
frozen; otherwise the report drawn now from the data, as a board member of the unit's
organisation would read it (the system reads everything, as it does for the e-mailed digests).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console

from openqms.console import progress_bar
from openqms.organisations.models import Unit
from openqms.reporting import contents, rendering
from openqms.reporting.models import Report
from openqms.reporting.periods import Period, UnknownPeriod
from openqms.reporting.services.reports import reader_of


class Command(BaseCommand):
    help = "Write a unit's integrated quality report for a month or a quarter as a PDF or an HTML file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("unit_code", metavar="UNIT_CODE", help="the unit's code, for example MED")
        parser.add_argument(
            "--organisation", metavar="CODE", help="the organisation's code, when codes repeat"
        )
        parser.add_argument(
            "--period", required=True, metavar="YYYY-MM", help="the month, for example 2026-11"
        )
        parser.add_argument("--quarter", action="store_true", help="the quarter holding that month")
        out = parser.add_mutually_exclusive_group(required=True)
        out.add_argument("--pdf", metavar="FILE", help="write the board pack as a PDF")
        out.add_argument("--html", metavar="FILE", help="write the report as one HTML file")

    def handle(self, *args: Any, **options: Any) -> None:
        units = Unit.objects.filter(code__iexact=options["unit_code"]).select_related("organisation")
        if options["organisation"]:
            units = units.filter(organisation__code__iexact=options["organisation"])
        found = list(units[:2])
        if not found:
            where = f" in organisation {options['organisation']}" if options["organisation"] else ""
            raise CommandError(f"No unit has the code {options['unit_code']!r}{where}.")
        if len(found) > 1:
            raise CommandError(
                f"More than one organisation has a unit with the code {options['unit_code']!r}: "
                "name one with --organisation CODE."
            )
        unit = found[0]
        try:
            period = Period.parse(options["period"], quarterly=options["quarter"])
        except UnknownPeriod as exc:
            raise CommandError(str(exc)) from exc
        target = Path(options["pdf"] or options["html"])
        console = Console(stderr=True)
        with progress_bar("{task.description}", console=console, transient=False) as progress:
            task = progress.add_task("Reading the report's data", total=3)
            report = Report.objects.filter(
                unit=unit, period_start=period.start, quarterly=period.quarterly
            ).first()
            if report is not None and report.is_published:
                data, body = contents.stored(report), report.frozen_html
            else:
                draft = report or Report(unit=unit, period_start=period.start, quarterly=period.quarterly)
                data, body = contents.build(reader_of(unit), draft), None
            progress.update(task, advance=1, description="Drawing the report")
            if options["pdf"]:
                progress.update(task, advance=1, description="Making the PDF")
                payload = rendering.pdf_bytes(data, body)
                target.write_bytes(payload)
            else:
                progress.update(task, advance=1, description="Writing the HTML")
                target.write_text(rendering.print_html(data, body), encoding="utf-8")
            progress.update(task, advance=1, description="Done")
        status = "published" if report is not None and report.is_published else "draft, drawn now"
        self.stdout.write(f"Wrote the report for {unit.name}, {period.label} ({status}) to {target}.")
