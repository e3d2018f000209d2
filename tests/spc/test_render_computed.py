"""Charts drawn from results the engine computed, rather than hand-built ones."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from openqms.spc.render import render_chart, render_sparkline, svg_to_png
from openqms.spc.render.examples import CONCERN, SHIFT, months
from openqms.spc.types import ChartType, Direction, Options, Series

api = pytest.importorskip("openqms.spc.api")

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)


def by_class(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [e for e in root.iter() if css_class in (e.get("class") or "").split()]


def test_a_computed_xmr_chart_with_a_rebase_and_a_target_draws_a_line_per_phase_and_the_target():
    values = tuple(float(v) for v in SHIFT)
    result = api.compute(
        Series(months(dt.date(2022, 1, 1), len(values)), values), Options(target=75.0, rebase_at=(12,))
    )
    root = parse(render_chart(result, title="Computed", annotations=[(dt.date(2023, 1, 1), "Rebase")]))
    assert len(by_class(root, "spc-centre")) == len(result.phases) == 2
    assert by_class(root, "spc-target")
    assert len(by_class(root, "spc-point")) == len(values)


def test_a_computed_concern_renders_the_engines_icons():
    values = tuple(float(v) for v in CONCERN)
    result = api.compute(
        Series(months(dt.date(2022, 1, 1), len(values)), values),
        Options(direction=Direction.INCREASE, target=95.0),
    )
    root = parse(render_chart(result, title="Computed concern"))
    assert len(by_class(root, "spc-icon-variation")) == (result.variation_icon is not None)
    assert len(by_class(root, "spc-icon-assurance")) == (result.assurance_icon is not None)
    assert render_sparkline(result, title="t").startswith("<svg")


def test_a_computed_p_chart_draws_limits_that_step_with_the_denominator():
    denominators = tuple(float(d) for d in (120, 80, 200, 150, 95, 170, 130, 110, 180, 90, 140, 160))
    numerators = tuple(float(round(d * 0.15)) for d in denominators)
    result = api.compute(
        Series(months(dt.date(2023, 1, 1), 12), numerators, denominators), Options(chart=ChartType.P)
    )
    root = parse(render_chart(result, title="Proportion"))
    (upper,) = by_class(root, "spc-limit--upper")
    assert "V" in upper.get("d", "")


def test_a_computed_run_chart_labels_its_centre_line_the_median_and_counts_in_whole_numbers():
    values = tuple(float(v) for v in (5, 3, 3, 3, 7, 7, 3, 4, 6, 5, 7, 5, 4, 8, 3))
    result = api.compute(Series(tuple(range(1, 16)), values), Options(chart=ChartType.RUN))
    svg = render_chart(result, title="Run chart")
    root = parse(svg)
    assert "Median" in "".join(by_class(root, "spc-legend")[0].itertext())
    assert all("." not in (t.text or "") for t in by_class(root, "spc-tick-x"))
    assert svg_to_png(svg, scale=1.0).startswith(b"\x89PNG")
