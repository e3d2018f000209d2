"""Placing annotation labels and legend items so they do not pile on top of each other."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from openqms.spc.render.markup import text_width, truncate

ANNOTATION_FONT = 12
MAX_ANNOTATION_ROWS = 3
MAX_LABEL_CHARS = 32
_GAP = 10
_MIN_CHARS = 3


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


def _room(label: PlacedLabel, right: float) -> int:
    """How many characters of `label` fit before `right` (0 if it hangs left and cannot shrink)."""
    if label.anchor != "start":
        return 0
    return int((right - label.text_x) / (ANNOTATION_FONT * 0.55))


def _shortened(label: PlacedLabel, chars: int) -> PlacedLabel:
    text = truncate(label.text, chars)
    return replace(label, text=text, right=label.text_x + text_width(text, ANNOTATION_FONT))


def place_annotation_labels(items: Sequence[tuple[float, str]], right_edge: float) -> list[PlacedLabel]:
    """Stagger labels over up to three rows, left to right, each in the first row with room.

    When no row has room, the last label of one row is shortened to make room (in the row where
    that loses least); if none can be (the markers are too close), the new label shows only an
    ellipsis. Either way the full text stays in the label's tooltip and in the chart's
    description. Labels near the right edge hang to the left of their marker.
    """
    rows: list[list[int]] = []
    placed: list[PlacedLabel] = []

    def end(row: int, members: slice = slice(None)) -> float:
        return max((placed[i].right for i in rows[row][members]), default=-math.inf)

    for marker_x, full_text in sorted(items, key=lambda item: item[0]):
        text = truncate(" ".join(full_text.split()), MAX_LABEL_CHARS)
        label = _positioned(marker_x, text, full_text, right_edge)
        row = next((r for r in range(len(rows)) if label.left >= end(r) + _GAP), None)
        if row is None and len(rows) < MAX_ANNOTATION_ROWS:
            row = len(rows)
            rows.append([])
        if row is None:
            # Shorten a row's last label, where that is enough and loses the fewest characters.
            room, row = max(
                (
                    (_room(placed[rows[r][-1]], label.left - _GAP), r)
                    for r in range(len(rows))
                    if end(r, slice(None, -1)) + _GAP <= label.left
                ),
                default=(0, 0),
            )
            if room >= _MIN_CHARS:
                placed[rows[row][-1]] = _shortened(placed[rows[row][-1]], room)
            else:
                label = _positioned(marker_x, "\u2026", full_text, right_edge)
                fits = [r for r in range(len(rows)) if label.left >= end(r) + _GAP]
                row = fits[0] if fits else min(range(len(rows)), key=end)
        rows[row].append(len(placed))
        placed.append(replace(label, row=row))
    return placed


def _positioned(marker_x: float, text: str, full_text: str, right_edge: float) -> PlacedLabel:
    width = text_width(text, ANNOTATION_FONT)
    if marker_x + 4 + width <= right_edge:
        return PlacedLabel(
            marker_x, text, full_text, 0, "start", marker_x + 4, marker_x, marker_x + 4 + width
        )
    return PlacedLabel(marker_x, text, full_text, 0, "end", marker_x - 4, marker_x - 4 - width, marker_x)


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
