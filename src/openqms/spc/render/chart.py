"""The full SPC chart in Making Data Count style, as a standalone, accessible SVG."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from itertools import groupby

from openqms.spc.render.axes import (
    build_x_scale,
    format_value,
    format_x,
    is_monthly,
    nice_ticks,
    step_decimals,
)
from openqms.spc.render.axes import format_number as _fmt_tick
from openqms.spc.render.describe import describe, effective_targets
from openqms.spc.render.icons import assurance_icon_body, nested_icon, variation_icon_body
from openqms.spc.render.layout import ANNOTATION_FONT, place_annotation_labels
from openqms.spc.render.legend import Legend, legend_items
from openqms.spc.render.markup import SVG_NS, esc, num, tag, text_width, truncate
from openqms.spc.render.palette import (
    ASSURANCE_WORDS,
    AXIS,
    CENTRE,
    FONT_FAMILY,
    GREY,
    GRIDLINE,
    LIMIT_DASH,
    POINT_WORDS,
    RED,
    RULE_WORDS,
    TARGET_DASH,
    TEXT,
    TEXT_SECONDARY,
    TWO_SIGMA_DASH,
    VARIATION_WORDS,
    WHITE,
)
from openqms.spc.render.shapes import marker, polyline_path, step_path, stroke_path, text_element
from openqms.spc.types import Point, Result, Rule, XLabel

TITLE_FONT = 18
TICK_FONT = 13
LEGEND_FONT = 12
ICON_SIZE = 40
MARGIN = 16
HEADER = 60
ANNOTATION_ROW = 17
LEGEND_ROW = 20
_LEGEND_GAP = 18


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _tooltip(point: Point, monthly: bool) -> str:
    words = POINT_WORDS[point.point_type]
    rules = [RULE_WORDS[r] for r in Rule if r in point.rules]
    value = format_value(point.value) if point.value is not None else "missing"
    detail = f"{words}; {'; '.join(rules)}" if rules else words
    return esc(f"{format_x(point.x, monthly=monthly)}: {value} ({detail})")


def render_chart(
    result: Result,
    *,
    title: str,
    annotations: Sequence[tuple[XLabel, str]] = (),
    width: int = 800,
    height: int = 400,
    description: str | None = None,
    show_2sigma: bool = False,
) -> str:
    """An SPC chart as a standalone SVG string (no XML declaration, so it can be inlined in HTML).

    Annotations whose x cannot be placed on the axis (outside the data's range, or a text label
    that no point has) are not drawn but are still listed in the generated description.
    """
    points = result.points
    xscale = build_x_scale([p.x for p in points])
    monthly = is_monthly(xscale.xs)
    desc_text = description if description is not None else describe(result, annotations)
    targets = [_finite(t) for t in effective_targets(result)]
    has_target = any(t is not None for t in targets)

    legend = Legend(legend_items(result, show_2sigma=show_2sigma, has_target=has_target), width - 2 * MARGIN)
    plot_bottom = height - 8 - legend.height - 26

    # Limits, targets and points all have to fit, not just the values.
    ys: list[float] = []
    for p in points:
        extra = (p.lower_2sigma, p.upper_2sigma) if show_2sigma else ()
        ys.extend(v for v in (p.value, p.centre, p.lower, p.upper, *extra) if _finite(v) is not None)
    ys.extend(t for t in targets if t is not None)
    lo, hi = (min(ys), max(ys)) if ys else (0.0, 1.0)
    estimated_height = plot_bottom - HEADER - 3 * ANNOTATION_ROW
    yticks = nice_ticks(lo, hi, max(3, min(8, int(estimated_height / 38))))
    decimals = step_decimals(yticks)
    ytick_labels = [_fmt_tick(t, decimals) for t in yticks]

    plot_left = MARGIN + max(text_width(label, TICK_FONT) for label in ytick_labels) + 10
    plot_right = width - MARGIN - 4
    plot_width = max(plot_right - plot_left, 1.0)
    pad = min(14.0, plot_width * 0.03)
    span = xscale.hi - xscale.lo

    def px(position: float) -> float:
        if span <= 0:
            return plot_left + plot_width / 2
        return plot_left + pad + (position - xscale.lo) / span * (plot_width - 2 * pad)

    xs = [px(pos) for pos in xscale.positions]
    spacing = (plot_width - 2 * pad) / max(len(points) - 1, 1)
    radius = max(1.8, min(4.0, spacing * 0.3))

    placeable = []
    for x, label in annotations:
        position = xscale.position_of(x)
        if position is not None and xscale.lo <= position <= xscale.hi and points:
            placeable.append((px(position), label))
    labels = place_annotation_labels(placeable, width - 6)
    band_rows = max((label.row for label in labels), default=-1) + 1
    plot_top = HEADER + band_rows * ANNOTATION_ROW + (10 if band_rows else 4)
    plot_height = max(plot_bottom - plot_top, 1.0)

    def py(value: float) -> float:
        return plot_bottom - (value - yticks[0]) / (yticks[-1] - yticks[0]) * plot_height

    def yline(values: Sequence[float | None], indices: Sequence[int]) -> str:
        cleaned = [(xs[i], None if (v := _finite(values[i])) is None else py(v)) for i in indices]
        return step_path(cleaned, min(spacing / 2, 8.0))

    body: list[str] = [
        tag("rect", {"class": "spc-background", "width": width, "height": height, "fill": WHITE})
    ]

    for tick, label in zip(yticks, ytick_labels, strict=True):
        y = py(tick)
        body.append(
            tag(
                "path",
                {
                    "class": "spc-gridline",
                    "d": f"M{num(plot_left)} {num(y)}H{num(plot_right)}",
                    "stroke": GRIDLINE,
                    "stroke-width": 1,
                },
            )
        )
        body.append(
            text_element(
                plot_left - 8,
                y + 4.5,
                label,
                TICK_FONT,
                anchor="end",
                fill=TEXT_SECONDARY,
                css_class="spc-tick-y",
            )
        )
    body.append(
        tag(
            "path",
            {
                "class": "spc-axis",
                "d": f"M{num(plot_left)} {num(plot_bottom)}H{num(plot_right)}",
                "stroke": AXIS,
                "stroke-width": 1,
            },
        )
    )
    sample = "Sep 2024" if xscale.kind == "time" else max((str(x) for x in xscale.xs), key=len, default="0")
    per_label = min(text_width(sample[:14], TICK_FONT), 110) + 22
    for position, label in xscale.ticks(max(2, int(plot_width / per_label))):
        x = px(position)
        half = text_width(label, TICK_FONT) / 2
        anchor = "start" if x - half < 4 else "end" if x + half > width - 4 else "middle"
        body.append(
            tag(
                "path",
                {
                    "class": "spc-tick-x-mark",
                    "d": f"M{num(x)} {num(plot_bottom)}v5",
                    "stroke": AXIS,
                    "stroke-width": 1,
                },
            )
        )
        body.append(
            text_element(
                x,
                plot_bottom + 20,
                truncate(label, 14),
                TICK_FONT,
                anchor=anchor,
                fill=TEXT_SECONDARY,
                css_class="spc-tick-x",
            )
        )

    for placed in labels:
        top = HEADER + placed.row * ANNOTATION_ROW
        body.append(
            tag(
                "path",
                {
                    "class": "spc-annotation-marker",
                    "d": f"M{num(placed.marker_x)} {num(top + 2)}V{num(plot_bottom)}",
                    "stroke": TEXT_SECONDARY,
                    "stroke-width": 1,
                    "stroke-dasharray": "3 3",
                },
            )
        )
    for placed in labels:
        top = HEADER + placed.row * ANNOTATION_ROW
        halo = tag(
            "rect",
            {
                "x": placed.left,
                "y": top,
                "width": placed.right - placed.left + 2,
                "height": ANNOTATION_ROW - 2,
                "fill": WHITE,
                "fill-opacity": 0.85,
            },
        )
        text = tag(
            "text",
            {
                "class": "spc-annotation-label",
                "x": placed.text_x,
                "y": top + 12,
                "font-size": ANNOTATION_FONT,
                "text-anchor": placed.anchor,
                "fill": TEXT,
            },
            tag("title", {}, esc(placed.full_text)) + esc(placed.text),
        )
        body.append(tag("g", {"class": "spc-annotation"}, halo + text))

    phases = [[i for i, _ in group] for _, group in groupby(enumerate(points), key=lambda ip: ip[1].phase)]
    for indices in phases:
        phase = points[indices[0]].phase
        if show_2sigma:
            for values in ([p.lower_2sigma for p in points], [p.upper_2sigma for p in points]):
                if d := yline(values, indices):
                    body.append(stroke_path(d, f"spc-2sigma spc-phase-{phase}", GREY, 1, TWO_SIGMA_DASH))
        for css_class, values in (
            ("spc-limit spc-limit--lower", [p.lower for p in points]),
            ("spc-limit spc-limit--upper", [p.upper for p in points]),
        ):
            if d := yline(values, indices):
                body.append(stroke_path(d, f"{css_class} spc-phase-{phase}", GREY, 1.5, LIMIT_DASH))
        if d := yline([p.centre for p in points], indices):
            body.append(stroke_path(d, f"spc-centre spc-phase-{phase}", CENTRE, 1.75))
    if has_target and (d := yline(targets, range(len(points)))):
        body.append(stroke_path(d, "spc-target", RED, 2, TARGET_DASH))

    values = [_finite(p.value) for p in points]
    if d := polyline_path([(x, None if v is None else py(v)) for x, v in zip(xs, values, strict=True)]):
        body.append(stroke_path(d, "spc-data", GREY, 2))
    for x, value, point in zip(xs, values, points, strict=True):
        if value is not None:
            body.append(marker(point.point_type, x, py(value), radius, _tooltip(point, monthly)))
    if not any(v is not None for v in values):
        body.append(
            text_element(
                (plot_left + plot_right) / 2,
                (plot_top + plot_bottom) / 2,
                "No data to show",
                16,
                anchor="middle",
                fill=TEXT_SECONDARY,
            )
        )

    icon_x = width - MARGIN - ICON_SIZE
    icons = []
    if result.assurance_icon is not None:
        icons.append(
            nested_icon(
                assurance_icon_body(result.assurance_icon),
                ASSURANCE_WORDS[result.assurance_icon],
                icon_x,
                10,
                ICON_SIZE,
                "spc-icon-assurance",
            )
        )
        icon_x -= ICON_SIZE + 8
    if result.variation_icon is not None:
        icons.append(
            nested_icon(
                variation_icon_body(result.variation_icon),
                VARIATION_WORDS[result.variation_icon],
                icon_x,
                10,
                ICON_SIZE,
                "spc-icon-variation",
            )
        )
        icon_x -= ICON_SIZE + 8
    body.extend(reversed(icons))
    title_room = icon_x + ICON_SIZE - MARGIN - 12
    shown_title = truncate(" ".join(title.split()), max(8, int(title_room / (TITLE_FONT * 0.6))))
    body.append(text_element(MARGIN, 36, shown_title, TITLE_FONT, bold=True, css_class="spc-chart-title"))

    body.append(legend.draw(plot_left, height - 8 - legend.height, width - MARGIN))

    content = "".join(body)
    # Ids come from the content so output is deterministic yet two different charts on one page
    # do not share ids.
    ident = (
        "spc-" + hashlib.sha1((title + desc_text + content).encode(), usedforsecurity=False).hexdigest()[:10]
    )
    head = tag("title", {"id": f"{ident}-title"}, esc(title)) + tag(
        "desc", {"id": f"{ident}-desc"}, esc(desc_text)
    )
    return tag(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "spc-chart",
            "width": width,
            "height": height,
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "aria-labelledby": f"{ident}-title {ident}-desc",
            "font-family": FONT_FAMILY,
        },
        head + content,
    )
