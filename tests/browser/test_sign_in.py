"""Signing in and out through the real forms, and the lock-out after repeated failures."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from playwright.sync_api import Page, expect

from tests.personas import Trust

from .helpers import axe_check, sign_in, watch_of


def test_a_team_member_signs_in_and_sees_their_units_and_roles(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    page.goto(f"{base_url}/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenQMS")
    axe_check(page)
    screenshot(page, "sign-in")

    sign_in(page, base_url, "mo_member")

    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My QMS")
    roles = page.get_by_role("table")
    expect(roles.get_by_role("link", name="Ward A")).to_be_visible()
    expect(roles).to_contain_text("Team member")
    expect(page.get_by_role("banner")).to_contain_text("Mo Member")
    axe_check(page)
    screenshot(page, "my-qms")


def test_the_stylesheet_and_the_nhs_scripts_load_and_run(page: Page, base_url: str, trust: Trust) -> None:
    # The watch already fails on a 404; this checks that what loaded is what the pages rely on.
    with page.expect_response(lambda r: r.url.endswith("/static/openqms/openqms.css")) as css:
        page.goto(f"{base_url}/sign-in/")
    assert css.value.status == 200
    assert css.value.header_value("content-type").startswith("text/css")
    # The compiled NHS.UK styles: the header is NHS blue.
    header = page.locator("header.nhsuk-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 94, 184)"
    # The NHS.UK scripts mark each component they start; the password input's "Show" needs them.
    expect(page.locator("[data-nhsuk-password-input-init]")).to_have_count(1)
    page.get_by_role("button", name="Show password").click()
    expect(page.locator("#id_password")).to_have_attribute("type", "text")
    axe_check(page)


def test_a_wrong_password_shows_the_error_summary(page: Page, base_url: str, trust: Trust) -> None:
    sign_in(page, base_url, "mo_member", password="not-the-password")

    expect(page).to_have_title("Error: Sign in – OpenQMS")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    # NHS.UK moves focus to the summary so that a screen reader announces it at once.
    expect(summary).to_be_focused()
    # The username is kept; the password is not.
    expect(page.locator("#id_username")).to_have_value("mo_member")
    expect(page.locator("#id_password")).to_have_value("")
    axe_check(page)

    summary.get_by_role("link").first.click()
    expect(page.locator("#id_username")).to_be_focused()


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(
    page: Page, base_url: str, trust: Trust
) -> None:
    watch_of(page).expect_status(429)
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        sign_in(page, base_url, "tess_team_leader", password="guessing")
        expect(page.locator(".nhsuk-error-summary")).to_be_visible()

    with page.expect_response(lambda r: r.request.method == "POST") as last_failure:
        sign_in(page, base_url, "tess_team_leader", password="guessing")
    assert last_failure.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed attempts to sign in")
    axe_check(page)

    with page.expect_response(lambda r: r.request.method == "POST") as right_password:
        sign_in(page, base_url, "tess_team_leader")
    assert right_password.value.status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed attempts to sign in")
    page.goto(f"{base_url}/")
    expect(page).to_have_url(f"{base_url}/sign-in/?next=/")
    axe_check(page)


def test_signing_out_from_the_header_returns_to_sign_in_and_closes_the_session(
    page: Page, base_url: str, trust: Trust
) -> None:
    sign_in(page, base_url, "mo_member")
    expect(page.get_by_role("heading", level=1)).to_have_text("My QMS")
    axe_check(page)

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(f"{base_url}/sign-in/")
    axe_check(page)
    page.goto(f"{base_url}/units/{trust.ward_a.pk}/")
    expect(page).to_have_url(f"{base_url}/sign-in/?next=/units/{trust.ward_a.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenQMS")
    axe_check(page)
