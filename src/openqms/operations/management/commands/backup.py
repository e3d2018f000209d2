"""`openqms backup FILE`: the whole database and its evidence and media files in one file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openqms.console import progress_bar
from openqms.operations.backup import count_rows, write_backup


class Command(BaseCommand):
    help = "Write every table and the evidence and media files to FILE (a .tar.gz); docs/backup.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        with progress_bar("Backing up", disable=options["verbosity"] < 1) as progress:
            task = progress.add_task("backup", total=count_rows())
            summary = write_backup(path, progress=lambda n: progress.advance(task, n))
        self.stdout.write(
            f"Backed up {summary.rows} rows of {summary.tables} tables, {summary.files} files and "
            f"{summary.audit_entries} audit entries to {path}."
        )
