"""The extension point for work that answers a need, beyond what planning's needs register links
itself (projects, actions): an annual quality plan, say. Another module registers a function at
start-up (`AppConfig.ready`); the need's page and "you said, we did" then list what it returns.

    from openqms.planning import work
    work.register(lambda user, need: [work.Work("Quality plan 2026/27", url, "Planned")])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Work:
    title: str
    url: str
    status: str


Finder = Callable[[Any, Any], list[Work]]
_finders: list[Finder] = []


def register(finder: Finder) -> None:
    if finder not in _finders:
        _finders.append(finder)


def answering(user: Any, need: Any) -> list[Work]:
    """The registered work answering the need that this person may see."""
    return [w for finder in _finders for w in finder(user, need)]
