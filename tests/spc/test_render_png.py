"""PNG export through CairoSVG."""

from __future__ import annotations

import struct

from openqms.spc.render import render_chart, render_sparkline, svg_to_png, variation_icon_svg
from openqms.spc.render.examples import example_results
from openqms.spc.types import VariationIcon

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(png: bytes) -> tuple[int, int]:
    # The IHDR chunk always comes first: length, type, then width and height as big-endian ints.
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_chart_becomes_a_png_scaled_from_the_svg_size():
    result, notes = example_results()["concern-target"]
    png = svg_to_png(render_chart(result, title="t", annotations=notes, width=600, height=300), scale=2.0)
    assert png.startswith(PNG_SIGNATURE)
    assert png_size(png) == (1200, 600)


def test_sparklines_and_icons_become_pngs_too():
    result, _ = example_results()["stable"]
    assert png_size(svg_to_png(render_sparkline(result, title="t"), scale=1.0)) == (120, 32)
    assert png_size(svg_to_png(variation_icon_svg(VariationIcon.CONCERN_HIGH, 40), scale=3.0)) == (120, 120)


def test_hostile_labels_do_not_break_the_png_export():
    result, _ = example_results()["stable"]
    svg = render_chart(result, title="<b>&amp;</b>", annotations=[("2022-03-01", "<script>&")])
    assert svg_to_png(svg).startswith(PNG_SIGNATURE)
