"""The registry of kinds of source: a source resolves through its kind's resolver, for one person."""

from __future__ import annotations

from openqms.links import registry
from openqms.links.registry import Link, Source
from openqms.people.models import User


def test_a_source_resolves_through_the_resolver_of_its_kind_for_the_person_asking(monkeypatch):
    asked: list[tuple[str, int]] = []

    def resolver(user: User, pk: int) -> Link | None:
        asked.append((user.username, pk))
        return Link("Thing 7", "/things/7/") if user.username == "allowed" else None

    monkeypatch.setitem(registry._resolvers, "test.thing", resolver)
    assert registry.is_known("test.thing")
    assert registry.resolve(User(username="allowed"), Source("test.thing", 7)) == Link(
        "Thing 7", "/things/7/"
    )
    assert registry.resolve(User(username="other"), Source("test.thing", 7)) is None
    assert asked == [("allowed", 7), ("other", 7)]


def test_no_source_and_a_kind_no_installed_app_resolves_give_no_link():
    assert registry.resolve(User(username="anyone"), None) is None
    assert not registry.is_known("gone.thing")
    assert registry.resolve(User(username="anyone"), Source("gone.thing", 1)) is None


def test_every_kind_the_apps_raise_actions_from_is_registered_at_start_up():
    kinds = ("control.huddle", "control.escalation", "assurance.audit", "assurance.gaps", "assurance.finding",
             "improvement.project", "improvement.idea")  # fmt: skip
    assert all(registry.is_known(kind) for kind in kinds)
