"""`openqms demo`: load the demo trust once, and make sure its demo logins work."""

from __future__ import annotations

import time
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from openqms.demo import services
from openqms.demo.generator import DEFAULT_SEED
from openqms.demo.selectors import demo_organisation


class Command(BaseCommand):
    help = "Load the demo NHS trust (units, people and roles) unless it is already loaded."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed for names and structure; the same seed gives the same trust ({DEFAULT_SEED}).",
        )

    def handle(self, *args: Any, seed: int, **options: Any) -> None:
        if demo_organisation() is not None:
            services.ensure_demo_logins()
            self.stdout.write("The demo organisation is already loaded.")
            return

        # Rich needs the raw stream: Django's wrapper would end each of its redraws with a newline.
        console = Console(file=cast(IO[str], self.stdout._out), highlight=False)
        plan = services.plan_for_today(seed=seed)
        started = time.perf_counter()
        with Progress(
            TextColumn("Loading the demo trust"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("demo", total=services.steps_in(plan))
            organisation = services.load_demo(plan=plan, progress=lambda n: progress.advance(task, n))
        self.stdout.write(
            f"Loaded {organisation.name} ({organisation.code}): {len(plan.units) + 1} units, "
            f"{len(plan.people)} people and {len(plan.roles)} roles in {time.perf_counter() - started:.1f} s."
        )
        self.stdout.write("`openqms demo-logins` lists the demo logins.")
