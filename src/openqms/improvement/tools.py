"""QI tools: cause-and-effect (fishbone) diagrams and Pareto charts (process maps, which are drawn as
well as typed, are in process_map.py).

Each tool is typed as plain text, one item per line, so it can be written and corrected without
JavaScript and every mistake is reported by its line. `parse_*` turns the text into data (or raises
ToolError with the line's problem); `render_*` draws the data as SVG, escaping every text. The text
formats are shown on the form:

- fishbone: "Category: cause; cause; cause", one category per line;
- Pareto: "category, count", one per line (or a CSV file of the same two columns).
"""

from __future__ import annotations

import csv
import io
import math
import re
import textwrap
from typing import Any
from xml.sax.saxutils import escape

from openqms.spc.render.palette import FONT_FAMILY

INK, BLUE, GREY, PALE = "#212b32", "#005eb8", "#425563", "#e8edee"
MAX_LINES = 200


class ToolError(ValueError):
    """What is wrong with the typed text, naming the line."""


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Without the control characters that XML (and so SVG) cannot hold."""
    return CONTROL.sub("", text)


def _lines(text: str) -> list[tuple[int, str]]:
    found = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not found:
        raise ToolError("Enter at least one line")
    if len(found) > MAX_LINES:
        raise ToolError(f"Enter {MAX_LINES} lines or fewer")
    return found


def _svg_open(width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'height="{height:.0f}" role="img" aria-labelledby="tool-title" font-family="{FONT_FAMILY}">',
        f'<title id="tool-title">{escape(printable(title))}</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]


def _text(x: float, y: float, text: str, size: float = 12.5, anchor: str = "start", **attrs: str) -> str:
    fill = attrs.pop("fill", INK)
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>{escape(printable(text))}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{GREY}"{extra}/>'


# --- fishbone --------------------------------------------------------------------------------------


def parse_fishbone(text: str) -> list[dict[str, Any]]:
    text = printable(text)
    categories: list[dict[str, Any]] = []
    for n, line in _lines(text):
        name, colon, rest = line.partition(":")
        if not colon or not name.strip():
            raise ToolError(
                f"Line {n}: write the category, a colon, then its causes, "
                "like “Staff: tired; new to the ward”"
            )
        causes = [c.strip() for c in rest.split(";") if c.strip()]
        if not causes:
            raise ToolError(f"Line {n}: give “{name.strip()}” at least one cause after the colon")
        if any(len(c) > 120 for c in causes) or len(name.strip()) > 60:
            raise ToolError(f"Line {n}: keep each category under 60 characters and each cause under 120")
        categories.append({"name": name.strip(), "causes": causes})
    if len(categories) > 8:
        raise ToolError("A fishbone has at most 8 categories: group some causes together")
    return categories


def render_fishbone(effect: str, categories: list[dict[str, Any]], *, title: str) -> str:
    per_side = math.ceil(len(categories) / 2)
    most = max((len(c["causes"]) for c in categories), default=1)
    bone_h = 40 + most * 18
    width, spine_y = 980, 40 + bone_h
    height = spine_y + bone_h + 40
    head_x = width - 200
    out = _svg_open(width, height, title)
    out.append(
        f'<line x1="20" y1="{spine_y}" x2="{head_x}" y2="{spine_y}" stroke="{GREY}" stroke-width="3"/>'
    )
    out.append(f'<rect x="{head_x}" y="{spine_y - 40}" width="180" height="80" rx="4" fill="{BLUE}"/>')
    for i, line in enumerate(textwrap.wrap(effect, 24)[:4]):
        out.append(_text(head_x + 10, spine_y - 18 + i * 15, line, 12.5, fill="#ffffff"))
    step = (head_x - 60) / (per_side + 0.5)
    for index, category in enumerate(categories):
        top = index % 2 == 0
        slot = index // 2
        x_end = 60 + step * (slot + 1)
        x_start = x_end - bone_h * 0.6
        y_start = spine_y - bone_h if top else spine_y + bone_h
        out.append(_line(x_start, y_start, x_end, spine_y, stroke_width="2"))
        label_y = y_start - 8 if top else y_start + 18
        out.append(_text(x_start, label_y, category["name"], 13.5, "middle", font_weight="bold"))
        for k, cause in enumerate(category["causes"]):
            frac = (k + 1) / (len(category["causes"]) + 1)
            cx = x_start + (x_end - x_start) * frac
            cy = y_start + (spine_y - y_start) * frac
            out.append(
                f'<line x1="{cx - 12:.1f}" y1="{cy:.1f}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="{GREY}"/>'
            )
            out.append(_text(cx - 14, cy + 4, textwrap.shorten(cause, 34, placeholder="…"), 11.5, "end"))
    out.append("</svg>")
    return "\n".join(out)


# --- Pareto ----------------------------------------------------------------------------------------


def _count(raw: str, n: int) -> int:
    if not re.fullmatch(r"\d{1,9}", raw.strip()):
        raise ToolError(f"Line {n}: the count must be a whole number, like 12")
    return int(raw)


def parse_pareto(text: str) -> list[tuple[str, int]]:
    text = printable(text)
    counts: dict[str, int] = {}
    try:
        rows = list(csv.reader(io.StringIO("\n".join(text.splitlines()))))
    except csv.Error as exc:
        raise ToolError(f"The data could not be read as comma-separated lines: {exc}") from exc
    seen = 0
    for n, row in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        seen += 1
        if len(row) != 2:
            raise ToolError(f"Line {n}: write a category, a comma, then its count, like “Wrong dose, 12”")
        category, raw = row[0].strip(), row[1].strip()
        if (
            n == 1
            and not re.fullmatch(r"\d+", raw)
            and raw.lower() in ("count", "counts", "number", "n", "frequency")
        ):
            continue  # a CSV heading
        if not category:
            raise ToolError(f"Line {n}: the category is missing")
        counts[category] = counts.get(category, 0) + _count(raw, n)
    if not seen or not counts:
        raise ToolError("Enter at least one category and its count")
    if len(counts) > 40:
        raise ToolError("A Pareto chart has at most 40 categories: group the smallest as “Other”")
    if sum(counts.values()) == 0:
        raise ToolError("The counts add up to 0: there is nothing to chart")
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def pareto_from_csv(upload: bytes) -> str:
    try:
        text = upload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ToolError("The file must be a CSV file saved as UTF-8 text") from exc
    return text


def render_pareto(counts: list[tuple[str, int]], *, title: str) -> str:
    total = sum(c for _, c in counts) or 1
    left, right, top, bottom = 60, 60, 40, 130
    bar_w = max(18, min(110, 760 / max(len(counts), 1)))
    plot_w = bar_w * len(counts)
    width, height = left + plot_w + right + 20, top + 300 + bottom
    plot_h = 300
    tick = max(1, math.ceil(max(c for _, c in counts) / 4))
    biggest = tick * 4  # the count axis in four whole steps
    out = _svg_open(width, height, title)
    base = top + plot_h
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="{GREY}"/>')
    out.append(f'<line x1="{left + plot_w}" y1="{top}" x2="{left + plot_w}" y2="{base}" stroke="{GREY}"/>')
    out.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="{GREY}"/>')
    for k in range(5):
        y = base - plot_h * k / 4
        out.append(_text(left - 6, y + 4, str(tick * k), 11, "end"))
        out.append(_text(left + plot_w + 6, y + 4, f"{25 * k}%", 11))
    eighty = base - plot_h * 0.8
    out.append(_line(left, eighty, left + plot_w, eighty, stroke_dasharray="4 3"))
    points, running = [], 0
    for i, (category, count) in enumerate(counts):
        x = left + i * bar_w
        h = plot_h * count / biggest
        out.append(
            f'<rect x="{x + 2:.1f}" y="{base - h:.1f}" width="{bar_w - 4:.1f}" height="{h:.1f}" '
            f'fill="{BLUE}">'
            f"<title>{escape(category)}: {count}</title></rect>"
        )
        running += count
        points.append((x + bar_w / 2, base - plot_h * running / total))
        label = textwrap.shorten(category, 22, placeholder="…")
        cx = x + bar_w / 2
        out.append(
            f'<text x="{cx:.1f}" y="{base + 12:.1f}" font-size="11" fill="{INK}" text-anchor="end" '
            f'transform="rotate(-45 {cx:.1f} {base + 12:.1f})">{escape(label)}</text>'
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
    out.append(f'<path d="{path}" fill="none" stroke="#d5281b" stroke-width="2"/>')
    for x, y in points:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#d5281b"/>')
    out.append(_text(left, top - 14, "Count (bars)", 11))
    out.append(_text(left + plot_w, top - 14, "Cumulative % (line)", 11, "end"))
    out.append("</svg>")
    return "\n".join(out)
