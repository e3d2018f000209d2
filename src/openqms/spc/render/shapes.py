"""Point markers and stepped lines, shared by the chart and the legend."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from openqms.spc.render.markup import esc, num, tag
from openqms.spc.render.palette import OUTLINE, POINT_STYLES, TEXT
from openqms.spc.types import PointType


def marker(
    point_type: PointType, x: float, y: float, radius: float, tooltip: str = "", css_class: str = "spc-point"
) -> str:
    """One point marker; special causes get their own shape and a dark outline as well as colour."""
    style = POINT_STYLES[point_type]
    size = radius * style.scale
    attrs: dict[str, str | float | None] = {
        "class": f"{css_class} {css_class}--{point_type.value}",
        "fill": style.fill,
        "stroke": OUTLINE if style.outlined else None,
        "stroke-width": 1.25 if style.outlined else None,
    }
    if style.shape == "circle":
        name = "circle"
        geometry: dict[str, str | float | None] = {"cx": x, "cy": y, "r": size}
    else:
        name = "path"
        if style.shape == "diamond":
            d = (
                f"M{num(x)} {num(y - size)}L{num(x + size)} {num(y)}"
                f"L{num(x)} {num(y + size)}L{num(x - size)} {num(y)}Z"
            )
        else:
            # The triangle's centroid sits on the value, so the eye reads the right height.
            tip = -1 if style.shape == "triangle-up" else 1
            top, base, half = y + tip * size * 1.15, y - tip * size * 0.6, size * 1.0
            d = f"M{num(x)} {num(top)}L{num(x + half)} {num(base)}L{num(x - half)} {num(base)}Z"
        geometry = {"d": d}
    content = tag("title", {}, tooltip) if tooltip else None
    return tag(name, {**geometry, **attrs}, content)


def step_path(points: Sequence[tuple[float, float | None]], min_half_width: float) -> str:
    """Path data for a line that holds each value until halfway to the next point.

    Constant values collapse to one horizontal segment; values that change (limits that vary
    with the denominator) step at the midpoints; a None breaks the line.
    """
    commands: list[str] = []
    run: list[tuple[float, float]] = []

    def flush() -> None:
        if not run:
            return
        if len(run) == 1:
            x, y = run[0]
            commands.append(f"M{num(x - min_half_width)} {num(y)}H{num(x + min_half_width)}")
        else:
            parts = [f"M{num(run[0][0])} {num(run[0][1])}"]
            for (x0, y0), (x1, y1) in pairwise(run):
                if num(y0) != num(y1):
                    parts.append(f"H{num((x0 + x1) / 2)}V{num(y1)}")
            parts.append(f"H{num(run[-1][0])}")
            commands.append("".join(parts))
        run.clear()

    for x, y in points:
        if y is None:
            flush()
        else:
            run.append((x, y))
    flush()
    return "".join(commands)


def polyline_path(points: Sequence[tuple[float, float | None]]) -> str:
    """Path data joining points in order, lifting the pen over missing values (gaps)."""
    commands: list[str] = []
    pen_down = False
    for x, y in points:
        if y is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{num(x)} {num(y)}")
        pen_down = True
    return "".join(commands)


def stroke_path(d: str, css_class: str, colour: str, width: float, dash: str | None = None) -> str:
    return tag(
        "path",
        {
            "class": css_class,
            "d": d,
            "fill": "none",
            "stroke": colour,
            "stroke-width": width,
            "stroke-dasharray": dash,
            "stroke-linejoin": "round",
            "stroke-linecap": "butt",
        },
    )


def text_element(
    x: float,
    y: float,
    content: str,
    size: int,
    *,
    anchor: str = "start",
    fill: str = TEXT,
    bold: bool = False,
    css_class: str | None = None,
) -> str:
    return tag(
        "text",
        {
            "class": css_class,
            "x": x,
            "y": y,
            "font-size": size,
            "text-anchor": anchor,
            "font-weight": "bold" if bold else None,
            "fill": fill,
        },
        esc(content),
    )
