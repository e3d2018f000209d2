"""The shell on a ward tablet and on a phone: everything reachable by touch, nothing wider than the screen."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import FloatRect, Locator, Page, expect

from tests.personas import Trust

from .helpers import axe_check, signed_in_as

IPAD = {
    "viewport": {"width": 768, "height": 1024},
    "has_touch": True,
    "is_mobile": True,
    "device_scale_factor": 2,
}
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
NAVIGATION = ["My QMS", "Planning", "Control", "Assurance", "Improvement", "Reports"]


def _nav_link(page: Page, name: str) -> Locator:
    """The header's link, opening the "More" menu first when it has been folded into it."""
    navigation = page.get_by_role("navigation", name="Menu")
    link = navigation.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        more = navigation.get_by_role("button", name="More")
        expect(more).to_be_visible()
        if more.get_attribute("aria-expanded") != "true":
            more.tap()
        expect(more).to_have_attribute("aria-expanded", "true")
    expect(link).to_be_visible()
    return link


def _middle(box: FloatRect) -> float:
    return box["y"] + box["height"] / 2


def _widths(page: Page) -> dict[str, int]:
    return page.evaluate(  # type: ignore[no-any-return]
        "() => ({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth})"
    )


def test_on_a_tablet_the_navigation_and_the_unit_switcher_work_by_touch(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    page = new_page(**IPAD)
    signed_in_as(page, base_url, trust.people["sam_senior"])
    page.goto(f"{base_url}/")
    axe_check(page)

    for name in NAVIGATION:
        link = _nav_link(page, name)
        box = link.bounding_box()
        assert box is not None
        # WCAG 2.2's minimum target size (2.5.8): a tap must land on the link meant.
        assert box["height"] >= 24, f"{name} is {box['height']}px tall"
        page.keyboard.press("Escape")

    _nav_link(page, "Reports").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    axe_check(page)

    page.goto(f"{base_url}/units/{trust.elderly_care.pk}/")
    switcher = page.get_by_label("Switch unit")
    switch = page.get_by_role("button", name="Switch", exact=True)
    expect(switcher).to_be_in_viewport()
    expect(switch).to_be_in_viewport()
    # The select and its button read as one control: side by side, centred on the same line.
    select_box, button_box = switcher.bounding_box(), switch.bounding_box()
    assert select_box is not None
    assert button_box is not None
    gap = button_box["x"] - (select_box["x"] + select_box["width"])
    assert 0 <= gap <= 16, f"the Switch button is {gap}px from the select"
    assert abs(_middle(select_box) - _middle(button_box)) <= 2
    axe_check(page)
    # The picture shows the focus style too: NHS.UK's yellow and black, visible on the grey bar.
    switcher.focus()
    screenshot(page, "tablet-unit")

    switcher.select_option(str(trust.ward_b.pk))
    switch.tap()
    expect(page.get_by_role("navigation", name="Unit")).to_contain_text("Working in Ward B")
    expect(page.get_by_role("heading", level=1)).to_have_text("Elderly Care")
    axe_check(page)
    widths = _widths(page)
    assert widths["scroll"] <= widths["client"], f"The tablet page scrolls sideways: {widths}"


def test_on_a_phone_no_page_scrolls_sideways(
    new_page: Callable[..., Page], base_url: str, trust: Trust
) -> None:
    page = new_page(**PHONE)
    signed_in_as(page, base_url, trust.people["sam_senior"])
    too_wide = []
    for path in (
        "/",
        f"/units/{trust.board.pk}/",
        f"/units/{trust.elderly_care.pk}/",
        f"/units/{trust.elderly_care.pk}/history/",
        "/control/",
    ):
        page.goto(base_url + path)
        widths = _widths(page)
        if widths["scroll"] > widths["client"]:
            too_wide.append(f"{path}: {widths}")
        axe_check(page)
    assert not too_wide, "Pages wider than a phone:\n" + "\n".join(too_wide)

    # At this width NHS.UK folds most of the navigation into "More"; all of it must still be there.
    expect(page.get_by_role("navigation", name="Menu").get_by_role("button", name="More")).to_be_visible()
    for name in NAVIGATION:
        _nav_link(page, name)
        page.keyboard.press("Escape")
    _nav_link(page, "Improvement").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Improvement projects")
    axe_check(page)
