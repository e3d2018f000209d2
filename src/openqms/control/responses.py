"""What the rest of the QMS is doing, or offers to start, in answer to an escalation or a measure.

Control sits below improvement and assurance, so it cannot ask them for their projects or audits,
nor name their pages, without breaking the layers (import-linter). Instead the higher apps register
providers here when they start (`AppConfig.ready`): of the work already answering (`Response`), and
of the work a person may start from control's page (`Offer`: "Start an improvement project on this
concern"). Each provider is given the person, and returns only what that person may see or may do:
the permission checks are the provider's. Control's pages list whatever comes back (ADR 0018, 0023).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from openqms.control.models import Escalation, Measure
from openqms.people.models import User


@dataclass(frozen=True)
class Response:
    """One piece of work answering the subject, in words a ward team reads."""

    kind: str  # for example "Improvement project (its aim)"
    title: str
    url: str
    status: str  # for example the project's stage
    unit: str


@dataclass(frozen=True)
class Offer:
    """Work the person may start from control's page: the words of the link, and where it goes."""

    text: str
    url: str
    # Offers are listed lowest first, so the page reads the same whichever app started first:
    # improvement's project (10) before assurance's audit (20).
    order: int = 0


Item = TypeVar("Item", covariant=True)


class ForEscalation(Protocol[Item]):
    """A provider: given the person and an escalation, the responses (or offers) for that person."""

    def __call__(self, user: User, escalation: Escalation, /) -> Iterable[Item]: ...


class ForMeasure(Protocol[Item]):
    """A provider: given the person and a measure, the responses (or offers) for that person."""

    def __call__(self, user: User, measure: Measure, /) -> Iterable[Item]: ...


_responses_to_escalations: list[ForEscalation[Response]] = []
_responses_to_measures: list[ForMeasure[Response]] = []
_offers_on_escalations: list[ForEscalation[Offer]] = []
_offers_on_concerns: list[ForMeasure[Offer]] = []

Provider = TypeVar("Provider")


def _add(providers: list[Provider], provider: Provider) -> None:
    # `ready()` can run more than once in tests that reload apps; work must not be listed twice.
    if provider not in providers:
        providers.append(provider)


def register_for_escalations(provider: ForEscalation[Response]) -> None:
    _add(_responses_to_escalations, provider)


def register_for_measures(provider: ForMeasure[Response]) -> None:
    _add(_responses_to_measures, provider)


def register_offers_on_escalations(provider: ForEscalation[Offer]) -> None:
    _add(_offers_on_escalations, provider)


def register_offers_on_concerns(provider: ForMeasure[Offer]) -> None:
    """Offers shown on a measure's page while its chart shows a special-cause concern."""
    _add(_offers_on_concerns, provider)


def responses_to_escalation(user: User, escalation: Escalation) -> list[Response]:
    return [response for provider in _responses_to_escalations for response in provider(user, escalation)]


def responses_to_measure(user: User, measure: Measure) -> list[Response]:
    return [response for provider in _responses_to_measures for response in provider(user, measure)]


def offers_on_escalation(user: User, escalation: Escalation) -> list[Offer]:
    offers = [offer for provider in _offers_on_escalations for offer in provider(user, escalation)]
    return sorted(offers, key=lambda offer: offer.order)


def offers_on_concern(user: User, measure: Measure) -> list[Offer]:
    offers = [offer for provider in _offers_on_concerns for offer in provider(user, measure)]
    return sorted(offers, key=lambda offer: offer.order)
