"""A real OpenID Connect provider for the single sign-on tests, and a browser's way through it.

The provider (tests/sso/provider: django-oauth-toolkit with OIDC) runs in its own process on a
loopback port, started once for these tests. OpenQMS is driven with Django's test client; the
person's browser at the provider (its sign-in page and consent form) is a `requests` session, so
every step at the provider is real HTTP, as is OpenQMS's own exchange of the code for tokens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.sso.provider.serve import CLIENT_ID, CLIENT_SECRET, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CALLBACK = "http://testserver/sign-in/single-sign-on/callback/"
AFTER_SIGN_OUT = "http://testserver/sign-in/"
MAPPING = {
    "rules": [
        {
            "claim": "groups",
            "value": "ward-a-nurses",
            "organisation": "NHT",
            "unit": "WA",
            "role": "team_member",
        },
        {
            "claim": "groups",
            "value": "elderly-care-leads",
            "organisation": "NHT",
            "unit": "ELD",
            "role": "team_leader",
        },
    ]
}


@dataclass(frozen=True)
class Provider:
    issuer: str


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    folder = tmp_path_factory.mktemp("oidc-provider")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("DATABASE_URL", None)
    # Its errors go to a file, not a pipe nobody reads, which would stall it once full.
    errors = (folder / "stderr.txt").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.sso.provider.serve", str(folder), CALLBACK, AFTER_SIGN_OUT],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("READY "):
            process.kill()
            process.wait(timeout=10)
            raise RuntimeError(
                f"the test provider did not start: {line}{(folder / 'stderr.txt').read_text()}"
            )
        yield Provider(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)
        errors.close()


@pytest.fixture
def sso(settings: Any, oidc_provider: Provider, tmp_path: Path) -> Iterator[Path]:
    """Single sign-on set up against the test provider; the mapping file's path, to rewrite."""
    from openqms.sso import provider

    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(MAPPING))
    settings.OPENQMS_OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OPENQMS_OIDC_PROVIDER_NAME = "Northshire account"
    settings.OPENQMS_OIDC_ROLE_MAPPING = str(mapping)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "openqms.sso.backends.SignOnBackend",
    ]
    provider.forget()
    yield mapping
    provider.forget()


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.fields[str(found["name"])] = found.get("value") or ""


def hidden_fields(html: str) -> dict[str, str]:
    form = _Form()
    form.feed(html)
    return form.fields


def local(url: str) -> str:
    """A testserver address as the path and query the test client asks for."""
    parts = urlsplit(url)
    assert parts.netloc == "testserver", url
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@dataclass
class Journey:
    """One person's sign-in: the browser at the provider, the authorization request OpenQMS made,
    and OpenQMS's answer to the provider's redirect back."""

    browser: requests.Session
    authorization: dict[str, list[str]]
    answer: Any


def sign_in_at_provider(client: Any, username: str, browser: requests.Session | None = None) -> Journey:
    start = client.get("/sign-in/single-sign-on/start/")
    assert start.status_code == 302, start.content
    browser = browser or requests.Session()
    authorization = parse_qs(urlsplit(start["Location"]).query)
    page = browser.get(start["Location"], timeout=10)
    if "/accounts/login/" in page.url:
        fields = hidden_fields(page.text)
        page = browser.post(page.url, data={**fields, "username": username, "password": PASSWORD}, timeout=10)
    assert page.status_code == 200, page.text
    consent = browser.post(
        page.url, data={**hidden_fields(page.text), "allow": "Authorize"}, allow_redirects=False, timeout=10
    )
    assert consent.status_code == 302, consent.text
    return Journey(browser, authorization, client.get(local(consent.headers["Location"])))
