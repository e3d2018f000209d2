"""Assurance in a real browser, each page checked with axe: an audit on a tablet interrupted mid-way
and resumed with nothing lost, and the compliance pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from openqms.actions.services import tracker as actions
from openqms.assurance.models import Answer, AuditRun
from openqms.assurance.services.audits import complete_audit
from openqms.assurance.services.templates import add_question, create_template, publish_version
from tests.assurance import helpers as h
from tests.personas import Trust

from .helpers import axe_check, signed_in_as

TABLET = {"viewport": {"width": 768, "height": 1024}, "has_touch": True}
# Each answer saves in the background after a short pause; a busy machine may take longer.
SAVE_WAIT = 15_000


@pytest.fixture(autouse=True)
def _patient_expectations() -> Iterator[None]:
    expect.set_options(timeout=SAVE_WAIT)
    yield
    expect.set_options(timeout=5_000)  # Playwright's default, as every other browser test expects


def _patient(page: Page) -> Page:
    """These pages do more per request than most (scores, heat maps, charts): on a busy machine a
    step may take longer than the suite's five seconds."""
    page.set_default_timeout(SAVE_WAIT)
    return page


def _template(trust: Trust):
    hand = h.standard(trust, code="HH-1")
    template = create_template(
        actor=None,
        owner_unit=trust.board,
        code="HH",
        name="Hand hygiene audit",
        sample_size=2,
        pass_threshold=80,
    )
    v = template.versions.get()
    add_question(
        actor=None, version=v, text="Hands cleaned?", answer_type="yes_no", standard=hand, weight=2
    )
    add_question(
        actor=None, version=v, text="Fridge temperature (°C)", answer_type="number", minimum=2, maximum=8
    )
    add_question(actor=None, version=v, text="Anything else", answer_type="text", weight=0)
    publish_version(actor=None, version=v)
    return template


