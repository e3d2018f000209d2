"""Properties any location-and-scale chart must keep, checked on random series with hypothesis."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openqms.spc.qic import compute_qic
from openqms.spc.types import ChartType, Options, Result, Series

values_strategy = st.lists(
    st.floats(min_value=-1e3, max_value=1e3, allow_nan=False).map(lambda v: round(v, 2)),
    min_size=2,
    max_size=60,
)
LINES = ("centre", "lower", "upper", "lower_2sigma", "upper_2sigma")


def run(kind: ChartType, values: list[float], **options: object) -> Result:
    return compute_qic(
        Series(x=tuple(range(len(values))), values=tuple(values)),
        Options(chart=kind, **options),
    )


def close(a: float | None, b: float | None, scale: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * scale)


@pytest.mark.parametrize("kind", [ChartType.I, ChartType.RUN])
@given(values=values_strategy, shift=st.floats(min_value=-1e3, max_value=1e3).map(lambda v: round(v, 1)))
@settings(max_examples=60, deadline=None)
def test_adding_a_constant_shifts_the_centre_and_limits(
    kind: ChartType, values: list[float], shift: float
) -> None:
    before = run(kind, values, screen_outliers=False)
    after = run(kind, [v + shift for v in values], screen_outliers=False)
    scale = 1 + max(abs(v) for v in values) + abs(shift)
    for p, q in zip(before.points, after.points, strict=True):
        for line in LINES:
            a, b = getattr(p, line), getattr(q, line)
            assert close(None if a is None else a + shift, b, scale), line


@pytest.mark.parametrize("kind", [ChartType.I, ChartType.RUN])
@given(values=values_strategy, factor=st.floats(min_value=0.01, max_value=100))
@settings(max_examples=60, deadline=None)
def test_scaling_scales_the_centre_and_limits(kind: ChartType, values: list[float], factor: float) -> None:
    before = run(kind, values, screen_outliers=False)
    after = run(kind, [v * factor for v in values], screen_outliers=False)
    scale = (1 + max(abs(v) for v in values)) * max(factor, 1)
    for p, q in zip(before.points, after.points, strict=True):
        for line in LINES:
            a, b = getattr(p, line), getattr(q, line)
            assert close(None if a is None else a * factor, b, scale), line


@given(
    counts=st.lists(st.tuples(st.integers(0, 50), st.integers(1, 50)), min_size=1, max_size=40),
    laney=st.booleans(),
)
@settings(max_examples=80, deadline=None)
def test_p_chart_limits_stay_between_zero_and_one(counts: list[tuple[int, int]], laney: bool) -> None:
    nums = tuple(float(min(y, n)) for y, n in counts)
    dens = tuple(float(n) for _, n in counts)
    kind = ChartType.PP if laney else ChartType.P
    result = compute_qic(
        Series(x=tuple(range(len(nums))), values=nums, denominators=dens), Options(chart=kind)
    )
    for p in result.points:
        for line in ("lower", "upper", "lower_2sigma", "upper_2sigma"):
            v = getattr(p, line)
            assert v is None or 0.0 <= v <= 1.0


@given(values=values_strategy)
@settings(max_examples=60, deadline=None)
def test_the_runs_figures_of_a_run_chart_are_consistent(values: list[float]) -> None:
    (phase,) = run(ChartType.RUN, values).phases
    if phase.longest_run is None:
        assert not phase.runs_signal
        return
    assert phase.crossings is not None
    assert phase.crossings_min is not None
    assert phase.longest_run_max is not None
    assert 1 <= phase.longest_run <= len(values)
    assert phase.runs_signal == (
        phase.longest_run > phase.longest_run_max or phase.crossings < phase.crossings_min
    )
