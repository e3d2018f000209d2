"""A keyboard-only walk of the main journey: sign in, reach a component from the header, and move
through the unit tree, with nothing but Tab, Shift+Tab, typing and Enter. Each step checks that the
element the keyboard reached is the one a sighted mouse user would click, and that it shows focus."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.personas import PASSWORD, Trust

from .helpers import axe_check

MOST_TABS = 60  # more than any page's header, switcher and content before its main links


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the focus; fail if the keyboard cannot reach it."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            outline = target.evaluate("e => getComputedStyle(e).outlineStyle + getComputedStyle(e).boxShadow")
            assert outline not in ("nonenone", "none"), "the focused element shows no focus"
            return
    raise AssertionError(f"{MOST_TABS} presses of Tab never reached {target}")


def test_the_main_journey_by_keyboard_alone(page: Page, base_url: str, trust: Trust) -> None:
    page.goto(f"{base_url}/sign-in/")
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type("sam_senior")
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("My QMS")
    axe_check(page)

    header = page.get_by_role("navigation", name="Menu")
    tab_to(page, header.get_by_role("link", name="Assurance"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/assurance/")
    axe_check(page)

    page.goto(f"{base_url}/")
    tab_to(page, page.get_by_role("table").get_by_role("link", name="Northshire Hospitals Board"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Northshire Hospitals Board")
    tab_to(
        page,
        page.get_by_role("table", name="Units directly below Northshire Hospitals Board").get_by_role(
            "link", name="Medicine"
        ),
    )
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Medicine")
    axe_check(page)
