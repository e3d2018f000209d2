"""Annual quality planning in a real browser, every page checked with axe: a ward's plan drafted,
submitted, returned, submitted again and approved, after which its target is on the measure and its
audit in the schedule; then the framework, the line of sight and the ward's fit with the strategy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.planning.models.plans import QualityPlan
from openqms.planning.selectors.plans import current_year
from tests.assurance import helpers as assurance
from tests.control import pages_helpers as control
from tests.personas import Trust
from tests.planning.helpers import priorities

from .helpers import axe_check, signed_in_as, watch_of

TITLES = ["No avoidable harm", "Care without waiting", "Care that feels personal"]


def _add_priority(page: Page, title: str) -> None:
    page.get_by_role("link", name="Add a priority").click()
    axe_check(page)
    page.locator("#id_priority").select_option(label=title)
    page.get_by_role("button", name="Add the priority").click()
    expect(page.get_by_text(f"“{title}” added to the plan.")).to_be_visible()


def test_a_plan_from_draft_to_approval_carries_itself_out(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    priorities(trust)
    falls = control.measure(trust.ward_a, name="Falls")
    control.monthly_values(falls, control.RISING)
    template = assurance.template(trust)
    year = current_year()
    due = max(dt.date.today() + dt.timedelta(days=40), dt.date(year, 4, 1))
    due = min(due, dt.date(year + 1, 3, 31))

    page = new_page()
    signed_in_as(page, base_url, trust.people["tess_team_leader"])
    page.goto(f"{base_url}/planning/plans/")
    axe_check(page)
    page.get_by_role("link", name="Start a quality plan").click()
    axe_check(page)
    watch_of(page).expect_status(400)
    page.locator("#id_unit").select_option(value=str(trust.ward_a.pk))
    page.locator("#id_year").fill("twenty")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("link", name="Enter the year as 4 numbers, like 2026")).to_be_visible()
    axe_check(page)
    page.locator("#id_year").fill(str(year))
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", name=f"Quality plan {year}/")).to_be_visible()
    axe_check(page)

    for title in TITLES:
        _add_priority(page, title)
    page.get_by_role("link", name="Add a target for No avoidable harm").click()
    axe_check(page)
    page.locator("#id_measure").select_option(label="Falls (falls)")
    page.locator("#id_target").fill("4")
    page.get_by_role("button", name="Add the target").click()
    page.get_by_role("link", name="Add an audit for No avoidable harm").click()
    axe_check(page)
    page.locator("#id_template").select_option(label=template.name)
    page.fill("#id_due_on_day", str(due.day))
    page.fill("#id_due_on_month", str(due.month))
    page.fill("#id_due_on_year", str(due.year))
    page.get_by_role("button", name="Add the audit").click()
    expect(page.get_by_text("Audit added.")).to_be_visible()
    for link in ("Plan improvement work for No avoidable harm", "Change the summary"):
        page.get_by_role("link", name=link).click()
        axe_check(page)
        page.go_back()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("Plan submitted for approval.")).to_be_visible()
    screenshot(page, "quality-plan-submitted")
    plan = QualityPlan.objects.get(unit=trust.ward_a, year=year)

    dana = new_page()
    signed_in_as(dana, base_url, trust.people["dana_division"])
    dana.goto(f"{base_url}/planning/plans/{plan.pk}/")
    axe_check(dana)
    dana.get_by_role("link", name="Return with comments").click()
    axe_check(dana)
    watch_of(dana).expect_status(400)
    dana.get_by_role("button", name="Return the plan").click()
    expect(
        dana.get_by_role("link", name="Say what the team should change before the plan is approved")
    ).to_be_visible()
    dana.locator("#id_text").fill("Say what the falls work needs from the QI team.")
    dana.get_by_role("button", name="Return the plan").click()
    expect(dana.get_by_text("Plan returned to the team with your comments.")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Say what the falls work needs from the QI team.")).to_be_visible()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_text("Plan submitted for approval.")).to_be_visible()

    dana.reload()
    dana.get_by_role("button", name="Approve the plan").click()
    expect(dana.get_by_text("Plan approved: its targets are set")).to_be_visible()
    axe_check(dana)
    screenshot(dana, "quality-plan-approved")
    dana.get_by_role("link", name="Amend the plan").click()
    axe_check(dana)
    dana.goto(f"{base_url}/planning/plans/{plan.pk}/comment/")
    axe_check(dana)

    sam = new_page()
    signed_in_as(sam, base_url, trust.people["sam_senior"])
    sam.goto(f"{base_url}/planning/framework/")
    sam.get_by_role("link", name="Add a measure to the framework").click()
    axe_check(sam)

    # The target is on the measure, and the audit in the ward's schedule.
    page.goto(f"{base_url}/control/measures/{falls.pk}/")
    expect(page.get_by_text("Current target: 4")).to_be_visible()
    page.goto(f"{base_url}/assurance/units/{trust.ward_a.pk}/")
    audits_to_come = page.get_by_role("heading", name="Audits to come").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(audits_to_come).to_contain_text(template.name)

    for path in (
        "/planning/framework/",
        f"/planning/line-of-sight/{plan.priorities.first().priority_id}/",
        f"/planning/units/{trust.ward_a.pk}/strategy/",
    ):
        page.goto(base_url + path)
        axe_check(page)
    screenshot(page, "unit-fit-with-strategy")
