"""The text description of a chart for screen readers (the SVG <desc>), generated from a Result."""

from __future__ import annotations

import math
from collections.abc import Sequence

from openqms.spc.render.axes import format_value, format_x, is_monthly
from openqms.spc.render.palette import ASSURANCE_WORDS, POINT_WORDS, RULE_WORDS, VARIATION_WORDS, centre_name
from openqms.spc.types import ChartType, Point, PointType, Result, Rule, XLabel

CHART_NAMES: dict[ChartType, str] = {
    ChartType.XMR: "XmR chart (individual values, Making Data Count rules)",
    ChartType.RUN: "run chart",
    ChartType.I: "I chart (individual values)",
    ChartType.MR: "moving range chart",
    ChartType.P: "p chart (proportions)",
    ChartType.PP: "p prime chart (proportions, Laney adjusted)",
    ChartType.U: "u chart (rates)",
    ChartType.UP: "u prime chart (rates, Laney adjusted)",
    ChartType.C: "c chart (counts)",
    ChartType.G: "g chart (cases between events)",
    ChartType.T: "t chart (time between events)",
    ChartType.XBAR: "x-bar chart (subgroup averages)",
    ChartType.S: "s chart (subgroup standard deviations)",
}

_SPECIAL_ORDER = (PointType.IMPROVEMENT, PointType.CONCERN, PointType.NEUTRAL_HIGH, PointType.NEUTRAL_LOW)
_MAX_LISTED = 5


def has_value(point: Point) -> bool:
    return point.value is not None and math.isfinite(point.value)


def effective_targets(result: Result) -> list[float | None]:
    """Each point's target; a single target in the options applies to every point that has none."""
    fallback = result.options.target
    if any(p.target is not None for p in result.points):
        fallback = None
    return [p.target if p.target is not None else fallback for p in result.points]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _listed(xs: Sequence[str]) -> str:
    shown = ", ".join(xs[:_MAX_LISTED])
    return shown + (f" and {len(xs) - _MAX_LISTED} more" if len(xs) > _MAX_LISTED else "")


def _limits_sentence(point: Point, centre: str) -> str:
    parts = []
    if point.centre is not None:
        parts.append(f"the {centre} is {format_value(point.centre)}")
    if point.lower is not None and point.upper is not None:
        parts.append(
            f"the process limits are {format_value(point.lower)} (lower) "
            f"and {format_value(point.upper)} (upper)"
        )
    elif point.upper is not None:
        parts.append(f"the upper process limit is {format_value(point.upper)}")
    elif point.lower is not None:
        parts.append(f"the lower process limit is {format_value(point.lower)}")
    return " and ".join(parts)


def describe(result: Result, annotations: Sequence[tuple[XLabel, str]] = ()) -> str:
    points = result.points
    monthly = is_monthly([p.x for p in points])

    def fx(x: XLabel) -> str:
        return format_x(x, monthly=monthly)

    name = CHART_NAMES.get(result.chart, f"{result.chart} chart")
    kind = "Run chart" if result.chart is ChartType.RUN else f"Statistical process control {name}"
    if not points:
        return f"{kind} with no data points."
    sentences = [f"{kind} of {_plural(len(points), 'point')} from {fx(points[0].x)} to {fx(points[-1].x)}."]

    missing = sum(1 for p in points if not has_value(p))
    if missing:
        sentences.append(f"{_plural(missing, 'value')} missing, shown as gaps in the line.")
    valued = [p for p in points if has_value(p)]
    if valued and valued[-1].value is not None:
        sentences.append(f"Latest value: {format_value(valued[-1].value)} ({fx(valued[-1].x)}).")

    last = points[-1]
    limits = _limits_sentence(last, centre_name(result.chart))
    if len(result.phases) > 1:
        phase = result.phases[-1]
        sentences.append(
            f"The limits were recalculated {_times(len(result.phases) - 1)}; the latest period "
            f"starts {fx(phase.first_x)} and has {_plural(phase.n, 'point')}."
        )
        if limits:
            sentences.append(f"In the latest period {limits}.")
    elif limits:
        sentences.append(limits[0].upper() + limits[1:] + ".")

    targets = [t for t in effective_targets(result) if t is not None]
    if targets:
        if len(set(targets)) > 1:
            sentences.append(
                f"The target changes over time; the latest target is {format_value(targets[-1])}."
            )
        else:
            sentences.append(f"Target: {format_value(targets[-1])}.")

    special = [
        f"{_plural(count, 'point')} of {POINT_WORDS[kind_].removeprefix('special cause ')}"
        for kind_ in _SPECIAL_ORDER
        if (count := sum(1 for p in points if p.point_type is kind_))
    ]
    if special:
        sentences.append("Special cause variation: " + "; ".join(special) + ".")
        for rule in Rule:
            flagged = [fx(p.x) for p in points if rule in p.rules]
            if flagged:
                verb = "is" if len(flagged) == 1 else "are"
                sentences.append(
                    f"{_plural(len(flagged), 'point')} {verb} {RULE_WORDS[rule]}: {_listed(flagged)}."
                )
    elif result.chart is not ChartType.RUN:
        sentences.append("No special cause variation: every point shows common cause variation.")
    if result.phases and result.phases[-1].runs_signal:
        sentences.append(
            "The runs analysis of the latest period signals non-random variation "
            "(an unusually long run, or too few crossings of the centre line)."
        )

    variation = VARIATION_WORDS[result.variation_icon]
    sentences.append(f"The variation icon means {variation[0].lower()}{variation[1:]}.")
    if result.assurance_icon is not None or targets:
        assurance = ASSURANCE_WORDS[result.assurance_icon].removeprefix("Assurance: ")
        sentences.append(f"The assurance icon means {assurance}.")
    if annotations:
        notes = "; ".join(
            f"{format_x(x, monthly=monthly and is_monthly([x]))}: {label}" for x, label in annotations
        )
        sentences.append(f"Annotations: {notes}.")
    if result.warnings:
        sentences.append("Notes: " + " ".join(result.warnings))
    return " ".join(sentences)
