"""Hand-built example results, for the renderers' tests, documentation images and style checks.

These do a deliberately small XmR calculation (limits, points outside them, shifts of seven) so
the renderers can be exercised without the engine; they are not the engine and must not be used
to analyse real data. `python -m openqms.spc.render.examples docs/images` redraws the
documentation images (`--all` also writes every example).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from openqms.spc.render.chart import render_chart
from openqms.spc.render.png import svg_to_png
from openqms.spc.render.sparkline import render_sparkline
from openqms.spc.types import (
    AssuranceIcon,
    ChartType,
    Direction,
    Options,
    Phase,
    Point,
    PointType,
    Result,
    Rule,
    VariationIcon,
    XLabel,
)

_SHIFT = 7


def months(first: dt.date, count: int) -> tuple[dt.date, ...]:
    index = first.year * 12 + first.month - 1
    return tuple(dt.date((index + i) // 12, (index + i) % 12 + 1, 1) for i in range(count))


def _ok(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def _classify(value: float, rules: frozenset[Rule], high: bool, direction: Direction) -> PointType:
    if not rules:
        return PointType.COMMON_CAUSE
    if direction is Direction.NEITHER:
        return PointType.NEUTRAL_HIGH if high else PointType.NEUTRAL_LOW
    good = high == (direction is Direction.INCREASE)
    return PointType.IMPROVEMENT if good else PointType.CONCERN


def xmr_result(
    values: Sequence[float | None],
    xs: Sequence[XLabel] | None = None,
    *,
    rebase_at: Sequence[int] = (),
    target: float | None = None,
    targets: Sequence[float | None] | None = None,
    direction: Direction = Direction.INCREASE,
) -> Result:
    xs = tuple(xs) if xs is not None else months(dt.date(2022, 1, 1), len(values))
    starts = [0, *sorted(rebase_at), len(values)]
    point_targets = list(targets) if targets is not None else [target] * len(values)
    points: list[Point] = []
    phases: list[Phase] = []
    for phase_index, (start, end) in enumerate(itertools.pairwise(starts)):
        chunk = [v for v in values[start:end] if v is not None and math.isfinite(v)]
        mean = sum(chunk) / len(chunk) if chunk else None
        ranges = [abs(b - a) for a, b in itertools.pairwise(chunk)]
        sigma = (sum(ranges) / len(ranges)) / 1.128 if ranges else None
        phases.append(Phase(phase_index, xs[start], start, end - start, mean, None, None, None, None, False))
        side_run: list[int] = []
        for i in range(start, end):
            value = values[i]
            limits: tuple[float | None, ...] = (
                (None, None, None, None)
                if mean is None or sigma is None
                else (mean - 3 * sigma, mean + 3 * sigma, mean - 2 * sigma, mean + 2 * sigma)
            )
            rules: set[Rule] = set()
            low, high = limits[0], limits[1]
            if value is not None and low is not None and high is not None and not low <= value <= high:
                rules.add(Rule.OUTSIDE_LIMITS)
            points.append(
                Point(
                    xs[i],
                    value,
                    mean,
                    lower=limits[0],
                    upper=limits[1],
                    lower_2sigma=limits[2],
                    upper_2sigma=limits[3],
                    phase=phase_index,
                    rules=frozenset(rules),
                    point_type=PointType.COMMON_CAUSE,
                    target=point_targets[i],
                )
            )
            # A shift: seven or more in a row on one side of the mean.
            if value is None or mean is None or value == mean:
                side_run = []
                continue
            if side_run and ((values[side_run[-1]] or 0.0) > mean) != (value > mean):
                side_run = []
            side_run.append(i)
            if len(side_run) >= _SHIFT:
                for j in side_run:
                    p = points[j]
                    points[j] = Point(
                        p.x,
                        p.value,
                        p.centre,
                        p.lower,
                        p.upper,
                        p.lower_2sigma,
                        p.upper_2sigma,
                        p.phase,
                        p.rules | {Rule.SHIFT},
                        p.point_type,
                        p.target,
                    )
    typed = []
    for p in points:
        high = p.value is not None and p.centre is not None and p.value > p.centre
        kind = _classify(p.value or 0.0, p.rules, high, direction)
        typed.append(
            Point(
                p.x,
                p.value,
                p.centre,
                p.lower,
                p.upper,
                p.lower_2sigma,
                p.upper_2sigma,
                p.phase,
                p.rules,
                kind,
                p.target,
            )
        )
    return Result(
        ChartType.XMR,
        Options(direction=direction, target=target, rebase_at=tuple(rebase_at)),
        tuple(typed),
        tuple(phases),
        _variation(typed, direction),
        _assurance(typed, direction),
    )


def _variation(points: Sequence[Point], direction: Direction) -> VariationIcon | None:
    valued = [p for p in points if _ok(p.value)]
    if not valued:
        return None
    last = valued[-1]
    high = last.value is not None and last.centre is not None and last.value > last.centre
    return {
        PointType.COMMON_CAUSE: VariationIcon.COMMON_CAUSE,
        PointType.IMPROVEMENT: VariationIcon.IMPROVEMENT_HIGH if high else VariationIcon.IMPROVEMENT_LOW,
        PointType.CONCERN: VariationIcon.CONCERN_HIGH if high else VariationIcon.CONCERN_LOW,
        PointType.NEUTRAL_HIGH: VariationIcon.NEUTRAL_HIGH,
        PointType.NEUTRAL_LOW: VariationIcon.NEUTRAL_LOW,
    }[last.point_type]


def _assurance(points: Sequence[Point], direction: Direction) -> AssuranceIcon | None:
    last = points[-1] if points else None
    if last is None or last.target is None or last.lower is None or last.upper is None:
        return None
    if direction is Direction.NEITHER:
        return None
    if last.lower <= last.target <= last.upper:
        return AssuranceIcon.INCONSISTENT
    passes = (last.lower > last.target) == (direction is Direction.INCREASE)
    return AssuranceIcon.CONSISTENT_PASS if passes else AssuranceIcon.CONSISTENT_FAIL


# Illustrative series: monthly figures for a made-up ward, shaped to show each feature.
STABLE = (52, 55, 49, 53, 57, 50, 54, 51, 56, 48, 53, 55, 50, 52, 58, 49, 54, 51, 53, 56, 50, 55, 52, 54)
SHIFT = (
    61,
    64,
    59,
    66,
    62,
    60,
    65,
    63,
    58,
    64,
    62,
    61,
    70,
    74,
    72,
    76,
    73,
    75,
    78,
    74,
    77,
    79,
    76,
    80,
    78,
    81,
    77,
    79,
    82,
    78,
)
CONCERN = (88, 91, 87, 90, 89, 92, 88, 86, 90, 89, 84, 83, 85, 82, 84, 81, 83, 80, 82, 84, 79, 81, 80, 78)


def example_results() -> dict[str, tuple[Result, list[tuple[XLabel, str]]]]:
    """A few named examples with their annotations."""
    shift_values: list[float | None] = list(SHIFT)
    shift_values[8] = None
    return {
        "stable": (xmr_result(STABLE), []),
        "shift-rebase": (
            xmr_result(shift_values, rebase_at=(12,), targets=[None] * 18 + [75.0] * 12),
            [(dt.date(2023, 1, 1), "New triage pathway"), (dt.date(2023, 7, 1), "Target set")],
        ),
        "concern-target": (
            xmr_result(CONCERN, target=95.0),
            [
                (dt.date(2022, 10, 1), "PDSA 1: safety huddles"),
                (dt.date(2022, 11, 1), "Staff & skills review"),
                (dt.date(2022, 12, 1), "PDSA 2: checklists"),
                (dt.date(2023, 6, 1), "Winter plan"),
            ],
        ),
    }


def main(argv: Sequence[str]) -> int:
    """Write the documentation images into a directory, and with --all every example as SVG and PNG."""
    out = Path(next((a for a in argv if not a.startswith("--")), "."))
    out.mkdir(parents=True, exist_ok=True)
    examples = example_results()
    result, notes = examples["shift-rebase"]
    chart = render_chart(
        result, title="Emergency department: patients seen within 4 hours (%)", annotations=notes
    )
    (out / "spc-chart-example.png").write_bytes(svg_to_png(chart, scale=1.0))
    concern, _ = examples["concern-target"]
    spark = render_sparkline(concern, title="Patients seen within 4 hours")
    (out / "spc-sparkline-example.png").write_bytes(svg_to_png(spark, scale=3.0))
    if "--all" in argv:
        for name, (result, notes) in examples.items():
            svg = render_chart(result, title=f"Example: {name.replace('-', ' ')}", annotations=notes)
            (out / f"{name}.svg").write_text(svg, encoding="utf-8")
            (out / f"{name}.png").write_bytes(svg_to_png(svg, scale=1.5))
            sparkline = render_sparkline(result, title=name)
            (out / f"{name}-sparkline.png").write_bytes(svg_to_png(sparkline, scale=3))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
