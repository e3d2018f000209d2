"""An improvement project from its charter to two linked PDSA cycles on the measure's chart, in a real
browser, each page checked with axe.

Mo, a team member on Ward A, starts the project (Dana, Medicine's senior leader, sponsors it), builds
the driver diagram in the page (its forms post with HTMX), plans a PDSA cycle, studies it, adapts,
plans the next one linked to it, and sees both on the chart of the project's measure.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.improvement.models import PdsaCycle, Project
from tests.control import pages_helpers as control
from tests.personas import Trust

from .helpers import axe_check, signed_in_as


def _date(page: Page, name: str, day: str, month: str, year: str) -> None:
    page.locator(f"#id_{name}_day").fill(day)
    page.locator(f"#id_{name}_month").fill(month)
    page.locator(f"#id_{name}_year").fill(year)


def _plan(page: Page, title: str, start: str, end: str) -> None:
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Question", exact=True).fill("Will a two-minute huddle happen at every night handover?")
    page.get_by_label("Prediction", exact=True).fill("On 5 of 7 nights")
    page.get_by_label("Who", exact=True).fill("Night nurse in charge")
    page.get_by_label("What", exact=True).fill("A falls huddle naming each high-risk patient")
    page.get_by_label("Where", exact=True).fill("Bay 1")
    _date(page, "starts_on", start, "6", "2023")
    _date(page, "ends_on", end, "6", "2023")
    page.get_by_label("Data to collect").fill("Nights with a huddle; falls")


def test_a_project_with_a_driver_diagram_and_two_linked_pdsa_cycles_on_its_chart(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    measure = control.measure(trust.ward_a)
    control.monthly_values(measure, control.STEADY)
    page = new_page()
    signed_in_as(page, base_url, trust.people["mo_member"])

    # The charter: a mistake first, then the form says exactly what is wrong.
    page.goto(f"{base_url}/improvement/")
    expect(page.get_by_role("heading", name="Improvement projects")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Start a project").click()
    page.get_by_label("Title").fill("Fewer falls at night")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_text("Choose the measure that will show the aim is met").first).to_be_visible()
    axe_check(page)
    page.locator("#id_unit").select_option(label="\u2003\u2003\u2003Ward A")
    page.get_by_label("Problem").fill("Falls happen at night in the bays far from the nurses' station.")
    page.get_by_label("Aim statement").fill("Reduce falls from 10 to 5 a month by December 2024")
    page.locator("#id_aim_measure").select_option(label="Falls – Ward A")
    page.get_by_label("Target").fill("5")
    _date(page, "aim_by", "31", "12", "2024")
    page.locator("#id_quality_domain").select_option(label="Safe")
    page.locator("#id_sponsor").select_option(label="Dana Division")
    page.locator("#id_lead").select_option(label="Mo Member")
    _date(page, "starts_on", "1", "1", "2023")
    _date(page, "ends_on", "31", "12", "2024")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_text("Project “Fewer falls at night” started.")).to_be_visible()
    project = Project.objects.get()

    # The driver diagram, edited in the page.
    page.get_by_role("link", name="Edit the driver diagram").click()
    expect(page.get_by_role("heading", name="Driver diagram")).to_be_visible()
    page.locator("#text-add-aim").fill("Every patient's falls risk is known")
    page.get_by_role("button", name="Add primary driver").click()
    expect(page.get_by_text("Primary driver “Every patient's falls risk is known” added.")).to_be_visible()
    page.locator(".improvement-node summary").first.click()
    page.locator("[id^=kind-add-]").first.select_option("change")
    page.locator("[id^=text-add-]").first.fill("Falls huddle at night handover")
    page.get_by_role("button", name="Add words for the new item").click()
    expect(page.get_by_text("Change idea “Falls huddle at night handover” added.")).to_be_visible()
    expect(page.locator("figure svg")).to_contain_text("Falls huddle at night")
    undo = page.get_by_role("button", name="Undo: Added change idea “Falls huddle at night handover”")
    expect(undo).to_be_visible()
    axe_check(page)
    screenshot(page, "improvement-driver-diagram")

    # Two PDSA cycles, the second linked to the first.
    page.get_by_role("link", name="Falls huddle at night handover").click()
    page.get_by_role("link", name="Plan a PDSA cycle").click()
    _plan(page, "Cycle 1: bay 1 for a week", "1", "7")
    page.get_by_role("button", name="Plan the cycle").click()
    expect(page.get_by_text("PDSA cycle “Cycle 1: bay 1 for a week” planned.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Record the do, study and act").click()
    page.get_by_label("What happened").fill("Held on 4 of 7 nights.")
    page.get_by_label("Adapt").check()
    page.get_by_role("button", name="Save the cycle").click()
    expect(page.get_by_text("Study the results (compare them with the prediction)").first).to_be_visible()
    study = page.get_by_label("Study: compared with the prediction")
    study.fill("4 against a predicted 5; no falls in bay 1.")
    page.get_by_role("button", name="Save the cycle").click()
    page.get_by_role("link", name="Plan the next cycle").click()
    _plan(page, "Cycle 2: the whole ward", "15", "28")
    page.get_by_role("button", name="Plan the cycle").click()
    expect(page.get_by_role("heading", name="The ramp")).to_be_visible()
    chain = page.get_by_role("list", name="Ramp of PDSA cycles")
    expect(chain).to_contain_text("Cycle 1: bay 1 for a week")
    expect(chain).to_contain_text("Cycle 2: the whole ward")
    axe_check(page)
    second = PdsaCycle.objects.get(title="Cycle 2: the whole ward")
    assert second.previous == PdsaCycle.objects.get(title="Cycle 1: bay 1 for a week")

    # Both cycles on the measure's chart on the project page.
    page.goto(f"{base_url}/improvement/projects/{project.pk}/")
    chart = page.locator(".improvement-chart svg").first
    expect(chart).to_contain_text("PDSA: Cycle 1: bay 1 for a week")
    expect(chart).to_contain_text("PDSA: Cycle 2: the whole ward")
    axe_check(page)
    screenshot(page, "improvement:project")
    page.goto(f"{base_url}/improvement/")
    expect(page.get_by_role("link", name="Fewer falls at night")).to_be_visible()
    screenshot(page, "improvement-portfolio")


def test_qi_tools_pages_are_accessible(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    from openqms.improvement.services.tools import save_tool
    from tests.improvement import helpers as h
    from tests.improvement.services.test_tools import FISHBONE, PARETO, PROCESS

    project = h.project(trust)
    made = [
        save_tool(actor=None, project=project, kind=kind, title=title, source=source)
        for kind, title, source in (
            ("fishbone", "Falls at night", FISHBONE),
            ("pareto", "Medication errors", PARETO),
            ("process_map", "Referral to first appointment", PROCESS),
        )
    ]
    page = new_page()
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/improvement/projects/{project.pk}/tools/new/")
    page.get_by_role("radio", name="Pareto chart").check()
    page.get_by_label("Title", exact=True).fill("Where falls happen")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter the data, one item per line").first).to_be_visible()
    axe_check(page)
    for tool, name in zip(
        made, ("improvement-fishbone", "improvement-pareto", "improvement-process-map"), strict=True
    ):
        page.goto(f"{base_url}/improvement/projects/{project.pk}/tools/{tool.pk}/")
        expect(page.get_by_role("heading", name=tool.title)).to_be_visible()
        axe_check(page)
        screenshot(page, name)


def test_every_other_improvement_page_passes_axe(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    from openqms.improvement.services.team import add_member
    from tests.improvement import helpers as h

    project = h.project(trust)
    idea = h.idea(project)
    cycle = h.cycle(idea)
    add_member(
        actor=None, project=project, person=trust.people["sue_service_user"], role="Patient partner"
    )
    page = new_page()
    signed_in_as(page, base_url, trust.people["tess_team_leader"])
    p = f"{base_url}/improvement/projects/{project.pk}"
    for path in (
        f"{p}/edit/",
        f"{p}/team/",
        f"{p}/progress/",
        f"{p}/measures/",
        f"{p}/close/",
        f"{p}/history/",
        f"{p}/ideas/{idea.pk}/",
        f"{p}/cycles/{cycle.pk}/edit/",
        f"{base_url}/improvement/lessons/?q=falls",
        f"{base_url}/",
    ):
        page.goto(path)
        axe_check(page)
    page.goto(f"{p}/close/")
    page.get_by_role("button", name="Close the project").click()
    expect(page.get_by_text("Write what the team learned, so that others can find it").first).to_be_visible()
    axe_check(page)
    page.goto(f"{base_url}/")
    expect(page.get_by_role("heading", name="My improvement projects")).to_be_visible()
    screenshot(page, "improvement-my-qms")
