"""`openqms restore FILE [--replace]`: put a backup back, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openqms.console import progress_bar
from openqms.operations.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore FILE, made by `openqms backup`, into this database and its file folders. Refuses a "
        "database that holds data unless --replace; commits only if the audit trail verifies."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="delete every row and file here before restoring"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            manifest = read_manifest(path)
            total = sum(t["rows"] for t in manifest["tables"].values())
            with progress_bar("Restoring", disable=options["verbosity"] < 1) as progress:
                task = progress.add_task("restore", total=total)
                summary = restore_backup(
                    path, replace=options["replace"], progress=lambda n: progress.advance(task, n)
                )
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"Restored {summary.rows} rows of {summary.tables} tables and {summary.files} files from "
            f"{path}; the audit trail's {summary.audit_entries} entries verify."
        )
