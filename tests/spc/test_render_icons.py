"""The OpenQMS variation and assurance icons: standalone, titled in words."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from openqms.spc.render import assurance_icon_svg, render_icons, variation_icon_svg
from openqms.spc.render.examples import example_results
from openqms.spc.types import AssuranceIcon, VariationIcon

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)


@pytest.mark.parametrize(
    ("icon", "words"),
    [
        (VariationIcon.COMMON_CAUSE, "Common cause variation: no significant change"),
        (VariationIcon.IMPROVEMENT_HIGH, "Special cause variation: improvement, higher values"),
        (VariationIcon.IMPROVEMENT_LOW, "Special cause variation: improvement, lower values"),
        (VariationIcon.CONCERN_HIGH, "Special cause variation: concern, higher values"),
        (VariationIcon.CONCERN_LOW, "Special cause variation: concern, lower values"),
        (
            VariationIcon.NEUTRAL_HIGH,
            "Special cause variation: neither improvement nor concern, higher values",
        ),
        (VariationIcon.NEUTRAL_LOW, "Special cause variation: neither improvement nor concern, lower values"),
        (None, "Variation: not enough data to judge"),
    ],
)
def test_each_variation_icon_is_titled_with_its_meaning_in_words(icon, words):
    root = parse(variation_icon_svg(icon, 40))
    assert root.findtext("svg:title", namespaces=NS) == words
    assert root.get("role") == "img"
    assert root.get("aria-label") == words


@pytest.mark.parametrize(
    ("icon", "phrase"),
    [
        (AssuranceIcon.CONSISTENT_PASS, "Assurance: the process will consistently meet the target"),
        (AssuranceIcon.CONSISTENT_FAIL, "Assurance: the process will consistently fail the target"),
        (AssuranceIcon.INCONSISTENT, "Assurance: the process will not consistently meet or fail the target"),
        (None, "Assurance: no target"),
    ],
)
def test_each_assurance_icon_is_titled_with_its_meaning_in_words(icon, phrase):
    root = parse(assurance_icon_svg(icon, 24))
    assert (root.findtext("svg:title", namespaces=NS) or "").startswith(phrase)
    assert (root.get("width"), root.get("height")) == ("24", "24")


def test_icons_are_coloured_by_meaning():
    assert "#fab428" in variation_icon_svg(VariationIcon.CONCERN_HIGH)
    assert "#289de0" in variation_icon_svg(VariationIcon.IMPROVEMENT_LOW)
    assert "#361475" in variation_icon_svg(VariationIcon.NEUTRAL_HIGH)
    assert "#7b7d7d" in variation_icon_svg(VariationIcon.COMMON_CAUSE)
    assert "#289de0" in assurance_icon_svg(AssuranceIcon.CONSISTENT_PASS)
    assert "#fab428" in assurance_icon_svg(AssuranceIcon.CONSISTENT_FAIL)


def test_every_icon_looks_different_from_every_other():
    drawings = [variation_icon_svg(i) for i in VariationIcon] + [assurance_icon_svg(i) for i in AssuranceIcon]
    bodies = [svg.split("</title>", 1)[1] for svg in drawings]
    assert len(set(bodies)) == len(bodies)


def test_render_icons_shows_both_icons_of_a_result_with_both_meanings_in_its_title():
    result, _ = example_results()["concern-target"]
    root = parse(render_icons(result, size=32))
    title = root.findtext("svg:title", namespaces=NS) or ""
    assert "concern" in title
    assert "consistently fail the target" in title
    assert root.get("height") == "32"
    assert len(root.findall("svg:svg", NS)) == 2


def test_render_icons_leaves_out_assurance_when_there_is_no_target():
    result, _ = example_results()["stable"]
    assert len(parse(render_icons(result)).findall("svg:svg", NS)) == 1
