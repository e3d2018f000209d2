"""`openqms import-data FILE --as USERNAME` (or `--system`): bulk import of measure data.

The command line is for extracts too large for the upload page. The file is checked whole first;
if anything is wrong, every problem is listed, nothing is saved and the command exits with 1. With
--dry-run the file is only checked. Usage mistakes (no such person, file or organisation) exit
with 2. See docs/imports.md, "Measure data".
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import (
    Progress,
    TaskID,
)

from openqms.access import policy
from openqms.console import progress_bar
from openqms.control.imports.files import XLS_MAGIC, XLSX_MAGIC, DataFile, read_csv, read_xlsx
from openqms.control.services.data import Submission, submit_rows
from openqms.organisations.models import Organisation
from openqms.people.models import User

PROBLEMS = 1
USAGE = 2
STAGES = {
    "validating": "Checking rows",
    "saving": "Saving observations",
    "recomputing": "Recomputing SPC",
}


class Command(BaseCommand):
    help = "Import measure data from a CSV or Excel (.xlsx) file: all of it, or nothing if any row is wrong."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="CSV (UTF-8) or Excel .xlsx file")
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument(
            "--as", dest="username", help="import as this person, within the units they may add data to"
        )
        who.add_argument(
            "--system",
            action="store_true",
            help="import as the installation itself (for its administrators' extracts): any unit",
        )
        parser.add_argument(
            "--organisation",
            help="the organisation's code; needed when there is more than one to choose from",
        )
        parser.add_argument("--dry-run", action="store_true", help="check the file only; save nothing")
        parser.add_argument("--no-progress", action="store_true", help="do not draw progress bars")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}", returncode=USAGE)
        actor = self._actor(options["username"]) if options["username"] else None
        organisation = self._organisation(options["organisation"], actor)
        console = Console(stderr=True)
        started = time.perf_counter()
        with progress_bar(
            "{task.description:<22}", console=console, transient=False, disable=options["no_progress"]
        ) as bar:
            submission = self._run(path, actor, organisation, options, bar)
        elapsed = time.perf_counter() - started
        validation = submission.validation
        if not validation.ok:
            for p in sorted(validation.problems, key=lambda p: p.line or 0):
                where = f"row {p.line}" if p.line else "the file"
                column = f", column {p.column}" if p.column else ""
                value = f" ({p.value!r})" if p.value else ""
                self.stderr.write(f"{where}{column}{value}: {p.message}")
            count = len(validation.problems)
            raise CommandError(
                f"{path.name}: {count} problem{'s' if count != 1 else ''}; nothing was imported",
                returncode=PROBLEMS,
            )
        if submission.summary is None:
            self.stdout.write(
                f"{path.name}: {validation.rows} rows checked, no problems "
                f"({len(validation.points)} data points, {validation.empty} rows without data); "
                "nothing was saved (dry run)"
            )
            return
        s = submission.summary
        self.stdout.write(
            f"{path.name}: {s.created} created, {s.updated} updated, {s.unchanged} unchanged, "
            f"{validation.empty} rows without data; {s.measures} measures recomputed in {elapsed:.1f} s"
        )

    def _run(
        self,
        path: Path,
        actor: User | None,
        organisation: Organisation,
        options: dict[str, Any],
        bar: Progress,
    ) -> Submission:
        tasks: dict[str, TaskID] = {}
        with path.open("rb") as raw:
            magic = raw.read(4)
            raw.seek(0)
            if magic == XLS_MAGIC:
                raise CommandError(
                    "Old Excel files (.xls) cannot be read: save it as .xlsx or CSV", returncode=USAGE
                )
            size = path.stat().st_size
            reading = bar.add_task("Reading the file", total=size)
            if magic == XLSX_MAGIC:
                data: DataFile = read_xlsx(raw)
            else:
                data = read_csv(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))

            def progress(stage: str, done: int, total: int | None) -> None:
                if stage == "validating":
                    bar.update(reading, completed=min(raw.tell(), size) if total is None else size)
                if stage not in tasks:
                    tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=total)
                bar.update(tasks[stage], completed=done, total=total)

            submission = submit_rows(
                actor=actor,
                organisation=organisation,
                rows=data.rows(),
                source=path.name,
                system=actor is None,
                dry_run=options["dry_run"],
                progress=progress,
                file_problems=data.problems,
            )
        return submission

    def _actor(self, username: str) -> User:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active person with the username {username}", returncode=USAGE)
        return user

    def _organisation(self, code: str | None, actor: User | None) -> Organisation:
        if code:
            organisation = Organisation.objects.filter(code=code.strip().upper()).first()
            if organisation is None:
                raise CommandError(f"No organisation with the code {code}", returncode=USAGE)
            return organisation
        if actor is not None:
            ids = set(
                policy.units_where(actor, policy.Permission.CONTRIBUTE).values_list(
                    "organisation_id", flat=True
                )
            )
            candidates = Organisation.objects.filter(pk__in=ids)
        else:
            candidates = Organisation.objects.filter(archived_at__isnull=True)
        found = list(candidates[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            who = (
                f"{actor.get_username()} may not add data to any unit"
                if actor
                else "There is no organisation"
            )
            raise CommandError(who, returncode=USAGE)
        raise CommandError(
            "Name the organisation with --organisation CODE: there is more than one", returncode=USAGE
        )
