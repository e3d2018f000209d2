"""Colours, fonts, point styles and the words for each meaning.

Colours follow NHS England's Making Data Count convention so that staff who know those charts
read ours the same way: grey for common cause, blue for improvement, orange for concern,
purple for change that is neither, red for the target.
"""

from __future__ import annotations

from dataclasses import dataclass

from openqms.spc.types import AssuranceIcon, ChartType, PointType, Rule, VariationIcon

GREY = "#7b7d7d"
BLUE = "#289de0"
ORANGE = "#fab428"
PURPLE = "#361475"
RED = "#de1b1b"

TEXT = "#212b32"  # NHS.UK text colour
TEXT_SECONDARY = "#4c6272"
CENTRE = "#425563"
GRIDLINE = "#e8edee"
AXIS = "#aeb7bd"
BAND = "#d8dde0"
OUTLINE = "#212b32"
WHITE = "#ffffff"

FONT_FAMILY = "Frutiger W01, Frutiger, Arial, Helvetica Neue, Helvetica, sans-serif"

LIMIT_DASH = "6 4"
TARGET_DASH = "10 4 2 4"
TWO_SIGMA_DASH = "2 4"


@dataclass(frozen=True)
class PointStyle:
    """How a point of one type is drawn; special causes differ in shape and outline, not just colour."""

    fill: str
    shape: str  # circle, diamond, triangle-up, triangle-down
    scale: float
    outlined: bool
    label: str


POINT_STYLES: dict[PointType, PointStyle] = {
    PointType.COMMON_CAUSE: PointStyle(GREY, "circle", 1.0, False, "Common cause"),
    PointType.IMPROVEMENT: PointStyle(BLUE, "circle", 1.4, True, "Improvement"),
    PointType.CONCERN: PointStyle(ORANGE, "diamond", 1.6, True, "Concern"),
    PointType.NEUTRAL_HIGH: PointStyle(PURPLE, "triangle-up", 1.6, True, "Neither (high)"),
    PointType.NEUTRAL_LOW: PointStyle(PURPLE, "triangle-down", 1.6, True, "Neither (low)"),
}

POINT_WORDS: dict[PointType, str] = {
    PointType.COMMON_CAUSE: "common cause variation",
    PointType.IMPROVEMENT: "special cause improvement",
    PointType.CONCERN: "special cause concern",
    PointType.NEUTRAL_HIGH: "special cause, neither improvement nor concern, high",
    PointType.NEUTRAL_LOW: "special cause, neither improvement nor concern, low",
}

RULE_WORDS: dict[Rule, str] = {
    Rule.OUTSIDE_LIMITS: "outside the process limits",
    Rule.SHIFT: "part of a shift (a run of points on one side of the mean)",
    Rule.TREND: "part of a trend (a run of points all going up or all going down)",
    Rule.TWO_OF_THREE: "two of three points close to a process limit",
}

VARIATION_WORDS: dict[VariationIcon | None, str] = {
    VariationIcon.COMMON_CAUSE: "Common cause variation: no significant change",
    VariationIcon.IMPROVEMENT_HIGH: "Special cause variation: improvement, higher values",
    VariationIcon.IMPROVEMENT_LOW: "Special cause variation: improvement, lower values",
    VariationIcon.CONCERN_HIGH: "Special cause variation: concern, higher values",
    VariationIcon.CONCERN_LOW: "Special cause variation: concern, lower values",
    VariationIcon.NEUTRAL_HIGH: "Special cause variation: neither improvement nor concern, higher values",
    VariationIcon.NEUTRAL_LOW: "Special cause variation: neither improvement nor concern, lower values",
    None: "Variation: not enough data to judge",
}

ASSURANCE_WORDS: dict[AssuranceIcon | None, str] = {
    AssuranceIcon.CONSISTENT_PASS: "Assurance: the process will consistently meet the target",
    AssuranceIcon.CONSISTENT_FAIL: "Assurance: the process will consistently fail the target",
    AssuranceIcon.INCONSISTENT: (
        "Assurance: the process will not consistently meet or fail the target; "
        "it will sometimes meet it and sometimes not"
    ),
    None: "Assurance: no target, so no assurance can be given",
}


def centre_name(chart: ChartType) -> str:
    """What the centre line is: qicharts2 draws the median on run and g charts, the mean elsewhere."""
    return "median" if chart in (ChartType.RUN, ChartType.G) else "mean"
