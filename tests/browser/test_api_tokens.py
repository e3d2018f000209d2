"""The API tokens page: create a token (shown once), use it, revoke it."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from playwright.sync_api import Page, expect

from tests.personas import Trust

from .helpers import axe_check, signed_in_as


def test_a_team_member_creates_uses_and_revokes_a_token(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/api/tokens/", timeout=30_000)  # the first page of a run compiles its templates
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    axe_check(page)
    page.get_by_role("button", name="Create a token").click()
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("alert")).to_contain_text("Say what the token is for")
    axe_check(page)
    form = page.get_by_role("main")
    form.get_by_label("Name").fill("Ward A spreadsheet")
    form.get_by_label("Unit", exact=True).select_option(label="Ward A")
    form.get_by_label("Read quality data and send data in").check()
    form.get_by_label("30 days").check()
    screenshot(page, "api-token-new")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your new API token")
    axe_check(page)
    secret = page.get_by_label("Ward A spreadsheet").input_value()
    assert secret.startswith("oqt_")
    api = Client()
    assert api.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200

    page.get_by_role("link", name="Back to your tokens").click()
    row = page.get_by_role("row").filter(has_text="Ward A spreadsheet")
    expect(row).to_contain_text("Live")
    screenshot(page, "api-tokens")
    row.get_by_role("button", name="Revoke Ward A spreadsheet").click()
    expect(page.get_by_role("row").filter(has_text="Ward A spreadsheet")).to_contain_text("Revoked")
    axe_check(page)
    assert api.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
