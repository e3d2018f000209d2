"""PNG export, for reports and documents that cannot embed SVG."""

from __future__ import annotations

import importlib

from openqms.spc.render.palette import FONT_FAMILY

RASTER_FONT_FAMILY = "Arial, Liberation Sans, Helvetica, sans-serif"


def svg_to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """Rasterise an SVG from this package; the PNG is `scale` times the SVG's width and height.

    Needs CairoSVG (an OpenQMS dependency, but not of the SPC engine itself): it is imported here
    rather than at module level so the engine and the SVG renderers work with numpy alone.
    """
    # By name, because CairoSVG ships no type information for mypy to check against.
    cairosvg = importlib.import_module("cairosvg")

    # CairoSVG uses only the first family of a stack; Frutiger is licensed web font that servers
    # rarely have, so raster output asks for Arial (or its metric twin, Liberation Sans) instead.
    svg = svg.replace(f'font-family="{FONT_FAMILY}"', f'font-family="{RASTER_FONT_FAMILY}"')
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale, unsafe=False)
    if not isinstance(png, bytes):
        raise TypeError("CairoSVG returned no PNG bytes")
    return png
