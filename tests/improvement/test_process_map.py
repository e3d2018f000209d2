"""Process maps drawn in the page: the service names every problem by its shape or flow and changes
nothing when it refuses; the typed form and the drawing round-trip; maps saved as numbered steps
still open; the export draws the map as placed; only people who may change the project may save."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from openqms.audit.selectors import history_of
from openqms.improvement import process_map, process_map_svg
from openqms.improvement.models import QiTool
from openqms.improvement.services.process_maps import save_map, version_of
from openqms.improvement.services.team import add_member
from openqms.improvement.services.tools import save_tool
from tests.improvement import helpers as h

TYPED = "Start: Referral received\nTriage\n? Urgent? | yes -> 5 | no -> 4\nBook routine appointment -> 6\n" \
    "Book within 2 weeks\nEnd: Patient seen"  # fmt: skip


def _map(**changes: Any) -> dict[str, Any]:
    shapes = [
        {"id": "a", "kind": "start", "text": "Referral received", "x": 200, "y": 60},
        {"id": "b", "kind": "decision", "text": "Urgent?", "x": 200, "y": 220},
        {"id": "c", "kind": "end", "text": "Seen", "x": 600, "y": 220},
    ]
    flows = [{"from": "a", "to": "b", "label": ""}, {"from": "b", "to": "c", "label": "yes"}]
    return {"shapes": shapes, "flows": flows} | changes


def _tool(trust: Any) -> QiTool:
    return save_tool(
        actor=None, project=h.project(trust), kind="process_map", title="Referral", source=TYPED
    )


# --- the service ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m["flows"].append({"from": "a", "to": "zz", "label": ""}),
         "Flow 3 from “Referral received” goes to a shape that is not on the map (“zz”)"),
        (lambda m: m["flows"].append({"from": "nope", "to": "a", "label": ""}),
         "Flow 3 comes from a shape that is not on the map (“nope”)"),
        (lambda m: m["flows"].append({"from": "b", "to": "b", "label": ""}),
         "Flow 3 from “Urgent?” goes back to the same shape: connect it to another shape"),
        (lambda m: m["flows"].append({"from": "a", "to": "b", "label": "again"}),
         "Flow 3 from “Referral received” to “Urgent?” repeats flow 1"),
        (lambda m: m["flows"][1].update(label="yes, straight away today"),
         "Flow 2 from “Urgent?” to “Seen”: keep its label to 20 characters or fewer (it has 24)"),
        (lambda m: m["shapes"][1].update(text="  \t "), "Shape 2 has no words: say what happens there"),
        (lambda m: m["shapes"][1].update(text="x" * 121),
         "Shape 2 (“xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…”) has 121 characters: keep it to 120 or fewer"),
        (lambda m: m["shapes"][1].update(text="Yes | no"), "Shape 2 (“Yes | no”) contains “|”"),
        (lambda m: m["shapes"][2].update(x=8001),
         "Shape 3 (“Seen”) is off the map at (8001, 220): x and y must each be from 0 to 8000"),
        (lambda m: m["shapes"][2].update(y=-5), "Shape 3 (“Seen”) is off the map at (600, -5)"),
        (lambda m: m["shapes"][2].update(y="high"), "Shape 3 (“Seen”) has no position: give x and y"),
        (lambda m: m["shapes"][2].update(kind="cloud"),
         "Shape 3 (“Seen”) is a “cloud”: choose a start, a step, a decision or an end"),
        (lambda m: m["shapes"][2].update(id="a"), "Shape 3 (“Seen”) has the same id (“a”) as shape 1"),
        (lambda m: m["shapes"][2].update(id="no spaces"), "Shape 3 (“Seen”) has no valid id"),
        (lambda m: m["shapes"].extend(
            {"id": f"n{i}", "kind": "step", "text": f"Step {i}", "x": 10, "y": 10} for i in range(38)
        ), "A process map has at most 40 shapes and this one has 41: split it into two maps"),
        (lambda m: m["shapes"].clear(), "Keep at least one shape on the map"),
        (lambda m: m.pop("flows"), "Send the map as a list of shapes and a list of flows"),
    ],
)  # fmt: skip
@pytest.mark.django_db
def test_each_problem_is_named_and_a_refused_save_changes_nothing(trust, change, message):
    tool = _tool(trust)
    before = (tool.source, tool.data_json, history_of(tool.project).count())
    data = _map()
    change(data)
    with pytest.raises(ValidationError) as refused:
        save_map(actor=None, tool=tool, data=data)
    assert any(m.startswith(message) for m in refused.value.messages), refused.value.messages
    tool.refresh_from_db()
    assert (tool.source, tool.data_json, history_of(tool.project).count()) == before


def test_every_problem_is_reported_at_once():
    data = _map()
    data["shapes"][0]["text"] = ""
    data["flows"].append({"from": "c", "to": "c", "label": ""})
    with pytest.raises(process_map.MapError) as refused:
        process_map.check(data)
    assert len(refused.value.problems) == 2


@pytest.mark.django_db
def test_a_saved_map_is_audited_and_its_text_follows_the_drawing(trust):
    tool = _tool(trust)
    save_map(actor=None, tool=tool, data=_map())
    tool.refresh_from_db()
    assert tool.source == "Start: Referral received\n? Urgent? | yes -> 3\nEnd: Seen"
    assert json.loads(tool.data_json) == _map()
    entry = json.loads(history_of(tool.project).first().changes_json)
    assert "Process map “Referral”: steps and flows" in entry
    # Moving a shape is audited as a move, and leaves the text as it was.
    moved = _map()
    moved["shapes"][2]["x"] = 640
    save_map(actor=None, tool=tool, data=moved)
    entry = json.loads(history_of(tool.project).first().changes_json)
    assert entry["Process map “Referral”: layout"] == [None, "moved “Seen”"]
    count = history_of(tool.project).count()
    save_map(actor=None, tool=tool, data=moved)  # the same again: nothing to record
    assert history_of(tool.project).count() == count


@pytest.mark.django_db
def test_a_save_over_someone_elses_newer_save_is_refused(trust):
    tool = _tool(trust)
    opened = version_of(tool)
    save_map(actor=None, tool=QiTool.objects.get(pk=tool.pk), data=_map())
    with pytest.raises(ValidationError) as refused:
        save_map(actor=None, tool=tool, data=_map(flows=[]), version=opened)
    assert refused.value.error_list[0].code == "stale"


@pytest.mark.django_db
def test_retyping_keeps_the_place_of_unchanged_steps_and_only_the_title_keeps_everything(trust):
    tool = _tool(trust)
    drawn = process_map.load(json.loads(tool.data_json))
    drawn["shapes"][1]["x"] = 900  # Triage, moved in the editor
    save_map(actor=None, tool=tool, data=drawn)
    tool.refresh_from_db()
    save_tool(
        actor=None, project=tool.project, kind="process_map", title="Referral to first visit",
        source=tool.source, tool=tool,
    )  # fmt: skip
    assert json.loads(tool.data_json)["shapes"][1]["x"] == 900
    save_tool(
        actor=None, project=tool.project, kind="process_map", title="Referral to first visit",
        source=tool.source.replace("Triage", "Triage by a nurse") + "\nEnd: Discharged",
        tool=tool,
    )  # fmt: skip
    shapes = json.loads(tool.data_json)["shapes"]
    assert (shapes[1]["text"], shapes[1]["x"]) == ("Triage by a nurse", 900)  # same line, same kind
    assert shapes[-1]["text"] == "Discharged"
    assert shapes[-1]["y"] > max(s["y"] for s in shapes[:-1])  # new: below the rest


# --- the typed form, old maps, the drawing ---------------------------------------------------------


def test_typed_maps_are_laid_out_and_their_messages_name_the_line():
    data = process_map.parse_text(TYPED)
    kinds = [s["kind"] for s in data["shapes"]]
    assert kinds == ["start", "step", "decision", "step", "step", "end"]
    assert {"from": "s3", "to": "s5", "label": "yes"} in data["flows"]
    assert {"from": "s4", "to": "s6", "label": ""} in data["flows"]
    assert not [f for f in data["flows"] if f["from"] == "s6"]
    # The decision's two answers sit side by side, a row below it.
    place = {s["id"]: (s["x"], s["y"]) for s in data["shapes"]}
    assert place["s4"][1] == place["s5"][1] > place["s3"][1]
    assert place["s4"][0] != place["s5"][0]
    assert process_map.check(data) == data
    with pytest.raises(process_map.ToolError, match="Line 2: “-> 9” must name a step from 1 to 2"):
        process_map.parse_text("Start\nGo -> 9")
    with pytest.raises(process_map.ToolError, match="Line 1: a decision is a question, then its answers"):
        process_map.parse_text("? Urgent? yes -> 2\nSeen")
    with pytest.raises(process_map.ToolError, match="Line 1: write each answer as “answer -> step number”"):
        process_map.parse_text("? Urgent? | yes\nSeen")


def test_a_map_saved_as_numbered_steps_opens_laid_out():
    old = [
        {"number": 1, "text": "Referral", "decision": False, "flows": [["", 2]]},
        {"number": 2, "text": "Urgent?", "decision": True, "flows": [["yes", 3], ["no", 1]]},
        {"number": 3, "text": "Seen", "decision": False, "flows": []},
    ]
    data = process_map.load(old)
    assert [s["kind"] for s in data["shapes"]] == ["step", "decision", "step"]
    assert {"from": "s2", "to": "s1", "label": "no"} in data["flows"]
    assert process_map.check(data) == data


words = st.text(alphabet="abcdefghij klmnop?!-()", min_size=1, max_size=40).map(lambda t: " ".join(t.split()))


@st.composite
def maps(draw: Any) -> dict[str, Any]:
    n = draw(st.integers(1, 12))
    shapes = [
        {"id": f"s{i + 1}", "kind": draw(st.sampled_from(list(process_map.KINDS))),
         "text": draw(words.filter(lambda t: t and not t.startswith("?"))), "x": 0, "y": 0}
        for i in range(n)
    ]  # fmt: skip
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=20, unique=True))
    flows = [
        {"from": f"s{a + 1}", "to": f"s{b + 1}", "label": draw(st.sampled_from(["", "yes", "no"]))}
        for a, b in pairs
        if a != b
    ]
    return {"shapes": shapes, "flows": flows}


@settings(max_examples=200, deadline=None)
@given(data=maps())
def test_the_text_of_any_drawing_types_back_into_the_same_shapes_and_flows(data):
    again = process_map.parse_text(process_map.as_text(data))
    assert [(s["id"], s["kind"], s["text"]) for s in again["shapes"]] == [
        (s["id"], s["kind"], s["text"]) for s in data["shapes"]
    ]
    assert sorted((f["from"], f["to"], f["label"]) for f in again["flows"]) == sorted(
        (f["from"], f["to"], f["label"]) for f in data["flows"]
    )
    assert process_map.check(again) == again  # laid out inside the limits


def test_the_drawing_is_as_placed_with_a_title_and_a_description():
    svg = process_map_svg.render(_map(), title="Referral <to> visit")
    assert '<title id="tool-title">Referral &lt;to&gt; visit</title>' in svg
    assert '<desc id="tool-desc">A process map of 3 shapes and 2 flows. 1, start: Referral received' in svg
    assert "2, decision: Urgent? (yes: goes to 3)" in svg
    # The canvas starts 40 beyond the shapes: the diamond's left corner (200 - 120) and the top of
    # the start (60 - 28) are at 40 and -8 on it.
    assert 'transform="translate(-40 8)"' in svg
    assert '<polygon points="200,160.0 320.0,220 200,280.0 80.0,220"' in svg
    # The flow from the decision to "Seen" runs from the diamond's right corner to the end's left edge.
    assert re.search(r'<line x1="320.0" y1="220.0" x2="500.0" y2="220.0"[^>]*marker-end', svg)
    assert ">yes</text>" in svg


# --- the pages -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_editor_saves_json_with_the_csrf_token_and_answers_errors_in_json(trust):
    tool = _tool(trust)
    client = Client(enforce_csrf_checks=True)
    client.force_login(trust.people["mo_member"])
    page = client.get(reverse("improvement:tool", args=[tool.project_id, tool.pk])).content.decode()
    assert 'id="pm-editor"' in page
    assert "improvement/process_map.js" in page
    assert "<li><strong>Decision</strong>: Urgent?<ul><li>yes: goes to 5, Book within 2 weeks</li>" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    url = reverse("improvement:process-map-save", args=[tool.project_id, tool.pk])
    body = json.dumps(_map() | {"version": version_of(tool)})
    assert client.post(url, body, content_type="application/json").status_code == 403  # no token
    response = client.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["source"] == "Start: Referral received\n? Urgent? | yes -> 3\nEnd: Seen"
    tool.refresh_from_db()
    assert answer["version"] == version_of(tool)
    bad = _map()
    bad["flows"].append({"from": "a", "to": "a", "label": ""})
    response = client.post(
        url, json.dumps(bad | {"version": answer["version"]}), content_type="application/json",
        headers={"X-CSRFToken": token},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"] == [
        "Flow 3 from “Referral received” goes back to the same shape: connect it to another shape"
    ]
    stale = client.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert stale.status_code == 409
    assert "Someone else saved this map" in stale.json()["errors"][0]
    garbled = client.post(url, "{", content_type="application/json", headers={"X-CSRFToken": token})
    assert garbled.status_code == 400
    # The export draws the map as saved.
    svg = client.get(reverse("improvement:tool-svg", args=[tool.project_id, tool.pk])).content.decode()
    assert "A process map of 3 shapes and 2 flows" in svg


@pytest.mark.django_db
def test_only_people_who_may_change_the_project_see_the_editor_or_save(client, signed_in, trust):
    tool = _tool(trust)
    add_member(
        actor=None, project=tool.project, person=trust.people["sue_service_user"], role="Patient partner"
    )
    sue = signed_in("sue_service_user")
    page = sue.get(reverse("improvement:tool", args=[tool.project_id, tool.pk])).content.decode()
    assert "The map as a list" in page
    assert 'id="pm-editor"' not in page
    url = reverse("improvement:process-map-save", args=[tool.project_id, tool.pk])
    assert sue.post(url, json.dumps(_map()), content_type="application/json").status_code == 404
    tool.refresh_from_db()
    assert "Seen" not in tool.source


@pytest.mark.django_db
def test_only_a_process_map_is_saved_as_a_drawing(signed_in, trust):
    p = h.project(trust)
    pareto = save_tool(actor=None, project=p, kind="pareto", title="Errors", source="Wrong dose, 3")
    client = signed_in("mo_member")
    url = reverse("improvement:process-map-save", args=[p.pk, pareto.pk])
    assert client.post(url, json.dumps(_map()), content_type="application/json").status_code == 404
