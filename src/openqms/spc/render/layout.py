"""Placing annotation labels and legend items so they do not pile on top of each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from openqms.spc.render.markup import text_width, truncate

ANNOTATION_FONT = 12
MAX_ANNOTATION_ROWS = 3
MAX_LABEL_CHARS = 32
_GAP = 10


@dataclass(frozen=True)
class PlacedLabel:
    marker_x: float
    text: str
    full_text: str
    row: int
    anchor: str  # start or end
    text_x: float
    left: float
    right: float


def place_annotation_labels(items: Sequence[tuple[float, str]], right_edge: float) -> list[PlacedLabel]:
    """Stagger labels over up to three rows, left to right, each in the first row with room.

    When no row has room the label goes in the row whose last label ends earliest: some overlap
    beats dropping an event the caller asked to show. Labels near the right edge hang to the left
    of their marker so they stay on the chart.
    """
    row_ends: list[float] = []
    placed = []
    for marker_x, full_text in sorted(items, key=lambda item: item[0]):
        text = truncate(" ".join(full_text.split()), MAX_LABEL_CHARS)
        width = text_width(text, ANNOTATION_FONT)
        if marker_x + 4 + width <= right_edge:
            anchor, text_x, left, right = "start", marker_x + 4, marker_x, marker_x + 4 + width
        else:
            anchor, text_x, left, right = "end", marker_x - 4, marker_x - 4 - width, marker_x
        row = next((r for r, end in enumerate(row_ends) if left >= end + _GAP), None)
        if row is None:
            if len(row_ends) < MAX_ANNOTATION_ROWS:
                row = len(row_ends)
                row_ends.append(right)
            else:
                row = min(range(len(row_ends)), key=lambda r: row_ends[r])
        row_ends[row] = max(row_ends[row], right)
        placed.append(PlacedLabel(marker_x, text, full_text, row, anchor, text_x, left, right))
    return placed


def flow_rows(widths: Sequence[float], available: float, gap: float) -> list[list[int]]:
    """Indices of items per row when laid out left to right and wrapped at `available`."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, width in enumerate(widths):
        if rows[-1] and used + gap + width > available:
            rows.append([])
            used = 0.0
        used += (gap if rows[-1] else 0.0) + width
        rows[-1].append(index)
    return [row for row in rows if row]
