"""What the long-running commands share: one look for their progress bars (rich)."""

from __future__ import annotations

from typing import IO, cast

from django.core.management.base import OutputWrapper
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def stdout_console(stdout: OutputWrapper) -> Console:
    # Rich needs the raw stream: Django's wrapper would end each of its redraws with a newline.
    return Console(file=cast(IO[str], stdout._out), highlight=False)


def progress_bar(
    label: str,
    *,
    console: Console | None = None,
    remaining: bool = False,
    transient: bool = True,
    disable: bool = False,
) -> Progress:
    """What the command is doing (`label` may name `{task.description}`), a bar, how many of how many
    are done, and the time taken so far, or the time left when `remaining`."""
    clock: ProgressColumn = TimeRemainingColumn() if remaining else TimeElapsedColumn()
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        clock,
        console=console,
        transient=transient,
        disable=disable,
    )
