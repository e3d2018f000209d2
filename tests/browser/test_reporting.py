"""The integrated quality report in a real browser, checked with axe: a ward's draft with a
concern and its commentary, the cover form, and the same report once published."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.reporting.services.commentary import approve_commentary, request_commentary, write_commentary
from tests.control.factories import measure
from tests.personas import Trust
from tests.reporting import helpers as h

from .helpers import axe_check, signed_in_as


def test_a_ward_leader_reads_sets_the_cover_and_publishes_the_report(
    page: Page, base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    page.set_default_timeout(20_000)
    falls = h.falls(trust)
    measure(trust.ward_a, [90.0, 92, 91, 93, 90, 94, 92, 91, 95, 93, 92, 94], name="Hand hygiene",
            direction="increase", default_target=85.0)  # fmt: skip
    report = h.report(trust)
    tess, mo = trust.people["tess_team_leader"], trust.people["mo_member"]
    asked = request_commentary(actor=tess, report=report, requested_of=mo, measure=falls)
    write_commentary(actor=mo, commentary=asked, text="Two falls were on one night with agency staff.")
    approve_commentary(actor=tess, commentary=asked)

    signed_in_as(page, base_url, tess)
    page.goto(f"{base_url}/reports/{report.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrated quality report: Ward A")
    expect(page.get_by_text("Two falls were on one night with agency staff.")).to_be_visible()
    axe_check(page)
    screenshot(page, "report")

    page.get_by_role("link", name="Edit the cover: purpose, ask and overall assurance").click()
    page.get_by_label("Reasonable assurance").check()
    axe_check(page)
    page.get_by_role("button", name="Save the cover").click()
    page.get_by_role("button", name="Publish and freeze the report").click()
    expect(page.get_by_text("The report is published and frozen as it now reads.")).to_be_visible()
    expect(page.get_by_text("Reasonable assurance").first).to_be_visible()
    axe_check(page)
