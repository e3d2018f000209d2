"""The process map drawn as SVG on the server: shapes, their words wrapped to fit, and the flows
between them with their labels. The map itself (checking, the typed form, layout, words for people
who cannot see the drawing) is in process_map.py.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any
from xml.sax.saxutils import escape

from openqms.improvement.process_map import FILL, KINDS, MARGIN, SIZE, description
from openqms.improvement.tools import BLUE, GREY, INK, PALE, printable
from openqms.spc.render.palette import FONT_FAMILY


def _edge(shape: dict[str, Any], dx: float, dy: float) -> tuple[float, float]:
    """Where a line from the shape's centre in direction (dx, dy) leaves its outline."""
    w, h = SIZE[shape["kind"]][0] / 2, SIZE[shape["kind"]][1] / 2
    if dx == 0 and dy == 0:
        return shape["x"], shape["y"]
    if shape["kind"] == "decision":
        t = 1 / (abs(dx) / w + abs(dy) / h)
    else:
        t = min(w / abs(dx) if dx else math.inf, h / abs(dy) if dy else math.inf)
    return shape["x"] + dx * t, shape["y"] + dy * t


def wrap(text: str, kind: str) -> list[str]:
    _, _, width, most = SIZE[kind]
    lines = textwrap.wrap(text, width, break_long_words=True) or [""]
    if len(lines) > most:
        lines = [*lines[: most - 1], textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder="…")]
    return lines


def _shape(shape: dict[str, Any]) -> list[str]:
    kind, x, y = shape["kind"], shape["x"], shape["y"]
    w, h = SIZE[kind][0], SIZE[kind][1]
    out = [f"<g><title>{escape(KINDS[kind])}: {escape(shape['text'])}</title>"]
    if kind == "decision":
        out.append(
            f'<polygon points="{x},{y - h / 2} {x + w / 2},{y} {x},{y + h / 2} {x - w / 2},{y}" '
            f'fill="{FILL[kind]}" stroke="{GREY}" stroke-width="1.5"/>'
        )
    else:
        rounded = h / 2 if kind in ("start", "end") else 4
        out.append(
            f'<rect x="{x - w / 2}" y="{y - h / 2}" width="{w}" height="{h}" rx="{rounded}" '
            f'fill="{FILL[kind]}" stroke="{GREY}" stroke-width="1.5"/>'
        )
    lines = wrap(shape["text"], kind)
    for i, line in enumerate(lines):
        ty = y + 4.5 - (len(lines) - 1) * 7.5 + i * 15
        attrs = f'x="{x}" y="{ty:.1f}" font-size="13" fill="{INK}" text-anchor="middle"'
        out.append(f"<text {attrs}>{escape(line)}</text>")
    out.append("</g>")
    return out


def _flow(flow: dict[str, Any], by_id: dict[str, dict[str, Any]], both_ways: bool) -> tuple[str, str]:
    a, b = by_id[flow["from"]], by_id[flow["to"]]
    dx, dy = b["x"] - a["x"], b["y"] - a["y"]
    length = math.hypot(dx, dy) or 1
    # Two flows between the same shapes, one each way, are drawn side by side, not on top of each other.
    shift = 8 if both_ways else 0
    ox, oy = -dy / length * shift, dx / length * shift
    x1, y1 = _edge(a, dx, dy)
    x2, y2 = _edge(b, -dx, -dy)
    x1, y1, x2, y2 = x1 + ox, y1 + oy, x2 + ox, y2 + oy
    line = (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{GREY}" '
        'stroke-width="1.5" marker-end="url(#pm-arrow)"/>'
    )
    label = ""
    if flow["label"]:
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        half = len(flow["label"]) * 3.6 + 6
        label = (
            f'<rect x="{mx - half:.1f}" y="{my - 10:.1f}" width="{2 * half:.1f}" height="20" rx="3" '
            f'fill="#ffffff" stroke="{PALE}"/>'
            f'<text x="{mx:.1f}" y="{my + 4.5:.1f}" font-size="12.5" font-weight="bold" fill="{BLUE}" '
            f'text-anchor="middle">{escape(flow["label"])}</text>'
        )
    return line, label


def render(data: dict[str, Any], *, title: str) -> str:
    """The map as placed, on a canvas just big enough for it."""
    shapes = data["shapes"]
    by_id = {s["id"]: s for s in shapes}
    left = min(s["x"] - SIZE[s["kind"]][0] / 2 for s in shapes) - MARGIN
    top = min(s["y"] - SIZE[s["kind"]][1] / 2 for s in shapes) - MARGIN
    width = max(s["x"] + SIZE[s["kind"]][0] / 2 for s in shapes) + MARGIN - left
    height = max(s["y"] + SIZE[s["kind"]][1] / 2 for s in shapes) + MARGIN - top
    pairs = {(f["from"], f["to"]) for f in data["flows"]}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-labelledby="tool-title" aria-describedby="tool-desc" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="tool-title">{escape(printable(title))}</title>',
        f'<desc id="tool-desc">{escape(description(data))}</desc>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        '<defs><marker id="pm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{GREY}"/></marker></defs>',
        f'<g transform="translate({-left:.0f} {-top:.0f})">',
    ]
    drawn = [_flow(f, by_id, (f["to"], f["from"]) in pairs) for f in data["flows"]]
    out += [line for line, _ in drawn]
    for shape in shapes:
        out += _shape(shape)
    out += [label for _, label in drawn if label]  # on top, so that no shape hides a label
    out += ["</g>", "</svg>"]
    return "\n".join(out)
