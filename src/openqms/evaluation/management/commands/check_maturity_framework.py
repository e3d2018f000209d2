"""`openqms check-maturity-framework FILE`: check an organisation's own maturity framework before
OPENQMS_MATURITY_FRAMEWORK names it; every problem is listed with its line and field."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openqms.evaluation.framework import FrameworkError, load


class Command(BaseCommand):
    help = "Check a QMS maturity framework file (docs/maturity-framework.md) and list every problem."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The JSON file to check.")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            framework = load(file)
        except FrameworkError as exc:
            raise CommandError(f"{file} has problems:\n{exc}") from exc
        self.stdout.write(
            f"{framework.title}, version {framework.version}: {len(framework.themes)} themes, "
            f"{len(framework.statements)} statements, a scale of {len(framework.scale)} levels. No problems."
        )
