"""A service model as a simple diagram drawn on the server: the population served at the top; what
the service does, where and who delivers it in three boxes below; and the pathway's steps, in order,
as a row of numbered boxes joined by arrows. Every text is escaped; there are no styles inline (the
classes are in openqms.scss), so it passes the Content-Security-Policy."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

WIDTH = 900
BOX_GAP = 20
LINE = 18


def _lines(text: str, width: int, most: int) -> list[str]:
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > most:
        wrapped = [*wrapped[: most - 1], wrapped[most - 1][: width - 1] + "…"]
    return wrapped


def _box(x: int, y: int, w: int, h: int, heading: str, text: str, kind: str) -> str:
    chars = max(10, w // 8)
    rows = _lines(text, chars, (h - 40) // LINE)
    body = "".join(
        f'<text class="openqms-sm-text" x="{x + 10}" y="{y + 44 + i * LINE}">{escape(r)}</text>'
        for i, r in enumerate(rows)
    )
    return (
        f'<g><rect class="openqms-sm-box openqms-sm-box--{kind}" x="{x}" y="{y}" '
        f'width="{w}" height="{h}" rx="6"/>'
        f'<text class="openqms-sm-heading" x="{x + 10}" y="{y + 22}">{escape(heading)}</text>{body}</g>'
    )


def diagram(*, title: str, population: str, what: str, where: str, who: str, steps: Sequence[str]) -> Markup:
    parts: list[str] = [_box(0, 0, WIDTH, 90, "Population served", population, "population")]
    col = (WIDTH - 2 * BOX_GAP) // 3
    for i, (heading, text) in enumerate((("What", what), ("Where", where), ("Who", who))):
        x = i * (col + BOX_GAP)
        parts.append(
            f'<line class="openqms-sm-link" x1="{x + col // 2}" y1="90" x2="{x + col // 2}" y2="110"/>'
        )
        parts.append(_box(x, 110, col, 130, heading, text, "model"))
    height = 260
    if steps:
        per_row = 5
        step_w = (WIDTH - (per_row - 1) * 30) // per_row
        for n, step in enumerate(steps):
            row, pos = divmod(n, per_row)
            x = pos * (step_w + 30)
            y = 290 + row * 110
            parts.append(_box(x, y, step_w, 80, f"Step {n + 1}", step, "step"))
            if pos < per_row - 1 and n < len(steps) - 1:
                ax = x + step_w
                parts.append(
                    f'<path class="openqms-sm-arrow" d="M{ax + 4} {y + 40} H{ax + 22} M{ax + 16} {y + 34} '
                    f'L{ax + 24} {y + 40} L{ax + 16} {y + 46}"/>'
                )
        height = 290 + ((len(steps) - 1) // per_row + 1) * 110
        parts.insert(1, '<text class="openqms-sm-heading" x="0" y="278">Pathway</text>')
    label = f"Diagram of the service model {title}"
    svg = (
        f'<svg class="openqms-service-model" viewBox="-2 -2 {WIDTH + 4} {height + 4}" role="img" '
        f'aria-labelledby="sm-title" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="sm-title">{escape(label)}</title>'
        f"{''.join(parts)}</svg>"
    )
    return Markup(svg)  # noqa: S704 (every text above is escaped)
