"""The plain-Python XmR of one series (xmr_plain) against the batch engine, field by field.

`compute` takes the plain path for short series; the batch engine is the reference it must match
to the bit, so every case here runs both and compares whole `Result`s.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openqms.spc import Direction, Options, Result, Rule, Series, compute, xmr_series
from openqms.spc.xmr_plain import plain_xmr


def _engine(series: Series, options: Options) -> Result:
    saved = xmr_series.PLAIN_MAX_POINTS
    xmr_series.PLAIN_MAX_POINTS = -1
    try:
        return compute(series, options)
    finally:
        xmr_series.PLAIN_MAX_POINTS = saved


def _same(series: Series, options: Options) -> None:
    plain, engine = compute(series, options), _engine(series, options)
    assert plain.phases == engine.phases
    assert plain.points == engine.points
    assert plain == engine


def _series(values: list[float | None]) -> Series:
    return Series(x=tuple(range(len(values))), values=tuple(values))


values_strategy = st.lists(
    st.one_of(
        st.none(),
        st.integers(-3, 3).map(float),  # ties, points on the mean, flat runs and trends
        st.floats(-1e6, 1e6, allow_nan=False),
        st.floats(0, 1).map(lambda v: round(v, 2)),
    ),
    min_size=1,
    max_size=80,
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Series, Options]:
    values = draw(values_strategy)
    n = len(values)
    rebase = draw(st.lists(st.integers(0, n - 1), max_size=3, unique=True))
    fix = draw(st.one_of(st.none(), st.integers(12, 40)))
    target = draw(st.one_of(st.none(), st.floats(-5, 5, allow_nan=False)))
    options = Options(
        direction=draw(st.sampled_from(list(Direction))),
        target=target,
        rebase_at=tuple(sorted(rebase)),
        fix_after=fix,
        screen_outliers=draw(st.booleans()),
    )
    return _series(values), options


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_plain_path_matches_the_batch_engine(case: tuple[Series, Options]) -> None:
    _same(*case)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-10, 10, allow_nan=False), min_size=20, max_size=60),
    st.sampled_from(list(Direction)),
)
def test_plain_path_matches_with_a_target_per_point(values: list[float], direction: Direction) -> None:
    targets = tuple(float(i % 5) for i in range(len(values)))
    _same(_series(list(values)), Options(direction=direction, targets=targets))


@pytest.mark.parametrize(
    "values",
    [
        [1.0],
        [None],
        [None, None, 3.0],
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 2.0, 1.0],  # a rising trend
        [5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0],  # no variation: zero moving range
        [1.0, 9.0] * 10 + [50.0],  # a point outside the limits after alternation
        [1e300, 1e300, -1e300, 1e300],  # sums that overflow
    ],
)
def test_plain_path_matches_on_edge_cases(values: list[float | None]) -> None:
    for direction in Direction:
        _same(_series(values), Options(direction=direction, target=2.0))


@pytest.mark.parametrize("seed", range(5))
def test_plain_path_matches_up_to_its_length_limit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = xmr_series.PLAIN_MAX_POINTS
    values: list[float | None] = [float(v) for v in np.round(rng.normal(50, 5, n), 1)]
    values[n // 3] = None
    values[n // 2 :] = [v + 6 for v in values[n // 2 :] if v is not None] + [None] * 1
    series = _series(values[:n])
    assert compute(series, Options()).points  # the plain path, as n is at its limit
    _same(series, Options(direction=Direction.INCREASE, target=52.0, rebase_at=(n // 2,)))
    _same(series, Options(direction=Direction.DECREASE, fix_after=20, screen_outliers=False))


def test_a_point_on_the_mean_is_left_to_the_engine() -> None:
    # The mean of 1, 2, 3 is 2: whether 2 is on it is decided with R's long-double mean.
    assert plain_xmr([1.0, 2.0, 3.0], [0], 1, 0, True, math.nan) is None
    assert plain_xmr([1.0, 2.5, 3.0], [0], 1, 0, True, math.nan) is not None


def test_the_plain_path_is_taken_for_short_series() -> None:
    codes = plain_xmr([1.0, 2.5, 3.0, 7.0], [0], 1, 0, True, 4.0)
    assert codes is not None
    result = compute(_series([1.0, 2.5, 3.0, 7.0]), Options(target=4.0))
    assert [p.point_type.value for p in result.points] == ["common_cause"] * 4
    assert list(codes.point_type) == [0, 0, 0, 0]


# Trends next to each other: the point where two meet reads its direction from the step after
# it, whether the next trend starts on that point or one flat step later.
_RISE = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
_NOISE = [3.1, 2.9, 3.2, 2.8, 3.0, 3.3, 2.7, 3.1]


@pytest.mark.parametrize(
    "values",
    [
        _NOISE + _RISE + [v + 6.0 for v in _RISE[1:]] + _NOISE,  # one long trend
        _NOISE + _RISE + [5.0 - v for v in _RISE[1:]] + _NOISE,  # a rise, then straight down
        _NOISE + _RISE + [v + 6.0 for v in _RISE] + _NOISE,  # a flat step between two rises
        _NOISE + _RISE + [6.0 - v for v in _RISE] + _NOISE,  # a flat step, then down
        _NOISE + _RISE + [8.0 - v for v in _RISE] + _NOISE,  # one step up between a rise and a fall
    ],
)
def test_plain_path_matches_where_trends_meet(values: list[float | None]) -> None:
    series = _series(values)
    assert any(Rule.TREND in p.rules for p in compute(series, Options()).points)
    for direction in Direction:
        _same(series, Options(direction=direction))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # inf - inf, as numpy says
def test_a_phase_without_a_finite_mean_is_left_to_the_engine() -> None:
    # The values kept for the limits are all missing, or one is infinite.
    assert plain_xmr([math.nan] * 12 + [1.0, 2.0, 3.5], [0], 1, 12, True, math.nan) is None
    assert plain_xmr([1.0, math.inf, 2.5, 3.0], [0], 1, 0, True, math.nan) is None
    _same(_series([None] * 12 + [1.0, 2.0, 3.5]), Options(fix_after=12))
    _same(_series([1.0, math.inf, 2.5, 3.0]), Options())
