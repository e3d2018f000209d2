"""A `Result` as plain JSON-ready data (the format is documented in docs/spc.md)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from openqms.spc.types import Phase, Point, Result, Rule, XLabel

__all__ = ["RULE_ORDER", "result_to_dict", "result_to_json", "x_to_json"]

# The order rules are listed in: NHSRplotthedots' precedence, so the first one names the point.
RULE_ORDER: tuple[Rule, ...] = (Rule.OUTSIDE_LIMITS, Rule.TREND, Rule.TWO_OF_THREE, Rule.SHIFT)


def x_to_json(x: XLabel) -> str | float | int:
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def _num(v: float | None) -> float | None:
    if v is None or math.isnan(v):
        return None
    return float(v)


def _point(p: Point) -> dict[str, Any]:
    return {
        "x": x_to_json(p.x),
        "value": _num(p.value),
        "centre": _num(p.centre),
        "lower": _num(p.lower),
        "upper": _num(p.upper),
        "lower_2sigma": _num(p.lower_2sigma),
        "upper_2sigma": _num(p.upper_2sigma),
        "phase": p.phase,
        "rules": [r.value for r in RULE_ORDER if r in p.rules],
        "point_type": p.point_type.value,
        "target": _num(p.target),
    }


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
        "points": [_point(p) for p in result.points],
    }


def result_to_json(result: Result, *, indent: int | None = 2) -> str:
    """JSON text; floats keep full precision (Python writes the shortest repr that round-trips)."""
    return json.dumps(result_to_dict(result), indent=indent, allow_nan=False)
