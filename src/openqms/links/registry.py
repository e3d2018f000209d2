"""The kinds of source, each with the resolver its app registered, and resolving a source for a person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from openqms.people.models import User


@dataclass(frozen=True)
class Source:
    """Where a piece of work came from: a kind, "<app>.<thing>", and the id of that thing."""

    kind: str
    id: int


@dataclass(frozen=True)
class Link:
    """A source as one person may follow it: what it is called, and its page."""

    title: str
    url: str


class Resolver(Protocol):
    """Given the person and an id of its kind, the link, or None when there is nothing the person
    may follow: the thing is gone, or it is not shared with them (the owning app's access rules)."""

    def __call__(self, user: User, pk: int, /) -> Link | None: ...


_resolvers: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> None:
    # `ready()` can run more than once in tests that reload apps; the last registration stands.
    _resolvers[kind] = resolver


def is_known(kind: str) -> bool:
    return kind in _resolvers


def resolve(user: User, source: Source | None) -> Link | None:
    """The link this person may follow to the source; None for no source, for a kind whose app is
    not installed, and for a source they may not see."""
    if source is None:
        return None
    resolver = _resolvers.get(source.kind)
    if resolver is None:
        return None
    return resolver(user, source.id)