def test_an_audit_closed_mid_way_resumes_with_nothing_lost(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    run = h.run(trust, _template(trust), assignees=[trust.people["mo_member"]])
    page = _patient(new_page(**TABLET))
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/assurance/audits/{run.pk}/")
    axe_check(page)
    page.get_by_role("button", name="Start the audit").click()
    expect(page.get_by_role("heading", name="Record 1 of 2")).to_be_visible()

    hands = page.get_by_role("group", name="1. Hands cleaned?")
    hands.get_by_label("Yes").check()
    expect(hands.get_by_role("status")).to_have_text("Saved", timeout=SAVE_WAIT)
    fridge = page.get_by_role("group", name="2. Fridge temperature (°C)")
    fridge.get_by_role("textbox").fill("warm")
    expect(fridge.get_by_role("status")).to_contain_text("Enter a number, like 12 or 3.5", timeout=SAVE_WAIT)
    fridge.get_by_role("textbox").fill("9.5")
    expect(fridge.get_by_role("status")).to_have_text("Saved", timeout=SAVE_WAIT)
    notes = page.get_by_role("group", name="3. Anything else")
    notes.get_by_role("textbox").fill("Gel empty in bay 2")
    expect(notes.get_by_role("status")).to_have_text("Saved", timeout=SAVE_WAIT)
    screenshot(page, "assurance-audit-record-tablet")
    axe_check(page)
    # The page is closed without pressing any button: the connection is gone.
    page.context.close()

    saved = dict(Answer.objects.filter(run=run).values_list("question__position", "value"))
    assert saved == {1: "yes", 2: "9.5", 3: "Gel empty in bay 2"}

    page = _patient(new_page(**TABLET))
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/assurance/audits/{run.pk}/")
    expect(page.get_by_text("Record 1: 3 of 3 answered")).to_be_visible()
    page.get_by_role("link", name="Carry on with the audit").click()
    expect(page.get_by_role("group", name="1. Hands cleaned?").get_by_label("Yes")).to_be_checked()
    expect(page.get_by_role("group", name="2. Fridge temperature (°C)").get_by_role("textbox")).to_have_value(
        "9.5"
    )
    expect(page.get_by_role("group", name="3. Anything else").get_by_role("textbox")).to_have_value(
        "Gel empty in bay 2"
    )
    page.get_by_role("button", name="Save and go to record 2").click()
    expect(page.get_by_role("heading", name="Record 2 of 2")).to_be_visible()
    page.get_by_role("group", name="1. Hands cleaned?").get_by_label("No", exact=True).check()
    page.get_by_role("group", name="2. Fridge temperature (°C)").get_by_role("textbox").fill("5")
    page.get_by_role("button", name="Save and go back to the audit").click()
    page.get_by_role("button", name="Complete and score the audit").click()
    expect(page.get_by_text("Audit completed and scored.")).to_be_visible()
    # Hands: 1 of 2 (weight 2); fridge: 1 of 2 (weight 1): 3 of 6.
    expect(page.locator("p.nhsuk-lede-text")).to_contain_text("Score 50%: Not passed")
    axe_check(page)
    assert AuditRun.objects.get(pk=run.pk).status == "completed"


def test_the_compliance_pages_are_accessible(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    framework = h.framework(trust)
    hand = h.standard(trust, code="HH-1", requirements=[framework.requirements.get(code="S2")])
    template = h.template(trust, hand)
    for unit, answers in (
        ("ward_a", [["yes", "yes"], ["yes", "no"]]),
        ("ward_b", [["no", "yes"], ["no", "no"]]),
    ):
        run = h.run(trust, template, unit, started=True)
        h.answer_all(run, answers)
        complete_audit(actor=None, run=run)
    h.run(trust, template, "ward_b", due=dt.date.today() - dt.timedelta(days=40))
    action = actions.raise_action(
        actor=None,
        unit=trust.ward_b,
        title="Hand hygiene refresher at handover",
        owner=trust.people["colin_clinician"],
        due_on=dt.date.today() - dt.timedelta(days=3),
        source_label="Hand hygiene audit, Ward B",
    )
    page = _patient(new_page())
    signed_in_as(page, base_url, trust.people["dana_division"])
    page.goto(f"{base_url}/assurance/units/{trust.elderly_care.pk}/")
    heat = page.get_by_role("region", name="Latest audit score for each standard")
    expect(heat.get_by_role("row", name="Ward B")).to_contain_text("Does not meet")
    expect(page.get_by_role("img", name="Compliance with HH-1 Hand hygiene by month")).to_be_visible()
    expect(page.get_by_text("Missed", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Hand hygiene refresher at handover")).to_be_visible()
    screenshot(page, "assurance-home")
    axe_check(page)
    page.goto(f"{base_url}/assurance/frameworks/{framework.pk}/")
    expect(page.get_by_text("1 of 3 requirements are met")).to_be_visible()
    screenshot(page, "assurance:framework")
    axe_check(page)
    page.goto(f"{base_url}/assurance/standards/{hand.pk}/")
    axe_check(page)
    page.goto(f"{base_url}/assurance/templates/{template.pk}/versions/1/")
    axe_check(page)
    page.goto(f"{base_url}/assurance/actions/{action.pk}/")
    expect(page.get_by_text("Overdue")).to_be_visible()
    screenshot(page, "assurance-action")
    axe_check(page)
    page.goto(f"{base_url}/")
    axe_check(page)


def test_an_administrator_loads_a_framework_after_putting_right_every_problem(
    new_page: Callable[..., Page],
    base_url: str,
    trust: Trust,
    tmp_path,
    screenshot: Callable[[Page, str], None],
) -> None:
    bad = tmp_path / "statements.csv"
    bad.write_text(
        h.CSV.replace("S2,Infection", ",Infection").replace(",2026-01-15,Safe,S3", ",15/01/2026,Safe,S3")
    )
    good = tmp_path / "statements-fixed.csv"
    good.write_text(h.CSV)
    page = _patient(new_page())
    signed_in_as(page, base_url, trust.people["ada_admin"])
    page.goto(f"{base_url}/assurance/frameworks/")
    page.get_by_role("link", name="Load a framework").click()
    page.get_by_label("Organisation").select_option(label="Northshire Hospitals")
    page.locator("input[type=file][name=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Check and load").click()
    expect(page.get_by_role("alert")).to_contain_text("The file has 2 problems: nothing was loaded")
    problems = page.get_by_role("table", name="Problems in the file")
    expect(problems).to_contain_text("every requirement needs a code")
    expect(problems).to_contain_text("“15/01/2026” is not a date in the form 2026-04-01")
    screenshot(page, "assurance-framework-upload-problems")
    axe_check(page)
    page.get_by_label("Organisation").select_option(label="Northshire Hospitals")
    page.locator("input[type=file][name=file]").set_input_files(str(good))
    page.get_by_role("button", name="Check and load").click()
    expect(page.get_by_text("Safe Quality Statements version 2026 loaded: 3 requirements.")).to_be_visible()
    axe_check(page)
