"""The sign-in page with single sign-on: the button, the refusal message, passwords off (axe on each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.personas import Trust

from .helpers import axe_check


@pytest.fixture
def single_sign_on(settings: Any) -> Any:
    # The live server runs in this process, so the settings apply to it. No provider is needed:
    # these pages are drawn before anyone is sent to one.
    settings.OPENQMS_OIDC_ISSUER = "https://login.example.nhs.uk/tenant/v2.0"
    settings.OPENQMS_OIDC_PROVIDER_NAME = "Northshire account"
    return settings


def test_the_sign_in_page_offers_single_sign_on_beside_the_password_form(
    page: Page, base_url: str, trust: Trust, single_sign_on: Any, screenshot: Callable[[Page, str], None]
) -> None:
    page.goto(f"{base_url}/sign-in/?next=/control/")

    button = page.get_by_role("button", name="Sign in with Northshire account")
    expect(button).to_have_attribute("href", "/sign-in/single-sign-on/start/?next=/control/")
    expect(page.get_by_role("heading", name="Or sign in with a username and password")).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    axe_check(page)
    screenshot(page, "sign-in-single-sign-on")


def test_a_refused_answer_comes_back_to_the_sign_in_page_saying_what_to_do(
    page: Page, base_url: str, trust: Trust, single_sign_on: Any
) -> None:
    single_sign_on.OPENQMS_LOCAL_PASSWORDS = False

    page.goto(f"{base_url}/sign-in/single-sign-on/callback/?code=forged&state=unknown")

    expect(page).to_have_url(f"{base_url}/sign-in/")
    expect(page.get_by_role("status")).to_contain_text("Start again from this page")
    expect(page.get_by_label("Password", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Sign in with Northshire account")).to_be_visible()
    axe_check(page)
