"""The chart's key: which line is which, and what each point shape means.

Only what the chart actually shows is listed, so a chart without a target or without special
causes is not cluttered with entries that explain nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openqms.spc.render.layout import flow_rows
from openqms.spc.render.markup import num, tag, text_width
from openqms.spc.render.palette import (
    CENTRE,
    GREY,
    LIMIT_DASH,
    POINT_STYLES,
    RED,
    TARGET_DASH,
    TWO_SIGMA_DASH,
    centre_name,
)
from openqms.spc.render.shapes import marker, stroke_path, text_element
from openqms.spc.types import PointType, Result

FONT = 12
ROW = 20
_SAMPLE = 24
_GAP = 18

Draw = Callable[[float, float], str]


@dataclass(frozen=True)
class LegendItem:
    draw: Draw  # draws the sample with its left end at (x, y middle)
    label: str
    sample_width: float = _SAMPLE

    @property
    def width(self) -> float:
        return self.sample_width + 6 + text_width(self.label, FONT)


def _line_sample(colour: str, width: float, dash: str | None) -> Draw:
    return lambda x, y: stroke_path(
        f"M{num(x)} {num(y)}H{num(x + _SAMPLE)}", "spc-legend-line", colour, width, dash
    )


def _marker_sample(point_type: PointType, radius: float) -> Draw:
    return lambda x, y: marker(point_type, x + 6, y, radius, css_class="spc-legend-marker")


def legend_items(result: Result, *, show_2sigma: bool, has_target: bool) -> list[LegendItem]:
    points = result.points
    items: list[LegendItem] = []
    if any(p.value is not None for p in points):
        line = _line_sample(GREY, 2, None)

        def data(x: float, y: float) -> str:
            dot = marker(PointType.COMMON_CAUSE, x + _SAMPLE / 2, y, 3.5, css_class="spc-legend-marker")
            return line(x, y) + dot

        items.append(LegendItem(data, "Data"))
    if any(p.centre is not None for p in points):
        items.append(LegendItem(_line_sample(CENTRE, 1.75, None), centre_name(result.chart).capitalize()))
    if any(p.lower is not None or p.upper is not None for p in points):
        items.append(LegendItem(_line_sample(GREY, 1.5, LIMIT_DASH), "Process limits"))
    if show_2sigma and any(p.lower_2sigma is not None or p.upper_2sigma is not None for p in points):
        items.append(LegendItem(_line_sample(GREY, 1, TWO_SIGMA_DASH), "2 sigma"))
    if has_target:
        items.append(LegendItem(_line_sample(RED, 2, TARGET_DASH), "Target"))
    for point_type in PointType:
        if point_type is not PointType.COMMON_CAUSE and any(p.point_type is point_type for p in points):
            items.append(LegendItem(_marker_sample(point_type, 4), POINT_STYLES[point_type].label, 12))
    return items


class Legend:
    def __init__(self, items: Sequence[LegendItem], available_width: float) -> None:
        self.items = list(items)
        self.rows = flow_rows([item.width for item in self.items], available_width, _GAP)

    @property
    def height(self) -> float:
        return ROW * len(self.rows)

    def draw(self, left: float, top: float, right: float) -> str:
        """Rows start at `left` (the plot's edge) unless a row is too wide, then at the margin."""
        parts = []
        for number, row in enumerate(self.rows):
            row_width = sum(self.items[i].width for i in row) + _GAP * (len(row) - 1)
            x = left if left + row_width <= right else max(right - row_width, 4.0)
            y = top + ROW * number + ROW / 2
            for index in row:
                item = self.items[index]
                parts.append(
                    item.draw(x, y) + text_element(x + item.sample_width + 6, y + 4, item.label, FONT)
                )
                x += item.width + _GAP
        return tag("g", {"class": "spc-legend"}, "".join(parts))
