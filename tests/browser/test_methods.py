"""A DMAIC project's phases and an A3's sheet in a real browser, each page checked with axe.

Dana sponsors a DMAIC project on Ward A: she records "not yet" without saying why (the form tells
her), then passes the define gate, and the measure phase opens. Mo writes the A3's background in
its place on the sheet, and the sheet prints on its own.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.improvement.models import A3Section, GateReview
from tests.improvement import helpers as h
from tests.personas import Trust

from .helpers import axe_check, signed_in_as


def test_a_sponsor_reviews_the_define_gate_and_the_measure_phase_opens(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    p = h.method_project(trust, "dmaic", title="Fewer cancelled operations")
    page = new_page()
    signed_in_as(page, base_url, trust.people["dana_division"])
    page.goto(f"{base_url}/improvement/projects/{p.pk}/")
    page.get_by_role("link", name="The DMAIC phases and their gates").click()
    expect(page.get_by_role("heading", name="DMAIC phases", exact=True)).to_be_visible()
    axe_check(page)
    page.get_by_label("Not yet").check()
    page.get_by_role("button", name="Record the gate review").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Say what the phase still needs before its gate can pass").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Passed").check()
    page.get_by_label("Note").fill("Charter, scope and team agreed with the surgical leads.")
    page.get_by_role("button", name="Record the gate review").click()
    expect(page.get_by_text("The define gate is passed.")).to_be_visible()
    expect(page.get_by_text("The measure phase is open.")).to_be_visible()
    axe_check(page)
    screenshot(page, "improvement-dmaic")
    assert GateReview.objects.get().phase == "define"


def test_a_team_member_writes_an_a3_section_in_its_place_and_the_sheet_prints(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    p = h.method_project(trust, "a3", title="Hip fracture surgery within 36 hours")
    page = new_page()
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/improvement/projects/{p.pk}/a3/")
    expect(page.get_by_role("heading", name="1. Background")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Change background").click()
    box = page.get_by_label("Background", exact=True)
    expect(box).to_be_visible()
    axe_check(page)
    box.fill("Frail patients wait too long for surgery after a hip fracture.")
    page.get_by_role("button", name="Save background").click()
    expect(page.get_by_text("Background saved.")).to_be_visible()
    expect(page.get_by_text("Frail patients wait too long")).to_be_visible()
    expect(page.get_by_text("Version 1, changed on")).to_be_visible()
    axe_check(page)
    screenshot(page, "improvement-a3")
    page.emulate_media(media="print")
    expect(page.locator(".nhsuk-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Change current state")).to_be_hidden()
    expect(page.get_by_role("heading", name="7. Follow-up")).to_be_visible()
    assert A3Section.objects.get().text.startswith("Frail patients")
