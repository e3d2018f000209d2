"""The board sparkline."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from openqms.spc.render import render_sparkline
from openqms.spc.render.examples import example_results, xmr_result
from openqms.spc.types import ChartType, Options, Result

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)


def by_class(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter() if css_class in (e.get("class") or "").split()]


def test_the_sparkline_is_an_image_with_a_title_naming_the_latest_value():
    result, _ = example_results()["concern-target"]
    root = parse(render_sparkline(result, title="A&E 4 hour <waits>"))
    assert root.get("role") == "img"
    title = root.findtext("svg:title", namespaces=NS) or ""
    assert title.startswith("A&E 4 hour <waits>: latest value 78")
    assert "special cause concern" in title
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("120", "32", "0 0 120 32")


def test_the_last_point_is_emphasised_in_its_point_type_colour():
    result, _ = example_results()["concern-target"]
    (last,) = by_class(parse(render_sparkline(result, title="t")), "spc-point")
    assert last.get("fill") == "#fab428"


def test_the_band_shows_the_latest_phase_limits_only():
    result, _ = example_results()["shift-rebase"]
    root = parse(render_sparkline(result, title="t", width=200, height=40))
    (band,) = by_class(root, "spc-spark-band")
    assert float(band.get("x", 0)) > 50  # starts at the rebase, not at the first point


def test_gaps_in_the_data_show_as_gaps_in_the_sparkline():
    root = parse(render_sparkline(xmr_result([1, 2, None, 3, 4]), title="t"))
    (line,) = by_class(root, "spc-spark-line")
    assert line.get("d", "").count("M") == 2


def test_an_empty_result_gives_a_valid_sparkline():
    root = parse(render_sparkline(Result(ChartType.XMR, Options(), (), (), None, None), title="Nothing yet"))
    assert root.findtext("svg:title", namespaces=NS) == "Nothing yet"


def test_the_sparkline_is_deterministic():
    result, _ = example_results()["stable"]
    assert render_sparkline(result, title="t") == render_sparkline(result, title="t")


def test_a_flat_line_of_huge_values_is_drawn_rather_than_dividing_by_zero():
    # 1e300 + 1 is 1e300: widening a flat line by one left no height to scale into.
    root = parse(render_sparkline(xmr_result([1e300, 1e300, 1e300]), title="t"))
    assert by_class(root, "spc-point")
