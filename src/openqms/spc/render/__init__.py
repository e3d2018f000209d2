"""Charts for SPC results: Making Data Count style SVG charts, sparklines, icons, and PNG export.

Pure like the rest of `openqms.spc`: no Django. Everything draws from a `Result`, so the
renderers do not care how the result was computed. SVG needs only the standard library;
`svg_to_png` also needs CairoSVG.
"""

from openqms.spc.render.chart import render_chart
from openqms.spc.render.icons import assurance_icon_svg, render_icons, variation_icon_svg
from openqms.spc.render.png import svg_to_png
from openqms.spc.render.sparkline import render_sparkline

__all__ = [
    "assurance_icon_svg",
    "render_chart",
    "render_icons",
    "render_sparkline",
    "svg_to_png",
    "variation_icon_svg",
]
