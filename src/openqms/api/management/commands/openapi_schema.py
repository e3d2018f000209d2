"""`openqms openapi-schema [--write]`: print the API's OpenAPI schema, or write docs/openapi.json."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from openqms.api.schema import COMMITTED, schema_text


class Command(BaseCommand):
    help = "Print the OpenAPI schema of /api/v1/ (--write: regenerate docs/openapi.json)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help=f"write {COMMITTED}")

    def handle(self, *args: Any, **options: Any) -> None:
        text = schema_text()
        if options["write"]:
            COMMITTED.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {COMMITTED}")
        else:
            self.stdout.write(text, ending="")
