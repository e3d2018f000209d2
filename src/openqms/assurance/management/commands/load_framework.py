"""`openqms load-framework FILE --organisation CODE`: load an external framework's requirements.

The file is CSV or JSON (docs/frameworks.md). Every problem is printed with its line and column, and
nothing is loaded if there is any.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from openqms.assurance.framework_files import count_rows, read_file
from openqms.assurance.services.standards import load_framework
from openqms.console import progress_bar, stdout_console
from openqms.organisations.models import Organisation


class Command(BaseCommand):
    help = "Load an external framework (a versioned set of requirements) from a CSV or JSON file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="The framework file, CSV or JSON (see docs/frameworks.md)"
        )
        parser.add_argument(
            "--organisation",
            help="Code of the organisation the framework is for (needed when the installation has several)",
        )

    def handle(self, *args: Any, file: Path, organisation: str | None, **options: Any) -> None:
        organisations = Organisation.objects.all()
        if organisation:
            organisations = organisations.filter(code__iexact=organisation)
        found = list(organisations[:2])
        if not found:
            raise CommandError(f"There is no organisation with the code {organisation}" if organisation else
                               "There is no organisation yet")  # fmt: skip
        if len(found) > 1:
            raise CommandError(
                "This installation has several organisations: name one with --organisation CODE"
            )
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        with progress_bar("{task.description:<28}", console=stdout_console(self.stdout)) as progress:
            checking = progress.add_task("Checking the requirements", total=count_rows(data))
            parsed = read_file(data, file.name, progress=lambda n: progress.advance(checking, n))
            progress.update(checking, completed=count_rows(data))
            if parsed.problems:
                progress.stop()
                for problem in parsed.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"{len(parsed.problems)} {'problem' if len(parsed.problems) == 1 else 'problems'} in "
                    f"{file.name}: nothing was loaded"
                )
            loading = progress.add_task("Loading", total=len(parsed.requirements))
            try:
                framework = load_framework(
                    actor=None,
                    organisation=found[0],
                    parsed=parsed,
                    progress=lambda n: progress.advance(loading, n),
                )
            except ValidationError as exc:
                raise CommandError(exc.messages[0]) from exc
        self.stdout.write(
            f"Loaded {framework.name} version {framework.version}: {len(parsed.requirements)} requirements "
            f"for {found[0].name}."
        )
