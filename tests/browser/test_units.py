"""Finding one's way through the unit tree: unit pages, breadcrumbs, the switcher, history, scope."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from openqms.organisations import services as organisations
from tests.personas import Trust

from .helpers import axe_check, signed_in_as, watch_of


def _heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def _title_naming(page: Page, unit_name: str) -> Locator:
    """A component page names the unit it opens on in its heading or the caption above it."""
    return page.get_by_role("main").locator("h1, .nhsuk-caption-l").filter(has_text=unit_name).first


def test_a_senior_leader_walks_down_the_tree_and_back_up_by_the_breadcrumbs(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    signed_in_as(page, base_url, trust.people["sam_senior"])
    page.goto(f"{base_url}/")
    axe_check(page)

    page.get_by_role("table").get_by_role("link", name="Northshire Hospitals Board").click()
    expect(_heading(page)).to_have_text("Northshire Hospitals Board")
    axe_check(page)

    sub_units = page.get_by_role("table", name="Units directly below Northshire Hospitals Board")
    expect(sub_units.get_by_role("link")).to_have_text(["Medicine", "Surgery"])
    sub_units.get_by_role("link", name="Medicine").click()
    expect(_heading(page)).to_have_text("Medicine")
    axe_check(page)

    page.get_by_role("link", name="Elderly Care").click()
    expect(_heading(page)).to_have_text("Elderly Care")
    expect(
        page.get_by_role("table", name="Units directly below Elderly Care").get_by_role("link")
    ).to_have_text(["Ward A", "Ward B"])
    people = page.get_by_role("table", name="People with roles on Elderly Care")
    expect(people.get_by_role("row").filter(has_text="Colin Clinician")).to_contain_text(
        "Consultant or senior clinician"
    )
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(crumbs.get_by_role("link")).to_have_text(["Northshire Hospitals Board", "Medicine"])
    axe_check(page)
    screenshot(page, "unit")

    # By keyboard alone: the breadcrumbs come straight after the unit switcher in the tab order.
    page.get_by_role("button", name="Switch", exact=True).focus()
    page.keyboard.press("Tab")
    expect(crumbs.get_by_role("link", name="Northshire Hospitals Board")).to_be_focused()
    page.keyboard.press("Tab")
    expect(crumbs.get_by_role("link", name="Medicine")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/units/{trust.medicine.pk}/")
    expect(_heading(page)).to_have_text("Medicine")
    people = page.get_by_role("table", name="People with roles on Medicine")
    expect(people.get_by_role("row").filter(has_text="Dana Division")).to_contain_text("Senior leader")
    axe_check(page)


def test_the_unit_switcher_works_by_keyboard_and_moves_the_whole_shell(
    page: Page, base_url: str, trust: Trust
) -> None:
    signed_in_as(page, base_url, trust.people["sam_senior"])
    page.goto(f"{base_url}/control/")
    context_bar = page.get_by_role("navigation", name="Unit")
    expect(context_bar).to_contain_text("Working in Northshire Hospitals Board")
    expect(_title_naming(page, "Northshire Hospitals Board")).to_be_visible()
    axe_check(page)

    switcher = page.get_by_label("Switch unit")
    switcher.focus()
    # The options are in tree order, so the unit after the board is its first division.
    page.keyboard.press("ArrowDown")
    expect(switcher).to_have_value(str(trust.medicine.pk))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Switch", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    # The switch returns to the page it was made from, now opening on the new unit.
    expect(page).to_have_url(f"{base_url}/control/")
    expect(context_bar).to_contain_text("Working in Medicine")
    expect(_title_naming(page, "Medicine")).to_be_visible()
    axe_check(page)

    # The choice lasts for the session, on every page.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Assurance").click()
    expect(_heading(page)).to_contain_text("Assurance")
    expect(_title_naming(page, "Medicine")).to_be_visible()
    axe_check(page)


def test_the_history_of_a_unit_shows_its_creation_and_each_change_before_and_after(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    signed_in_as(page, base_url, trust.people["sam_senior"])
    page.goto(f"{base_url}/units/{trust.ward_a.pk}/")
    axe_check(page)
    page.get_by_role("link", name="History of this unit").click()
    expect(_heading(page)).to_have_text("History of Ward A")
    history = page.get_by_role("table", name="Changes, newest first")
    expect(history.get_by_role("row")).to_have_count(2)
    expect(history.get_by_role("row").nth(1)).to_contain_text("Created")
    axe_check(page)

    organisations.update_unit(
        actor=trust.people["ada_admin"],
        unit=trust.ward_a,
        name="Ward A (Acute Frailty)",
        kind="ward",
        code="WA",
    )
    page.reload()

    expect(_heading(page)).to_have_text("History of Ward A (Acute Frailty)")
    newest = history.get_by_role("row").nth(1)
    expect(newest).to_contain_text("Changed")
    expect(newest).to_contain_text("Ada Admin")
    expect(newest.locator("del")).to_have_text("was Ward A")
    expect(newest.locator("ins")).to_have_text("now Ward A (Acute Frailty)")
    expect(history.get_by_role("row")).to_have_count(3)
    # The breadcrumbs lead back to the unit under its new name.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Ward A (Acute Frailty)"
    ).click()
    expect(_heading(page)).to_have_text("Ward A (Acute Frailty)")
    page.go_back()
    axe_check(page)
    screenshot(page, "history")


def test_a_service_user_sees_their_unit_but_not_its_people_nor_units_outside_their_part_of_the_tree(
    page: Page, base_url: str, trust: Trust
) -> None:
    signed_in_as(page, base_url, trust.people["sue_service_user"])
    page.goto(f"{base_url}/")
    expect(page.get_by_role("table")).to_contain_text("Service user")
    axe_check(page)
    page.get_by_role("table").get_by_role("link", name="Ward A").click()
    expect(_heading(page)).to_have_text("Ward A")
    expect(page.get_by_role("heading", name="People and roles")).to_have_count(0)
    expect(page.get_by_role("link", name="History of this unit")).to_have_count(0)
    expect(page.get_by_role("main").get_by_text("Sue Service-User")).to_have_count(0)
    axe_check(page)

    watch_of(page).expect_status(404)
    for outside in (trust.elderly_care, trust.ward_b):
        response = page.goto(f"{base_url}/units/{outside.pk}/")
        assert response is not None
        assert response.status == 404
        expect(_heading(page)).to_have_text("Page not found")
        axe_check(page)
    response = page.goto(f"{base_url}/units/{trust.ward_a.pk}/history/")
    assert response is not None
    assert response.status == 404


def test_a_team_member_gets_page_not_found_for_another_organisations_unit(
    page: Page, base_url: str, trust: Trust
) -> None:
    signed_in_as(page, base_url, trust.people["mo_member"])
    watch_of(page).expect_status(404)
    for outside in (trust.other_team, trust.other_board, trust.theatres):
        response = page.goto(f"{base_url}/units/{outside.pk}/")
        assert response is not None
        assert response.status == 404
        # The same answer as for a unit that does not exist, so nothing leaks about what is there.
        expect(page.get_by_role("main")).not_to_contain_text(outside.name)
        expect(_heading(page)).to_have_text("Page not found")
    axe_check(page)
    # The way back is still there: the header works on the 404 page.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My QMS").click()
    expect(_heading(page)).to_have_text("My QMS")
    axe_check(page)
