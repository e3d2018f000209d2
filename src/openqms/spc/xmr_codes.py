"""What the XmR engine returns: `XmrArrays`, one array per quantity for every point of a batch, and
the codes those arrays hold (point types, leading rules, variation and assurance icons) with the
tables that turn them into the public enums. `openqms.spc.xmr` computes them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from openqms.spc.types import AssuranceIcon, Direction, Rule, VariationIcon

# Codes used in the arrays; index into these tuples (and POINT_TYPES) to get the public enums.
VARIATION_ICONS: tuple[VariationIcon, ...] = (
    VariationIcon.COMMON_CAUSE,
    VariationIcon.IMPROVEMENT_HIGH,
    VariationIcon.IMPROVEMENT_LOW,
    VariationIcon.CONCERN_HIGH,
    VariationIcon.CONCERN_LOW,
    VariationIcon.NEUTRAL_HIGH,
    VariationIcon.NEUTRAL_LOW,
)
ASSURANCE_ICONS: tuple[AssuranceIcon, ...] = (
    AssuranceIcon.CONSISTENT_PASS,
    AssuranceIcon.CONSISTENT_FAIL,
    AssuranceIcon.INCONSISTENT,
)
# Leading rule codes 1..4 in NHSRplotthedots' precedence; 0 is none.
LEADING_RULES: tuple[Rule | None, ...] = (
    None,
    Rule.OUTSIDE_LIMITS,
    Rule.TREND,
    Rule.TWO_OF_THREE,
    Rule.SHIFT,
)

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
CodeArray = NDArray[np.int8]


def _leading_rules() -> CodeArray:
    """leading[bits]: 1 outside, 2 trend, 3 two-in-three, 4 shift, 0 none (NHSRplotthedots' order),
    over the rule bits (1 outside, 2 trend, 4 two-in-three, 8 shift)."""
    leading = np.zeros(16, dtype=np.int8)
    for bits in range(1, 16):
        leading[bits] = next(code for code, bit in ((1, 1), (2, 2), (3, 4), (4, 8)) if bits & bit)
    return leading


_LEADING = _leading_rules()
# The variation icon of the last point: VARIATION_CODE[point_type * 3 + direction + 1], an index into
# VARIATION_ICONS: improvement is high when increase is better, concern the opposite.
VARIATION_CODE = np.array(
    [0, 0, 0, 2, 2, 1, 3, 3, 4, 5, 5, 5, 6, 6, 6],
    dtype=np.int8,
)
# The assurance icon: ASSURANCE_CODE[(direction + 1) * 4 + (target > upper) * 2 + (target < lower)],
# an index into ASSURANCE_ICONS (0 pass, 1 fail, 2 inconsistent), -1 when neither way is better.
ASSURANCE_CODE = np.array(
    [2, 1, 0, 2, -1, -1, -1, -1, 2, 0, 1, 2],
    dtype=np.int8,
)


_DIRECTION_CODES = {Direction.INCREASE: 1, Direction.DECREASE: -1, Direction.NEITHER: 0}


def direction_code(direction: Direction) -> int:
    code = _DIRECTION_CODES.get(direction)  # a member, or its value: a StrEnum hashes as its str
    return _DIRECTION_CODES[Direction(direction)] if code is None else code


@dataclass(frozen=True, eq=False)
class XmrArrays:
    """XmR results for many series: flags per point (ragged by `offsets`), limits per segment,
    icons per series. No Python object is built per point.

    Per point: the four rule flags `outside_limits`, `shift`, `trend`, `two_of_three`, the same as
    `rule_bits` (1 outside, 2 trend, 4 two-in-three, 8 shift), `leading_rule` (index into
    LEADING_RULES, 0 = none) and `point_type` (index into POINT_TYPES).
    Per segment (a phase of a series, in order): `segment_start` (flat index of its first point),
    `segment_length`, `segment_series`, `segment_phase` (0-based within its series) and its
    `segment_centre`, `segment_lower`, `segment_upper`, `segment_lower_2sigma`,
    `segment_upper_2sigma` (NaN where undefined, e.g. a phase of one point). Per series:
    `variation_icon` (index into VARIATION_ICONS, -1 for an empty series), `assurance_icon` (index
    into ASSURANCE_ICONS, -1 for none) and `short_group` (some phase has fewer than 13 points).
    The per-point `centre`, `lower`, `upper`, `lower_2sigma`, `upper_2sigma`, `phase` and
    `leading_rule` are computed from the segments and bits when first asked for.
    """

    offsets: IntArray
    outside_limits: BoolArray
    rule_bits: NDArray[np.uint8]
    shift: BoolArray
    trend: BoolArray
    two_of_three: BoolArray
    point_type: CodeArray
    variation_icon: CodeArray
    assurance_icon: CodeArray
    short_group: BoolArray
    segment_start: IntArray
    segment_length: IntArray
    segment_series: IntArray
    segment_phase: IntArray
    segment_centre: FloatArray
    segment_lower: FloatArray
    segment_upper: FloatArray
    segment_lower_2sigma: FloatArray
    segment_upper_2sigma: FloatArray

    def _spread(self, per_segment: NDArray[Any]) -> NDArray[Any]:
        return per_segment.repeat(self.segment_length)

    @cached_property
    def leading_rule(self) -> CodeArray:
        leading: CodeArray = _LEADING[self.rule_bits]
        return leading

    @cached_property
    def centre(self) -> FloatArray:
        return self._spread(self.segment_centre)

    @cached_property
    def lower(self) -> FloatArray:
        return self._spread(self.segment_lower)

    @cached_property
    def upper(self) -> FloatArray:
        return self._spread(self.segment_upper)

    @cached_property
    def lower_2sigma(self) -> FloatArray:
        return self._spread(self.segment_lower_2sigma)

    @cached_property
    def upper_2sigma(self) -> FloatArray:
        return self._spread(self.segment_upper_2sigma)

    @cached_property
    def phase(self) -> IntArray:
        return self._spread(self.segment_phase)
