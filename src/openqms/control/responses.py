"""What the rest of the QMS is doing in answer to an escalation or a measure's signal.

Control sits below improvement and assurance, so it cannot ask them for their projects or audits
without breaking the layers (import-linter). Instead the higher apps register a provider here when
they start (`AppConfig.ready`), and control's pages list whatever the providers return. Each
provider is given the person, and must only return what that person may see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from openqms.control.models import Escalation, Measure


@dataclass(frozen=True)
class Response:
    """One piece of work answering the subject, in words a ward team reads."""

    kind: str  # for example "Improvement project (its aim)"
    title: str
    url: str
    status: str  # for example the project's stage
    unit: str


_for_escalations: list[Callable[[Any, Escalation], Iterable[Response]]] = []
_for_measures: list[Callable[[Any, Measure], Iterable[Response]]] = []


def _add(providers: list[Any], provider: Any) -> None:
    # `ready()` can run more than once in tests that reload apps; work must not be listed twice.
    if provider not in providers:
        providers.append(provider)


def register_for_escalations(provider: Callable[[Any, Escalation], Iterable[Response]]) -> None:
    _add(_for_escalations, provider)


def register_for_measures(provider: Callable[[Any, Measure], Iterable[Response]]) -> None:
    _add(_for_measures, provider)


def responses_to_escalation(user: Any, escalation: Escalation) -> list[Response]:
    return [response for provider in _for_escalations for response in provider(user, escalation)]


def responses_to_measure(user: Any, measure: Measure) -> list[Response]:
    return [response for provider in _for_measures for response in provider(user, measure)]
