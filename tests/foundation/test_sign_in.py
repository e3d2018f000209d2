from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.personas import PASSWORD


def test_a_person_signs_in_with_the_right_password_and_lands_on_my_qms(client, trust):
    response = client.post(reverse("login"), {"username": "mo_member", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("my-qms")
    assert "Ward A" in client.get(reverse("my-qms")).content.decode()


def test_a_wrong_password_says_so_without_saying_which_part_was_wrong(client, trust):
    response = client.post(reverse("login"), {"username": "mo_member", "password": "not-the-password"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct username and password" in body


def test_empty_fields_are_named(client, trust):
    body = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in body
    assert "Enter your password" in body


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, trust, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "mo_member", "password": "wrong-password-123"})
    response = client.post(reverse("login"), {"username": "mo_member", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_pages_need_signing_in(client, trust):
    response = client.get(reverse("unit", args=[trust.ward_a.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_signing_out_needs_a_post_and_ends_the_session(client, trust):
    client.force_login(trust.people["mo_member"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("my-qms")).status_code == 302


def test_sign_out_from_another_site_is_refused(client, trust):
    client.force_login(trust.people["mo_member"])
    response = client.post(reverse("logout"), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert client.get(reverse("my-qms")).status_code == 200


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short-Pw1", "too short"), ("password1234", "too common"), ("123456789012345", "entirely numeric")],
)
def test_weak_passwords_are_refused(password, problem):
    with pytest.raises(ValidationError, match=problem):
        validate_password(password)


def test_the_production_settings_pass_djangos_deployment_checks(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "openqms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "qms.example.nhs.uk",
        "OPENQMS_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "openqms.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "openqms.settings.production", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-m", "openqms.cli", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr
