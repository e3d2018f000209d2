"""Properties of the XmR chart that hold for any series (hypothesis)."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from openqms.spc import Direction, Options, PointType, Series, VariationIcon, compute
from tests.spc.xmr_strategies import series_and_options

SWAPPED_TYPES = {
    PointType.IMPROVEMENT: PointType.CONCERN,
    PointType.CONCERN: PointType.IMPROVEMENT,
}
SWAPPED_ICONS = {
    VariationIcon.IMPROVEMENT_HIGH: VariationIcon.CONCERN_HIGH,
    VariationIcon.IMPROVEMENT_LOW: VariationIcon.CONCERN_LOW,
    VariationIcon.CONCERN_HIGH: VariationIcon.IMPROVEMENT_HIGH,
    VariationIcon.CONCERN_LOW: VariationIcon.IMPROVEMENT_LOW,
}


def close(a: float | None, b: float | None, scale: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, scale)


@st.composite
def gaussian_series(draw: st.DrawFn) -> tuple[Series, Options]:
    """Series whose values are far from ties, so a shift or a scale cannot move a point across a
    line by rounding; the rules must then fire on exactly the same points."""
    n = draw(st.integers(min_value=2, max_value=50))
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    y = np.random.default_rng(seed).normal(100, 10, n)
    if draw(st.booleans()):
        y[n // 2 :] += draw(st.floats(min_value=-40, max_value=40))
    direction = draw(st.sampled_from([Direction.INCREASE, Direction.DECREASE]))
    return (
        Series(x=tuple(range(n)), values=tuple(float(v) for v in y)),
        Options(direction=direction, target=draw(st.floats(min_value=50, max_value=150))),
    )


@settings(max_examples=150, deadline=None)
@given(gaussian_series(), st.floats(min_value=-1e3, max_value=1e3))
def test_adding_a_constant_shifts_the_centre_and_limits_by_that_constant(
    case: tuple[Series, Options], c: float
) -> None:
    s, o = case
    moved = Series(x=s.x, values=tuple(v + c for v in s.values if v is not None))
    a, b = compute(s, o), compute(moved, dataclasses.replace(o, target=(o.target or 0) + c))
    for p, q in zip(a.points, b.points, strict=True):
        scale = abs(q.centre or 0) + abs(c) + 100
        for name in ("centre", "lower", "upper", "lower_2sigma", "upper_2sigma"):
            mine = getattr(p, name)
            assert close(None if mine is None else mine + c, getattr(q, name), scale), name
        if p.upper is not None and p.lower is not None and p.upper - p.lower > 1e-6:
            assert p.rules == q.rules
            assert p.point_type == q.point_type


@settings(max_examples=150, deadline=None)
@given(gaussian_series(), st.floats(min_value=1e-3, max_value=1e3))
def test_scaling_by_a_positive_factor_scales_the_centre_and_limits(
    case: tuple[Series, Options], k: float
) -> None:
    s, o = case
    scaled = Series(x=s.x, values=tuple(v * k for v in s.values if v is not None))
    a, b = compute(s, o), compute(scaled, dataclasses.replace(o, target=(o.target or 0) * k))
    for p, q in zip(a.points, b.points, strict=True):
        for name in ("centre", "lower", "upper", "lower_2sigma", "upper_2sigma"):
            mine, theirs = getattr(p, name), getattr(q, name)
            assert close(None if mine is None else mine * k, theirs, abs(theirs or 0) * 1e3), name
        assert p.rules == q.rules
        assert p.point_type == q.point_type
    assert a.variation_icon == b.variation_icon


@settings(max_examples=200, deadline=None)
@given(series_and_options())
def test_reversing_the_direction_swaps_improvement_and_concern(case: tuple[Series, Options]) -> None:
    s, o = case
    if o.direction is Direction.NEITHER:
        o = dataclasses.replace(o, direction=Direction.INCREASE)
    other = Direction.DECREASE if o.direction is Direction.INCREASE else Direction.INCREASE
    a, b = compute(s, o), compute(s, dataclasses.replace(o, direction=other))
    for p, q in zip(a.points, b.points, strict=True):
        assert q.point_type == SWAPPED_TYPES.get(p.point_type, p.point_type)
        assert p.rules == q.rules
    if a.variation_icon is not None:
        assert b.variation_icon == SWAPPED_ICONS.get(a.variation_icon, a.variation_icon)


@settings(max_examples=200, deadline=None)
@given(series_and_options())
def test_every_flagged_point_has_a_special_cause_type_and_no_other(case: tuple[Series, Options]) -> None:
    s, o = case
    result = compute(s, o)
    assert len(result.points) == len(s.values)
    assert sum(ph.n for ph in result.phases) == len(s.values)
    for p in result.points:
        assert (p.point_type is PointType.COMMON_CAUSE) == (not p.rules)
        if p.value is None:
            assert not p.rules
        if p.centre is not None and p.upper is not None and p.lower is not None:
            assert p.lower <= p.centre <= p.upper


def r_mean(values: list[float]) -> float:
    """R's mean() of doubles (summary.c): a long double sum in order, / n, plus the mean residual."""
    total = np.longdouble(0)
    for v in values:
        total += np.longdouble(v)
    total /= len(values)
    residual = np.longdouble(0)
    for v in values:
        residual += np.longdouble(v) - total
    return float(total + residual / len(values))


def sign(v: float) -> int:
    return (v > 0) - (v < 0)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from([0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.1, 2.2, 3.3]), min_size=1, max_size=30),
        st.lists(
            st.integers(min_value=-(10**6), max_value=10**6).map(lambda k: k / 1000), min_size=1, max_size=80
        ),
    )
)
def test_every_point_is_on_the_side_of_the_centre_that_r_puts_it(values: list[float]) -> None:
    # Decimals like 0.1, 0.2, 0.3 put points exactly on R's mean, where a mean off by one unit in
    # the last place would wrongly break or extend a shift.
    result = compute(Series(x=tuple(range(len(values))), values=tuple(values)), Options())
    r = r_mean(values)
    centre = result.points[0].centre
    assert centre is not None
    assert abs(centre - r) <= 1e-14 * max(abs(v) for v in values)
    for v in values:
        assert sign(v - centre) == sign(v - r)
    if r in values:
        assert centre == r
