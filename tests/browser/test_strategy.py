"""The strategy page in a real browser: a board leader sets the strategy, adds a goal and a priority
with its domains, executive owner and outcome measures; a ward's team reads it and sees on their
unit's page how their work fits. Each page passes axe; the quality-domain and four-questions
administration pages too."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.control import pages_helpers as control
from tests.personas import Trust

from .helpers import axe_check, signed_in_as


def test_a_board_leader_sets_the_strategy_and_a_ward_sees_how_it_fits(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    control.measure(trust.ward_a, name="Inpatient falls")
    page = new_page()
    signed_in_as(page, base_url, trust.people["sam_senior"])
    page.goto(f"{base_url}/planning/strategy/")
    axe_check(page)
    page.get_by_role("link", name="Set the strategy").click()
    page.get_by_label("Title").fill("Quality strategy 2025–2028")
    page.get_by_label("First year").fill("2025")
    page.get_by_label("Last year").fill("2028")
    page.get_by_label("Vision").fill("The safest, kindest care in the county.")
    page.get_by_label("Mission").fill("We care for the people of Northshire.")
    axe_check(page)
    page.get_by_role("button", name="Save the strategy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quality strategy 2025–2028")

    page.get_by_role("link", name="Add a strategic goal").click()
    page.get_by_label("Goal", exact=True).fill("Safe, effective care, every time")
    axe_check(page)
    page.get_by_role("button", name="Save the goal").click()
    page.get_by_role("link", name="Add a priority to this goal").click()
    page.get_by_label("Priority", exact=True).fill("No avoidable harm")
    page.get_by_label("Safe", exact=True).check()
    page.get_by_label("Effective", exact=True).check()
    page.get_by_label("Executive owner").select_option(label="Sam Senior (sam_senior)")
    page.get_by_label("Inpatient falls").check()
    axe_check(page)
    page.get_by_role("button", name="Save the priority").click()
    card = page.locator(".nhsuk-card").filter(has_text="No avoidable harm")
    expect(card).to_contain_text("Safe, Effective")
    expect(card).to_contain_text("Sam Senior")
    expect(card).to_contain_text("Inpatient falls")
    axe_check(page)
    screenshot(page, "strategy")

    # Ward A's team member reads it, and their unit's page says how Ward A's work fits: the
    # priority's outcome measure is reported there.
    reader = new_page()
    signed_in_as(reader, base_url, trust.people["mo_member"])
    reader.goto(f"{base_url}/planning/strategy/")
    expect(reader.get_by_role("link", name="Add a strategic goal")).to_have_count(0)
    expect(reader.locator(".nhsuk-card").filter(has_text="No avoidable harm")).to_be_visible()
    axe_check(reader)
    reader.goto(f"{base_url}/units/{trust.ward_a.pk}/")
    fits = reader.get_by_role("heading", name="How our work fits the strategy")
    expect(fits).to_be_visible()
    expect(reader.get_by_role("main")).to_contain_text("1 outcome measure reported here")
    axe_check(reader)


def test_an_administrator_sets_the_domains_and_the_four_questions(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    signed_in_as(page, base_url, trust.people["ada_admin"])
    page.goto(f"{base_url}/administration/organisations/{trust.org.pk}/domains/")
    axe_check(page)
    page.get_by_label("Preset").select_option(label="Wales Duty of Quality")
    page.get_by_role("button", name="Add the preset's domains").click()
    expect(page.get_by_role("main")).to_contain_text("Culture and valuing people")
    axe_check(page)
    screenshot(page, "quality-domains")
    page.goto(f"{base_url}/administration/organisations/{trust.org.pk}/questions/")
    page.get_by_label("Improvement").fill("What are we testing to make care better?")
    axe_check(page)
    page.get_by_role("button", name="Save the questions").click()
    expect(page.get_by_role("main")).to_contain_text("four questions are saved")
