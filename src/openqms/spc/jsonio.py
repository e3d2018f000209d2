"""A `Result` as plain JSON-ready data (the format is documented in docs/spc.md)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from openqms.spc.types import POINT_TYPES, RULE_ORDER, RULE_SETS, Phase, PointColumns, Result, XLabel

__all__ = ["RULE_ORDER", "result_to_dict", "result_to_json", "x_to_json"]

# Each rule-bits code's rules in RULE_ORDER, and each point type code's name, as JSON spells them.
_RULE_NAMES: tuple[tuple[str, ...], ...] = tuple(
    tuple(r.value for r in RULE_ORDER if r in rules) for rules in RULE_SETS
)
_POINT_TYPE_NAMES: tuple[str, ...] = tuple(t.value for t in POINT_TYPES)


def x_to_json(x: XLabel) -> str | float | int:
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def _num(v: float | None) -> float | None:
    if v is None or math.isnan(v):
        return None
    return float(v)


def _optional(values: list[float]) -> list[float | None]:
    return [None if v != v else v for v in values]  # NaN is the only value not equal to itself


def _points(points: PointColumns) -> list[dict[str, Any]]:
    """The points' dicts from their columns, without building a `Point`."""
    t = points.arrays()
    floats = (t.value, t.centre, t.lower, t.upper, t.lower_2sigma, t.upper_2sigma, t.target)
    optional = [_optional(column.tolist()) for column in floats]
    rule_names, type_names = _RULE_NAMES, _POINT_TYPE_NAMES
    return [
        {
            "x": x_to_json(x),
            "value": value,
            "centre": centre,
            "lower": lower,
            "upper": upper,
            "lower_2sigma": lower_2sigma,
            "upper_2sigma": upper_2sigma,
            "phase": phase,
            "rules": list(rule_names[bits]),
            "point_type": type_names[code],
            "target": target,
        }
        for x, value, centre, lower, upper, lower_2sigma, upper_2sigma, target, phase, bits, code in zip(
            points.x, *optional, t.phase.tolist(), t.rule_bits.tolist(), t.point_type.tolist(), strict=True
        )
    ]


def _phase(ph: Phase) -> dict[str, Any]:
    return {
        "x": x_to_json(ph.first_x),
        "start": ph.start,
        "n": ph.n,
        "centre": _num(ph.centre),
        "longest_run": ph.longest_run,
        "longest_run_max": ph.longest_run_max,
        "crossings": ph.crossings,
        "crossings_min": ph.crossings_min,
        "runs_signal": ph.runs_signal,
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    o = result.options
    return {
        "chart": result.chart.value,
        "options": {
            "direction": o.direction.value,
            "target": _num(o.target),
            "rebase_at": list(o.rebase_at),
            "fix_after": o.fix_after,
            "screen_outliers": o.screen_outliers,
        },
        "variation_icon": None if result.variation_icon is None else result.variation_icon.value,
        "assurance_icon": None if result.assurance_icon is None else result.assurance_icon.value,
        "warnings": list(result.warnings),
        "phases": [_phase(ph) for ph in result.phases],
        "points": _points(PointColumns.of(result.points)),
    }


def result_to_json(result: Result, *, indent: int | None = 2) -> str:
    """JSON text; floats keep full precision (Python writes the shortest repr that round-trips)."""
    return json.dumps(result_to_dict(result), indent=indent, allow_nan=False)
