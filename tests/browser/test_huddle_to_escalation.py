"""From a ward's huddle to a resolved escalation, in a real browser, each page checked with axe.

Tess leads Ward A and logs the huddle on a tablet; the escalated issue waits at Elderly Care, whose
team leader (Eli, made here: the test trust has none) passes it to Medicine, where Dana resolves it.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.control.models import Escalation
from tests.control import huddle_helpers as hh
from tests.personas import Trust

from .helpers import axe_check, signed_in_as

TABLET = {"viewport": {"width": 768, "height": 1024}, "has_touch": True}


def test_a_huddle_issue_is_escalated_up_two_tiers_and_resolved(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    eli = hh.elderly_care_leader(trust)

    # Ward A's huddle, on a tablet.
    page = new_page(**TABLET)
    signed_in_as(page, base_url, trust.people["tess_team_leader"])
    page.goto(f"{base_url}/control/units/{trust.ward_a.pk}/huddles/new/")
    expect(page.get_by_role("heading", name="Log a huddle")).to_be_visible()
    page.get_by_role("button", name="Add another issue").click()
    expect(page.get_by_role("group", name="Issue 4")).to_be_visible()
    page.get_by_label("Mo Member").check()
    page.get_by_label("Tess Team-Leader").check()
    first = page.get_by_role("group", name="Issue 1", exact=True)
    first.get_by_label("What is the issue?").fill("No bariatric bed for bay 3")
    first.get_by_label("Escalate to Elderly Care").check()
    screenshot(page, "control-huddle-tablet")
    axe_check(page)
    page.get_by_role("button", name="Save huddle").click()
    expect(page.get_by_text("Huddle recorded. 1 issue escalated to Elderly Care.")).to_be_visible()
    expect(page.get_by_role("link", name="See the escalation")).to_be_visible()
    axe_check(page)

    # Elderly Care sees it waiting, takes it and passes it on to Medicine.
    escalation = Escalation.objects.get()
    page = new_page()
    signed_in_as(page, base_url, eli)
    page.goto(f"{base_url}/control/units/{trust.elderly_care.pk}/escalations/")
    awaiting = page.locator("table").first
    expect(awaiting).to_contain_text("No bariatric bed for bay 3")
    axe_check(page)
    awaiting.get_by_role("link", name="No bariatric bed for bay 3").click()
    page.get_by_role("button", name="Take ownership").click()
    expect(page.get_by_text("Elderly Care's tier updated.")).to_be_visible()
    page.get_by_label("What did Elderly Care do, and why does it go further up?").fill(
        "No bed in the equipment library; needs the division's budget."
    )
    page.get_by_role("button", name="Escalate to Medicine").click()
    expect(page.get_by_text("Escalated to Medicine.")).to_be_visible()
    expect(page.get_by_text("The leaders of Medicine act on this escalation now.")).to_be_visible()
    axe_check(page)

    # Medicine resolves it; the chain shows every tier's part.
    page = new_page()
    signed_in_as(page, base_url, trust.people["dana_division"])
    page.goto(f"{base_url}/control/escalations/{escalation.pk}/")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("Say how the escalation was resolved").first).to_be_visible()
    axe_check(page)
    page.get_by_label("How was it resolved?").fill("Division hired a bariatric bed for three months.")
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("Resolved by Medicine.")).to_be_visible()
    chain = page.locator(".escalation-chain")
    for text in ("Ward A", "Elderly Care", "Eli Elderly", "equipment library", "Medicine"):
        expect(chain).to_contain_text(text)
    screenshot(page, "control:escalation")
    axe_check(page)
