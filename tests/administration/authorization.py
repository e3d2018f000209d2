"""What each administration page answers to each persona on a GET, for the authorization matrix.

EXPECTATIONS maps a URL name to (a function of the trust giving the reverse() kwargs, the expected
status code for each persona). Every object named is in Northshire (NHT), which ada_admin
administers: the administrator of the other organisation gets 404 on it, like everyone else.
Pages about no one object (home, people, adding a person) answer to any administrator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.personas import PERSONAS, Trust

NOT_FOUND = dict.fromkeys(PERSONAS, 404)


def _only(status: int, *usernames: str) -> dict[str, int]:
    return {**NOT_FOUND, **dict.fromkeys(usernames, status)}


def _unit(attr: str) -> Callable[[Trust], dict[str, Any]]:
    return lambda trust: {"pk": getattr(trust, attr).pk}


def _person(username: str) -> Callable[[Trust], dict[str, Any]]:
    return lambda trust: {"pk": trust.people[username].pk}


def _role_of(username: str) -> Callable[[Trust], dict[str, Any]]:
    return lambda trust: {"pk": trust.people[username].role_assignments.get().pk}


def _organisation(trust: Trust) -> dict[str, Any]:
    return {"pk": trust.org.pk}


def _nothing(trust: Trust) -> dict[str, Any]:
    return {}


ANY_ADMINISTRATOR = _only(200, "ada_admin", "otto_other_admin")
NORTHSHIRE_ADMINISTRATOR = _only(200, "ada_admin")


def _domain(trust: Trust) -> dict[str, Any]:
    return {"pk": trust.org.pk, "domain_pk": trust.org.quality_domains.get(key="safe").pk}


EXPECTATIONS: dict[str, tuple[Callable[[Trust], dict[str, Any]], dict[str, int]]] = {
    "administration:home": (_nothing, ANY_ADMINISTRATOR),
    # Only an installation's superuser creates organisations; no persona is one.
    "administration:organisation-new": (_nothing, NOT_FOUND),
    "administration:organisation": (_organisation, NORTHSHIRE_ADMINISTRATOR),
    "administration:import": (_organisation, NORTHSHIRE_ADMINISTRATOR),
    "administration:improvement-methods": (_organisation, NORTHSHIRE_ADMINISTRATOR),
    "administration:unit": (_unit("medicine"), NORTHSHIRE_ADMINISTRATOR),
    "administration:unit-edit": (_unit("medicine"), NORTHSHIRE_ADMINISTRATOR),
    "administration:unit-add": (_unit("medicine"), NORTHSHIRE_ADMINISTRATOR),
    "administration:unit-move": (_unit("medicine"), NORTHSHIRE_ADMINISTRATOR),
    "administration:unit-archive": (_unit("medicine"), NORTHSHIRE_ADMINISTRATOR),
    # POST only: the administrator is told the method is wrong; everyone else learns nothing.
    "administration:unit-restore": (_unit("medicine"), _only(405, "ada_admin")),
    "administration:unit-grant": (_unit("medicine"), NORTHSHIRE_ADMINISTRATOR),
    "administration:role-end": (_role_of("tess_team_leader"), NORTHSHIRE_ADMINISTRATOR),
    "administration:people": (_nothing, ANY_ADMINISTRATOR),
    "administration:security": (_nothing, ANY_ADMINISTRATOR),
    "administration:person-new": (_nothing, ANY_ADMINISTRATOR),
    "administration:person": (_person("mo_member"), NORTHSHIRE_ADMINISTRATOR),
    "administration:person-edit": (_person("mo_member"), NORTHSHIRE_ADMINISTRATOR),
    "administration:person-password": (_person("mo_member"), NORTHSHIRE_ADMINISTRATOR),
    # The organisation's quality language (ADR 24): its administrators' settings. The POSTs are in
    # views/test_language.py; retiring is POST only, and a GET learns nothing.
    "administration:domains": (_organisation, NORTHSHIRE_ADMINISTRATOR),
    "administration:domain": (_domain, NORTHSHIRE_ADMINISTRATOR),
    "administration:domain-retire": (_domain, NOT_FOUND),
    "administration:questions": (_organisation, NORTHSHIRE_ADMINISTRATOR),
}
