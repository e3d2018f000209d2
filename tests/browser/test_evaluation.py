"""QMS balance and the maturity self-assessment in a browser: a team leader rates a statement and
completes the year, with axe on every page."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.evaluation import framework as frameworks
from openqms.evaluation.services.assessments import rate_statement
from tests.evaluation import helpers
from tests.personas import Trust

from .helpers import axe_check, signed_in_as, watch_of


def test_a_team_leader_reads_the_balance_and_rates_the_units_qms(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    helpers.quality_year(trust)
    found = helpers.assessment(trust)
    framework = frameworks.current()
    for s in framework.statements[1:]:
        rate_statement(
            actor=None, assessment=found, framework=framework, statement_code=s.code, level=3, evidence="Yes."
        )
    signed_in_as(page, base_url, trust.people["tess_team_leader"])

    page.goto(f"{base_url}/units/{trust.ward_a.pk}/")
    expect(page.get_by_role("heading", name="QMS balance and maturity")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="QMS balance of Ward A, compared with other units").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("QMS balance")
    expect(
        page.get_by_role("img", name="QMS balance of Ward A: activity in each component by month")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Ward A beside its sibling units")).to_be_visible()
    axe_check(page)
    screenshot(page, "evaluation-balance")

    page.goto(f"{base_url}/evaluation/units/{trust.ward_a.pk}/maturity/")
    expect(page.get_by_role("heading", level=1)).to_have_text("QMS maturity self-assessment")
    axe_check(page)
    page.get_by_role("link", name="2025").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("QMS self-assessment 2025")
    axe_check(page)

    # The one statement left: first without evidence, then properly.
    page.locator("#statement-PL1").get_by_role("link", name="Rate this statement").click()
    expect(page.get_by_text("What OpenQMS holds")).to_be_visible()
    page.get_by_label("2. Ad hoc", exact=False).check()
    watch_of(page).expect_status(400)
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the evidence for this rating")
    axe_check(page)
    page.get_by_label("Evidence").fill(
        "Priorities are set at the board; the ward has no plan of its own yet."
    )
    page.get_by_role("button", name="Save the rating").click()
    expect(page.get_by_role("status")).to_contain_text("PL1 rated.")
    page.get_by_role("button", name="Complete the self-assessment").click()
    expect(page.get_by_role("status")).to_contain_text("Self-assessment for 2025 completed")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Completed")
    axe_check(page)
    screenshot(page, "evaluation-assessment")
