"""Every URL pattern × every persona × (in scope, out of scope) has an expected answer.

Adding a URL pattern without adding its expectations here (or in the expectations module of the
app that owns it) fails `test_every_url_pattern_has_expectations`.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authorization import EVERYONE, NORTHSHIRE_UNIT_VIEWERS, SIGNED_IN, Case, only

SHELL: dict[str, list[Case]] = {
    "my-qms": [Case("home", allowed=only(SIGNED_IN))],
    "login": [Case("signed in people are sent on", allowed=only(SIGNED_IN, 302, anonymous=200))],
    "logout": [Case("only by POST", allowed=only(EVERYONE, 405))],
    "control:home": [Case("component", allowed=only(SIGNED_IN))],
    "assurance:home": [Case("component", allowed=only(SIGNED_IN))],
    "improvement:home": [Case("component", allowed=only(SIGNED_IN))],
    "unit": [
        Case("in scope", lambda t: {"pk": t.ward_a.pk}, allowed=only(NORTHSHIRE_UNIT_VIEWERS)),
        Case(
            "another ward",
            lambda t: {"pk": t.ward_b.pk},
            allowed=only(["sam_senior", "dana_division", "colin_clinician", "ada_admin"]),
        ),
        Case("another organisation", lambda t: {"pk": t.other_team.pk}, allowed=only(["otto_other_admin"])),
    ],
    "unit-history": [
        Case(
            "in scope",
            lambda t: {"pk": t.ward_a.pk},
            allowed=only([p for p in NORTHSHIRE_UNIT_VIEWERS if p != "sue_service_user"]),
        ),
        Case("another organisation", lambda t: {"pk": t.other_team.pk}, allowed=only(["otto_other_admin"])),
    ],
    "switch-unit": [
        Case("GET is not allowed", allowed=only(SIGNED_IN, 405)),
        Case(
            "in scope",
            method="post",
            data=lambda t: {"unit": t.ward_a.pk},
            allowed=only(NORTHSHIRE_UNIT_VIEWERS, 302),
        ),
        Case(
            "another organisation",
            method="post",
            data=lambda t: {"unit": t.other_team.pk},
            allowed=only(["otto_other_admin"], 302),
        ),
    ],
}

# Apps that add URL patterns keep their expectations beside their own tests.
EXPECTATION_MODULES = [
    "tests.administration.authorization",
    "tests.control.authorization",
    "tests.assurance.authorization",
    "tests.actions.authorization",
    "tests.improvement.authorization",
    "tests.planning.authorization",
    "tests.reporting.authorization",
    "tests.evaluation.authorization",
    "tests.api.authorization",
    "tests.sso.authorization",
]


def _from_app_module(name: str) -> dict[str, list[Case]]:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        return {}
    result: dict[str, list[Case]] = {}
    for url_name, spec in module.EXPECTATIONS.items():
        if isinstance(spec, tuple):  # (kwargs function, {persona: status}) for a GET in scope
            kwargs_fn, statuses = spec
            result[url_name] = [Case("in scope", kwargs_fn, allowed=dict(statuses))]
        else:
            result[url_name] = list(spec)
    return result


def all_expectations() -> dict[str, list[Case]]:
    expectations = dict(SHELL)
    for module in EXPECTATION_MODULES:
        expectations.update(_from_app_module(module))
    return expectations


def url_names(patterns: list[Any] | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= url_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            names.add(namespace + p.name)
        elif isinstance(p, URLPattern):
            names.add(f"{namespace}<unnamed {p.pattern}>")
    return names


def test_every_url_pattern_has_expectations():
    missing = url_names() - set(all_expectations())
    assert not missing, f"URL patterns with no authorization expectations: {sorted(missing)}"


CASES = [(name, case) for name, cases in sorted(all_expectations().items()) for case in cases]


@pytest.mark.parametrize(("url_name", "case"), CASES, ids=[f"{n}: {c.label}" for n, c in CASES])
def test_each_persona_gets_exactly_the_expected_answer(client, trust, url_name, case):
    url = reverse(url_name, kwargs=case.kwargs(trust) or None)
    data = case.data(trust)
    got: dict[str, int] = {}
    for persona in EVERYONE:
        client.logout()
        if persona != "anonymous":
            client.force_login(trust.people[persona])
        if case.method == "get":
            response = client.get(url, data)
        elif case.content_type:
            response = getattr(client, case.method)(url, data, content_type=case.content_type)
        else:
            response = getattr(client, case.method)(url, data)
        got[persona] = response.status_code
    expected = {p: case.allowed.get(p, 302 if p == "anonymous" else case.otherwise) for p in EVERYONE}
    assert got == expected
