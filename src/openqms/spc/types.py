"""The public types of the SPC engine: frozen dataclasses in, frozen dataclasses out.

No Django and no other part of OpenQMS is imported here or anywhere in `openqms.spc`
(import-linter checks it), so a data analyst can use the engine on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ChartType(StrEnum):
    """Chart names as qicharts2 spells them, with `xmr` for the Making Data Count individuals chart."""

    XMR = "xmr"  # Making Data Count XmR (NHSRplotthedots rules)
    RUN = "run"
    I = "i"  # noqa: E741 (qicharts2's name)
    MR = "mr"
    P = "p"
    PP = "pp"  # Laney p-prime
    U = "u"
    UP = "up"  # Laney u-prime
    C = "c"
    G = "g"
    T = "t"
    XBAR = "xbar"
    S = "s"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    NEITHER = "neither"


class Rule(StrEnum):
    OUTSIDE_LIMITS = "outside_limits"
    SHIFT = "shift"
    TREND = "trend"
    TWO_OF_THREE = "two_of_three"


class PointType(StrEnum):
    """NHSRplotthedots' words for a point."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT = "special_cause_improvement"
    CONCERN = "special_cause_concern"
    NEUTRAL_HIGH = "special_cause_neutral_high"
    NEUTRAL_LOW = "special_cause_neutral_low"


class VariationIcon(StrEnum):
    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class AssuranceIcon(StrEnum):
    CONSISTENT_PASS = "consistent_pass"  # noqa: S105 (an icon, not a password)
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"


XLabel = str | dt.date | float | int


@dataclass(frozen=True)
class Series:
    """One series of observations, in time order.

    `values` are the measurements (or numerators, for p, pp, u and up charts); None or NaN is a
    missing value. `denominators` are needed for p, pp, u and up. For xbar and s charts there is
    one entry per observation and `x` repeats: consecutive observations sharing an `x` form one
    subgroup.
    """

    x: tuple[XLabel, ...]
    values: tuple[float | None, ...]
    denominators: tuple[float | None, ...] | None = None


@dataclass(frozen=True)
class Options:
    """How to compute a chart. Defaults are NHSRplotthedots' for XmR and qicharts2's for the rest.

    `rebase_at` holds 0-based subgroup indices where a new phase (recalculation) starts.
    `targets` may give one target for the whole series, or a tuple with one per subgroup (target
    changes; None where there is none).
    """

    chart: ChartType = ChartType.XMR
    direction: Direction = Direction.INCREASE
    target: float | None = None
    targets: tuple[float | None, ...] | None = None
    rebase_at: tuple[int, ...] = ()
    fix_after: int | None = None
    screen_outliers: bool = True
    exclude: tuple[int, ...] = ()


@dataclass(frozen=True)
class Point:
    x: XLabel
    value: float | None
    centre: float | None
    lower: float | None
    upper: float | None
    lower_2sigma: float | None
    upper_2sigma: float | None
    phase: int
    rules: frozenset[Rule]
    point_type: PointType
    target: float | None = None


@dataclass(frozen=True)
class Phase:
    """One phase (a qicharts2 part, an NHSRplotthedots rebase group) with Anhøj's runs figures."""

    index: int
    first_x: XLabel
    start: int  # 0-based index of the first subgroup of the phase
    n: int
    centre: float | None
    longest_run: int | None
    longest_run_max: int | None
    crossings: int | None
    crossings_min: int | None
    runs_signal: bool


@dataclass(frozen=True)
class Result:
    chart: ChartType
    options: Options
    points: tuple[Point, ...]
    phases: tuple[Phase, ...]
    variation_icon: VariationIcon | None
    assurance_icon: AssuranceIcon | None
    warnings: tuple[str, ...] = field(default=())
