"""The driver diagram drawn as SVG on the server: aim → primary drivers → secondary drivers → change ideas.

Every leaf gets a row; a driver sits level with the middle of its rows; the aim spans them all. Change
ideas show their status in words as well as colour. All text is escaped here.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from openqms.improvement.models import DriverNode, IdeaStatus, NodeKind
from openqms.improvement.tools import printable
from openqms.spc.render.palette import FONT_FAMILY

BOX_W, BOX_H, ROW_H, COL_GAP, PAD = 230, 66, 82, 40, 12
COLUMN = {"aim": 0, NodeKind.PRIMARY: 1, NodeKind.SECONDARY: 2, NodeKind.CHANGE: 3}
HEADINGS = ["Aim", "Primary drivers", "Secondary drivers", "Change ideas"]
FILL = {
    "aim": "#005eb8",
    NodeKind.PRIMARY: "#e8edee",
    NodeKind.SECONDARY: "#f0f4f5",
    IdeaStatus.UNTESTED: "#ffffff",
    IdeaStatus.TESTING: "#fff9c4",
    IdeaStatus.ADOPTED: "#d9f2e3",
    IdeaStatus.ABANDONED: "#f2d9d9",
}
STATUS_WORDS = dict(IdeaStatus.choices)


@dataclass
class Box:
    x: float
    y: float
    lines: list[str]
    fill: str
    text_fill: str
    caption: str = ""


def _x(column: int) -> float:
    return PAD + column * (BOX_W + COL_GAP)


def _lines(text: str, width: int = 30, most: int = 3) -> list[str]:
    lines = textwrap.wrap(printable(text), width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def render(aim: str, roots: list[DriverNode], *, title: str = "Driver diagram") -> str:
    boxes: list[Box] = []
    links: list[tuple[float, float, float, float]] = []
    next_row = [0]

    def place(node: Any) -> tuple[float, float]:
        kids = node.kids
        if kids:
            spots = [place(k) for k in kids]
            y = (spots[0][1] + spots[-1][1]) / 2
        else:
            y = PAD + 30 + next_row[0] * ROW_H
            next_row[0] += 1
            spots = []
        x = _x(COLUMN[node.kind])
        if node.kind == NodeKind.CHANGE:
            fill, caption = FILL[node.status], STATUS_WORDS[node.status]
        else:
            fill, caption = FILL[node.kind], ""
        boxes.append(Box(x, y, _lines(node.text), fill, "#212b32", caption))
        for kx, ky in spots:
            links.append((x + BOX_W, y + BOX_H / 2, kx, ky + BOX_H / 2))
        return x, y

    spots = [place(r) for r in roots]
    rows = max(next_row[0], 1)
    height = PAD * 2 + 30 + rows * ROW_H
    aim_y = (spots[0][1] + spots[-1][1]) / 2 if spots else PAD + 30
    boxes.append(Box(_x(0), aim_y, _lines(aim, 30, 4), FILL["aim"], "#ffffff"))
    for kx, ky in spots:
        links.append((_x(0) + BOX_W, aim_y + BOX_H / 2, kx, ky + BOX_H / 2))
    width = _x(4) - COL_GAP + PAD
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-labelledby="dd-title" class="improvement-diagram" '
        f'font-family="{FONT_FAMILY}">',
        f'<title id="dd-title">{escape(printable(title))}</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for i, heading in enumerate(HEADINGS):
        out.append(
            f'<text x="{_x(i):.0f}" y="{PAD + 12}" font-size="14" font-weight="bold" '
            f'fill="#212b32">{heading}</text>'
        )
    for x1, y1, x2, y2 in links:
        mid = (x1 + x2) / 2
        out.append(
            f'<path d="M{x1:.1f},{y1:.1f} H{mid:.1f} V{y2:.1f} H{x2:.1f}" fill="none" '
            'stroke="#425563" stroke-width="1.5"/>'
        )
    for b in boxes:
        out.append(
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{b.fill}" '
            'stroke="#425563" stroke-width="1"/>'
        )
        lines = [*b.lines, f"[{b.caption}]"] if b.caption else b.lines
        top = b.y + BOX_H / 2 - (len(lines) - 1) * 7.5 + 4
        for n, line in enumerate(lines):
            weight = ' font-style="italic"' if b.caption and n == len(lines) - 1 else ""
            out.append(
                f'<text x="{b.x + 8:.1f}" y="{top + n * 15:.1f}" font-size="12.5" '
                f'fill="{b.text_fill}"{weight}>'
                f"{escape(line)}</text>"
            )
    out.append("</svg>")
    return "\n".join(out)


def render_progress(records: list[tuple[dt.date, float, str]], *, title: str) -> str:
    """The progress score over time as a step chart (records: date, score, stage; oldest first)."""
    width, height, left, right, top, bottom = 640, 220, 44, 16, 16, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = records[0][0], records[-1][0]
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + plot_w * (day - first).days / span if len(records) > 1 else left + plot_w / 2

    def y(score: float) -> float:
        return top + plot_h * (5.0 - score) / 4.5

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="progress-title" font-family="{FONT_FAMILY}">',
        f'<title id="progress-title">{escape(printable(title))}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for mark in (1, 2, 3, 4, 5):
        level = y(mark)
        out.append(
            f'<line x1="{left}" y1="{level:.1f}" x2="{left + plot_w}" y2="{level:.1f}" stroke="#d8dde0"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{level + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#425563">{mark}</text>'
        )
    day0, score0, _ = records[0]
    path = f"M{x(day0):.1f},{y(score0):.1f}"
    for day, score, _stage in records[1:]:
        path += f" H{x(day):.1f} V{y(score):.1f}"
    path += f" H{left + plot_w:.1f}"
    out.append(f'<path d="{path}" fill="none" stroke="#005eb8" stroke-width="2.5"/>')
    for day, score, _stage in records:
        out.append(f'<circle cx="{x(day):.1f}" cy="{y(score):.1f}" r="4" fill="#005eb8"/>')
    for day, anchor in ((first, "start"), (last, "end")):
        out.append(
            f'<text x="{x(day) if len(records) > 1 else left:.1f}" y="{height - 10}" font-size="11" '
            f'text-anchor="{anchor}" fill="#425563">{day.day} {day:%b %Y}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
