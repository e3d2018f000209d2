"""QI tools: every typing mistake is named by its line; the drawings escape their text; the pages save,
upload a CSV and export SVG and PNG."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from openqms.improvement import process_map, process_map_svg, tools
from openqms.improvement.models import QiTool
from openqms.improvement.services.tools import save_tool
from tests.improvement import helpers as h

FISHBONE = (
    "Staff: new to the ward; agency nurses at night\nEnvironment: bays far from the station; poor lighting\n"
)
PARETO = "Wrong dose, 12\nOmitted dose, 30\nWrong time, 7\nOmitted dose, 3\n"
PROCESS = (
    "Referral received\nTriage\n? Urgent? | yes -> 5 | no -> 4\n"
    "Book routine appointment -> 6\nBook within 2 weeks\nPatient seen\n"
)


def test_fishbone_parsing_and_its_messages():
    assert tools.parse_fishbone(FISHBONE)[1] == {
        "name": "Environment",
        "causes": ["bays far from the station", "poor lighting"],
    }
    with pytest.raises(tools.ToolError, match="Line 2: write the category, a colon"):
        tools.parse_fishbone("Staff: tired\nno colon here")
    with pytest.raises(tools.ToolError, match="Line 1: give “Staff” at least one cause"):
        tools.parse_fishbone("Staff:  ;")
    with pytest.raises(tools.ToolError, match="Enter at least one line"):
        tools.parse_fishbone("  \n ")


def test_pareto_sorts_adds_up_repeats_and_names_bad_lines():
    assert tools.parse_pareto("Category,Count\n" + PARETO) == [
        ("Omitted dose", 33),
        ("Wrong dose", 12),
        ("Wrong time", 7),
    ]
    with pytest.raises(tools.ToolError, match="Line 2: the count must be a whole number, like 12"):
        tools.parse_pareto("Wrong dose, 12\nOmitted, many")
    with pytest.raises(tools.ToolError, match="Line 1: write a category, a comma, then its count"):
        tools.parse_pareto("Wrong dose 12")
    with pytest.raises(tools.ToolError, match="add up to 0"):
        tools.parse_pareto("A, 0\nB, 0")


def test_the_drawings_escape_their_text():
    svg = tools.render_fishbone("<b>Falls</b>", tools.parse_fishbone("A&B: <script>x</script>"), title="F")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    pareto = tools.render_pareto(tools.parse_pareto(PARETO), title="Medication errors")
    assert "Cumulative % (line)" in pareto
    assert pareto.count("<rect x=") == 3  # three bars
    process = process_map_svg.render(process_map.parse_text(PROCESS), title="Referral")
    assert "<polygon" in process
    assert "Book within 2 weeks" in process


@pytest.mark.django_db
def test_tools_from_the_pages_with_a_csv_upload_and_downloads(client, signed_in, trust):
    p = h.project(trust)
    client = signed_in("mo_member")
    url = reverse("improvement:tool-new", args=[p.pk])
    response = client.post(url, {"kind": "fishbone", "title": "Falls at night", "source": "no colon"})
    assert "Line 1: write the category, a colon" in response.content.decode()
    response = client.post(url, {"kind": "fishbone", "title": "", "source": ""})
    text = response.content.decode()
    assert "Enter a title" in text
    assert "Enter the data, one item per line" in text
    assert (
        client.post(url, {"kind": "fishbone", "title": "Falls at night", "source": FISHBONE}).status_code
        == 302
    )
    upload = SimpleUploadedFile("errors.csv", ("category,count\n" + PARETO).encode(), content_type="text/csv")
    response = client.post(url, {"kind": "pareto", "title": "Medication errors", "upload": upload})
    assert response.status_code == 302
    pareto = QiTool.objects.get(kind="pareto")
    assert "Omitted dose" in pareto.source
    bad = SimpleUploadedFile("bad.csv", b"Wrong dose, lots\n", content_type="text/csv")
    response = client.post(
        reverse("improvement:tool", args=[p.pk, pareto.pk]), {"title": "Medication errors", "upload": bad}
    )
    assert "Line 1: the count must be a whole number, like 12" in response.content.decode()
    page = client.get(reverse("improvement:tool", args=[p.pk, pareto.pk])).content.decode()
    assert "Cumulative %" in page
    assert (
        client.get(reverse("improvement:tool-svg", args=[p.pk, pareto.pk]))["Content-Type"] == "image/svg+xml"
    )
    assert client.get(reverse("improvement:tool-png", args=[p.pk, pareto.pk])).content[:4] == b"\x89PNG"
    assert "Medication errors" in client.get(reverse("improvement:project", args=[p.pk])).content.decode()


@pytest.mark.django_db
def test_saving_a_tool_is_audited_against_the_project(trust):
    p = h.project(trust)
    tool = save_tool(actor=None, project=p, kind="process_map", title="Referral", source=PROCESS)
    save_tool(
        actor=None, project=p, kind="process_map", title="Referral to first visit", source=PROCESS, tool=tool
    )
    from openqms.audit.selectors import history_of

    assert history_of(p).filter(changes_json__contains="Process map").count() == 2


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_is_drawn_or_refused_with_a_message_never_a_crash(text):
    refusals: list[str] = []
    for parse, render in (
        (tools.parse_fishbone, lambda d: tools.render_fishbone("Effect", d, title="T")),
        (tools.parse_pareto, lambda d: tools.render_pareto(d, title="T")),
        (process_map.parse_text, lambda d: process_map_svg.render(d, title="T")),
    ):
        try:
            data = parse(text)
        except tools.ToolError as exc:
            refusals.append(str(exc))
            continue
        svg = render(data)
        assert svg.startswith("<svg")
        assert "<script" not in svg
        assert not tools.CONTROL.search(svg)
    assert all(refusals)
