"""Local passwords switched off: the sign-in page offers only single sign-on and refuses a password."""

from __future__ import annotations

from typing import Any

import pytest

from openqms.people.models import SecurityEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def sso_only(settings: Any) -> None:
    settings.OPENQMS_OIDC_ISSUER = "https://login.example.nhs.uk/tenant/v2.0"
    settings.OPENQMS_OIDC_PROVIDER_NAME = "Northshire account"
    settings.OPENQMS_LOCAL_PASSWORDS = False
    settings.AUTHENTICATION_BACKENDS = [
        b for b in settings.AUTHENTICATION_BACKENDS if b != "django.contrib.auth.backends.ModelBackend"
    ] + ["openqms.sso.backends.SignOnBackend"]


def test_the_sign_in_page_offers_only_single_sign_on(client: Any, sso_only: None) -> None:
    page = client.get("/sign-in/?next=/control/").content.decode()

    assert "Sign in with Northshire account" in page
    assert 'href="/sign-in/single-sign-on/start/?next=/control/"' in page
    assert 'name="password"' not in page


def test_a_posted_password_is_refused_and_logged(client: Any, trust: Any, sso_only: None) -> None:
    answer = client.post("/sign-in/", {"username": "mo_member", "password": PASSWORD})

    assert answer.status_code == 403
    assert client.get("/").status_code == 302
    event = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.SIGN_IN_FAILED).get()
    assert (event.username, event.detail) == ("mo_member", "password sign-in is switched off")


def test_with_both_the_page_offers_single_sign_on_and_the_password_form(client: Any, settings: Any) -> None:
    settings.OPENQMS_OIDC_ISSUER = "https://login.example.nhs.uk/tenant/v2.0"
    settings.OPENQMS_OIDC_PROVIDER_NAME = "Northshire account"

    page = client.get("/sign-in/").content.decode()

    assert "Sign in with Northshire account" in page
    assert "Or sign in with a username and password" in page
    assert 'name="password"' in page


def test_without_single_sign_on_the_page_is_as_it_was(client: Any) -> None:
    page = client.get("/sign-in/").content.decode()

    assert "Sign in with" not in page
    assert 'name="password"' in page


def test_passwords_cannot_be_switched_off_without_single_sign_on() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "OPENQMS_LOCAL_PASSWORDS": "off", "OPENQMS_OIDC_ISSUER": ""}
    proc = subprocess.run(
        [sys.executable, "-c", "import openqms.settings.test"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert proc.returncode != 0
    assert "OPENQMS_LOCAL_PASSWORDS=off needs single sign-on" in proc.stderr
