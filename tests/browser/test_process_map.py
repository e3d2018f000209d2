"""Drawing a process map in the page, on a tablet's width: add a step, drag it, connect it, save,
and find it all again after a reload; then the same moves from the keyboard. axe checks the page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from playwright.sync_api import Page, expect

from openqms.improvement.models import QiTool
from openqms.improvement.services.tools import save_tool
from tests.improvement import helpers as h
from tests.personas import Trust

from .helpers import axe_check, signed_in_as

TABLET = {"width": 768, "height": 1024}
TYPED = (
    "Start: Referral received\nTriage\n? Urgent? | yes -> 4 | no -> 5\nBook within 2 weeks\nEnd: Patient seen"
)


def _place(page: Page, shape_id: str) -> tuple[int, int]:
    transform = page.locator(f'.pm-shape[data-id="{shape_id}"]').get_attribute("transform") or ""
    x, y = re.fullmatch(r"translate\((-?\d+) (-?\d+)\)", transform).groups()  # type: ignore[union-attr]
    return int(x), int(y)


def _map(tool: QiTool) -> dict:
    tool.refresh_from_db()
    return json.loads(tool.data_json)


def test_a_process_map_drawn_on_a_tablet_and_by_keyboard(
    new_page: Callable[..., Page], base_url: str, trust: Trust, screenshot: Callable[[Page, str], None]
) -> None:
    project = h.project(trust)
    tool = save_tool(actor=None, project=project, kind="process_map", title="Referral", source=TYPED)
    page = new_page(viewport=TABLET, has_touch=True)
    signed_in_as(page, base_url, trust.people["mo_member"])
    page.goto(f"{base_url}/improvement/projects/{project.pk}/tools/{tool.pk}/")
    expect(page.get_by_role("heading", name="Draw the map")).to_be_visible()
    expect(page.locator("#pm-figure")).to_be_hidden()  # the editor draws the map instead
    axe_check(page)

    # Add a step and give it its words.
    page.get_by_role("button", name="Add a step").click()
    expect(page.get_by_label("Words")).to_be_focused()
    page.get_by_label("Words").fill("Phone the patient")
    page.get_by_role("button", name="Change the words").click()
    step = page.locator('.pm-shape[data-id="s6"]')
    expect(step).to_have_attribute("aria-label", "6, step: Phone the patient")

    # Drag it to the right with a pointer.
    x, y = _place(page, "s6")
    box = step.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 150, box["y"] + box["height"] / 2 - 40, steps=8)
    page.mouse.up()
    assert _place(page, "s6") == (x + 150, y - 40)

    # Connect it to "Patient seen": choose "connect", then the shape in the drawing.
    page.get_by_label("Label of the flow (optional)").fill("done")
    page.get_by_role("button", name="Connect to a shape in the drawing").click()
    page.locator('.pm-shape[data-id="s5"]').click()
    expect(page.locator("#pm-list")).to_contain_text("done: goes to 5, Patient seen")
    page.get_by_role("button", name="Save the map").click()
    expect(page.locator("#pm-status")).to_have_text("“Referral” saved.")
    saved = _map(tool)
    phone = {"id": "s6", "kind": "step", "text": "Phone the patient", "x": x + 150, "y": y - 40}
    assert phone in saved["shapes"]
    assert {"from": "s6", "to": "s5", "label": "done"} in saved["flows"]

    # After a reload: the place and the flow are there, in the drawing and in the list.
    page.reload()
    assert _place(page, "s6") == (x + 150, y - 40)
    expect(page.locator("#pm-list")).to_contain_text("Phone the patient")
    expect(page.locator("#pm-list")).to_contain_text("done: goes to 5, Patient seen")
    expect(page.get_by_label("The data")).to_have_value(re.compile(r"Phone the patient \| done -> 5"))

    # The keyboard: Tab to a shape, Enter selects it, arrow keys move it, the forms connect and delete.
    triage = page.locator('.pm-shape[data-id="s2"]')
    triage.focus()
    expect(triage).to_be_focused()
    page.keyboard.press("Enter")
    expect(triage).to_have_attribute("aria-pressed", "true")
    before = _place(page, "s2")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowDown")
    assert _place(page, "s2") == (before[0] + 10, before[1] + 50)
    page.get_by_label("Connect to").select_option(label="6, step: Phone the patient")
    page.get_by_role("button", name="Add the flow").click()
    expect(page.locator("#pm-flows")).to_contain_text("Label of the flow to 6, Phone the patient")
    axe_check(page)
    screenshot(page, "improvement-process-map-editor")
    page.get_by_role("button", name="Save the map").click()
    expect(page.locator("#pm-status")).to_have_text("“Referral” saved.")
    saved = _map(tool)
    assert {"from": "s2", "to": "s6", "label": ""} in saved["flows"]
    assert next(s for s in saved["shapes"] if s["id"] == "s2")["x"] == before[0] + 10

    # Deleting a shape takes its flows with it.
    page.locator('.pm-shape[data-id="s6"]').focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Delete the shape").click()
    expect(page.locator("#pm-list")).not_to_contain_text("Phone the patient")
    page.get_by_role("button", name="Save the map").click()
    expect(page.locator("#pm-status")).to_have_text("“Referral” saved.")
    saved = _map(tool)
    assert "s6" not in {s["id"] for s in saved["shapes"]}
    assert not [f for f in saved["flows"] if "s6" in (f["from"], f["to"])]
