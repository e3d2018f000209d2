"""What the apps above add to the action tracker's pages, without the tracker importing them.

The tracker's pages are drawn in the assurance section (under /assurance/, with its navigation
and style sheet), and an action's page lists the evidence of what was done, which assurance keeps.
But actions sits below assurance in the layers (ADR 9, ADR 22), so it cannot ask assurance for
either. As control lists the work answering an escalation (ADR 18), the app above says so here
when it starts (`AppConfig.ready`), and the tracker draws whatever it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openqms.actions.models import Action
from openqms.people.requests import AuthenticatedHttpRequest


@dataclass(frozen=True)
class Frame:
    """The section the tracker's pages belong to: its name for the header (the `page` every
    template is given), a template adding its style sheets to the head, and its navigation."""

    page: str
    head_template: str
    nav_template: str


@dataclass(frozen=True)
class Panel:
    """A part of an action's page that an app above draws (after the progress notes): its template,
    and the context the template needs, which must hold only what the person may see."""

    template: str
    context: Callable[[AuthenticatedHttpRequest, Action], dict[str, Any]]


# Until an app above says otherwise the pages stand alone: no section, no panels.
_frame = Frame(page="", head_template="", nav_template="")
_panels: list[Panel] = []


def set_frame(frame: Frame) -> None:
    global _frame
    _frame = frame


def add_panel(panel: Panel) -> None:
    # `ready()` can run more than once in tests that reload apps; a panel must not be drawn twice.
    if panel not in _panels:
        _panels.append(panel)


def frame() -> Frame:
    return _frame


def panels() -> list[Panel]:
    return list(_panels)
