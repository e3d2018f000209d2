"""Hand-made checks of each qicharts2 chart rule, from the smallest series up."""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence

import pytest

from openqms.spc.qic import QIC_CHARTS, compute_qic
from openqms.spc.types import (
    AssuranceIcon,
    ChartType,
    Direction,
    Options,
    PointType,
    Result,
    Rule,
    Series,
    VariationIcon,
)

RATIO_CHARTS = (ChartType.P, ChartType.PP, ChartType.U, ChartType.UP)


def series(values: Sequence[float | None], denominators: Sequence[float | None] | None = None) -> Series:
    return Series(
        x=tuple(range(1, len(values) + 1)),
        values=tuple(values),
        denominators=None if denominators is None else tuple(denominators),
    )


def chart(kind: ChartType, values: Sequence[float | None], **options: object) -> Result:
    return compute_qic(series(values), Options(chart=kind, **options))


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-12, abs=1e-12)


STABLE = [10.0, 12.0, 11.0, 13.0, 9.0, 10.0, 12.0, 11.0, 10.0, 12.0, 11.0, 13.0]


# --- the smallest series ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(QIC_CHARTS))
def test_an_empty_series_gives_no_points_no_phases_and_no_icons(kind: ChartType) -> None:
    empty = Series(x=(), values=(), denominators=() if kind in RATIO_CHARTS else None)
    result = compute_qic(empty, Options(chart=kind))
    assert (result.points, result.phases) == ((), ())
    assert result.variation_icon is None
    assert result.assurance_icon is None


@pytest.mark.parametrize("kind", sorted(QIC_CHARTS))
def test_a_single_point_gives_one_phase_without_a_signal(kind: ChartType) -> None:
    one = Series(x=(1,), values=(4.0,), denominators=(10.0,) if kind in RATIO_CHARTS else None)
    result = compute_qic(one, Options(chart=kind))
    assert len(result.points) == 1
    assert [(ph.index, ph.start, ph.n, ph.runs_signal) for ph in result.phases] == [(0, 0, 1, False)]
    assert result.points[0].point_type is PointType.COMMON_CAUSE
    assert result.points[0].rules == frozenset()


def test_a_single_point_has_a_centre_but_no_limits_on_an_i_chart() -> None:
    (point,) = chart(ChartType.I, [4.0]).points
    assert point.centre == 4.0
    assert (point.lower, point.upper, point.lower_2sigma, point.upper_2sigma) == (None,) * 4


def test_it_refuses_the_xmr_chart_which_is_not_qicharts2s() -> None:
    with pytest.raises(ValueError, match="xmr"):
        chart(ChartType.XMR, [1.0])


def test_it_refuses_values_and_x_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="length"):
        compute_qic(Series(x=(1, 2), values=(1.0,)), Options(chart=ChartType.I))


# --- run and i charts ------------------------------------------------------------------------


def test_a_run_chart_centre_is_the_median_and_it_has_no_limits() -> None:
    result = chart(ChartType.RUN, [3.0, 1.0, 4.0, 1.0, 5.0, 9.0])
    assert {p.centre for p in result.points} == {3.5}
    assert all(p.lower is None and p.upper is None and p.upper_2sigma is None for p in result.points)
    assert result.assurance_icon is None


def test_an_i_chart_centre_is_the_mean_and_sigma_the_mean_moving_range_over_1_128() -> None:
    result = chart(ChartType.I, STABLE, screen_outliers=False)
    mean = statistics.fmean(STABLE)
    sigma = statistics.fmean(abs(b - a) for a, b in itertools.pairwise(STABLE)) / 1.128
    p = result.points[0]
    assert p.centre == approx(mean)
    assert (p.lower, p.upper) == (approx(mean - 3 * sigma), approx(mean + 3 * sigma))
    assert (p.lower_2sigma, p.upper_2sigma) == (approx(mean - 2 * sigma), approx(mean + 2 * sigma))


def test_it_screens_moving_ranges_of_3_267_times_their_mean_or_more() -> None:
    values = [10.0, 11.0] * 10 + [60.0] + [10.0, 11.0] * 2
    ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
    amr = statistics.fmean(ranges)
    kept = [r for r in ranges if r < 3.267 * amr]
    assert len(kept) == len(ranges) - 2
    screened = chart(ChartType.I, values).points[0]
    unscreened = chart(ChartType.I, values, screen_outliers=False).points[0]
    assert screened.upper is not None
    assert unscreened.upper is not None
    assert screened.upper - screened.centre == approx(3 * statistics.fmean(kept) / 1.128)
    assert unscreened.upper - unscreened.centre == approx(3 * amr / 1.128)


def test_it_flags_points_strictly_outside_the_limits() -> None:
    values = [*STABLE, 30.0, -10.0]
    result = chart(ChartType.I, values)
    flagged = [i for i, p in enumerate(result.points) if Rule.OUTSIDE_LIMITS in p.rules]
    assert flagged == [12, 13]


def test_missing_values_are_gaps_that_keep_the_limits_of_an_i_chart() -> None:
    values: list[float | None] = [*STABLE[:5], None, *STABLE[5:]]
    result = chart(ChartType.I, values)
    gap = result.points[5]
    assert gap.value is None
    assert gap.upper == result.points[0].upper
    assert gap.point_type is PointType.COMMON_CAUSE
    assert result.phases[0].n == 13


# --- the moving range chart -------------------------------------------------------------------


def test_an_mr_chart_starts_with_a_missing_range_and_its_upper_limit_is_3_267_times_the_mean() -> None:
    result = chart(ChartType.MR, [1.0, 3.0, 2.0, 6.0])
    assert [p.value for p in result.points] == [None, 2.0, 1.0, 4.0]
    p = result.points[1]
    assert p.centre == approx(7 / 3)
    assert (p.lower, p.upper) == (0.0, approx(3.267 * 7 / 3))
    assert (p.lower_2sigma, p.upper_2sigma) == (0.0, approx(3.267 / 3 * 2 * 7 / 3))


def test_an_mr_chart_has_no_runs_analysis() -> None:
    result = chart(ChartType.MR, [float(i % 2) for i in range(40)])
    (phase,) = result.phases
    assert (phase.longest_run, phase.longest_run_max, phase.crossings, phase.crossings_min) == (None,) * 4
    assert phase.runs_signal is False
    assert all(Rule.SHIFT not in p.rules for p in result.points)


# --- p, pp, u and up ----------------------------------------------------------------------------


def test_a_p_chart_centre_is_the_total_over_the_total_denominator() -> None:
    result = compute_qic(series([1.0, 9.0], [10.0, 30.0]), Options(chart=ChartType.P))
    assert result.points[0].centre == approx(10 / 40)
    assert result.points[0].value == approx(0.1)
    assert result.points[0].upper == approx(0.25 + 3 * math.sqrt(0.25 * 0.75 / 10))
    assert result.points[1].upper == approx(0.25 + 3 * math.sqrt(0.25 * 0.75 / 30))


def test_it_clips_p_chart_limits_at_zero_and_one() -> None:
    result = compute_qic(series([1.0, 2.0, 1.0], [2.0, 2.0, 2.0]), Options(chart=ChartType.P))
    p = result.points[0]
    assert (p.lower, p.upper, p.lower_2sigma, p.upper_2sigma) == (0.0, 1.0, 0.0, 1.0)


def test_a_u_chart_clips_only_its_lower_limit() -> None:
    result = compute_qic(series([1.0, 2.0, 1.0], [2.0, 2.0, 2.0]), Options(chart=ChartType.U))
    p = result.points[0]
    cl = 4 / 6
    assert p.lower == 0.0
    assert p.upper == approx(cl + 3 * math.sqrt(cl / 2))
    assert p.upper is not None
    assert p.upper > 1


def test_laney_charts_widen_the_limits_by_the_spread_of_the_z_scores() -> None:
    nums = [20.0, 35.0, 28.0, 40.0, 22.0, 31.0]
    dens = [100.0, 120.0, 110.0, 130.0, 90.0, 100.0]
    cl = sum(nums) / sum(dens)
    sigmas = [math.sqrt(cl * (1 - cl) / n) for n in dens]
    z = [(y / n - cl) / s for y, n, s in zip(nums, dens, sigmas, strict=True)]
    sigma_z = statistics.fmean(abs(b - a) for a, b in itertools.pairwise(z)) / 1.128
    result = compute_qic(series(nums, dens), Options(chart=ChartType.PP, screen_outliers=False))
    for p, s in zip(result.points, sigmas, strict=True):
        assert p.upper == approx(cl + 3 * s * sigma_z)
    u = compute_qic(series(nums, dens), Options(chart=ChartType.UP, screen_outliers=False))
    cl_u = cl
    s_u = [math.sqrt(cl_u / n) for n in dens]
    z_u = [(y / n - cl_u) / s for y, n, s in zip(nums, dens, s_u, strict=True)]
    sz_u = statistics.fmean(abs(b - a) for a, b in itertools.pairwise(z_u)) / 1.128
    assert u.points[0].upper == approx(cl_u + 3 * s_u[0] * sz_u)


@pytest.mark.parametrize("kind", RATIO_CHARTS)
def test_ratio_charts_need_denominators(kind: ChartType) -> None:
    with pytest.raises(ValueError, match="denominators"):
        chart(kind, [1.0, 2.0])


@pytest.mark.parametrize("kind", RATIO_CHARTS)
def test_a_subgroup_missing_its_numerator_or_denominator_is_missing_altogether(kind: ChartType) -> None:
    result = compute_qic(series([3.0, None, 4.0, 5.0], [10.0, 10.0, None, 10.0]), Options(chart=kind))
    assert result.points[0].centre == approx(8 / 20)
    for p in result.points[1:3]:
        assert (p.value, p.lower, p.upper) == (None, None, None)


# --- c, g and t -----------------------------------------------------------------------------------


def test_a_c_chart_uses_the_square_root_of_the_mean_and_stops_at_zero() -> None:
    result = chart(ChartType.C, [2.0, 0.0, 1.0, 3.0])
    p = result.points[0]
    assert p.centre == 1.5
    assert p.upper == approx(1.5 + 3 * math.sqrt(1.5))
    assert (p.lower, p.lower_2sigma) == (0.0, 0.0)


def test_a_g_chart_draws_the_median_but_takes_sigma_from_the_mean() -> None:
    values = [1.0, 2.0, 30.0, 5.0, 4.0]
    p = chart(ChartType.G, values).points[0]
    mean = statistics.fmean(values)
    assert p.centre == 4.0
    assert p.upper == approx(mean + 3 * math.sqrt(mean * (mean + 1)))
    assert p.lower == 0.0


def test_a_t_chart_is_an_i_chart_of_the_times_to_the_power_1_over_3_6() -> None:
    values = [5.0, 9.0, 7.0, 12.0, 6.0, 8.0]
    t = chart(ChartType.T, values, screen_outliers=False)
    i = chart(ChartType.I, [v ** (1 / 3.6) for v in values], screen_outliers=False)
    p, q = t.points[0], i.points[0]
    assert q.centre is not None
    assert q.upper is not None
    assert q.lower is not None
    assert p.centre == approx(q.centre**3.6)
    assert p.upper == approx(q.upper**3.6)
    assert p.lower == (approx(q.lower**3.6) if q.lower > 0 else 0.0)
    assert [pt.value for pt in t.points] == values


def test_a_t_chart_refuses_times_of_zero_or_less() -> None:
    with pytest.raises(ValueError, match="greater than zero"):
        chart(ChartType.T, [3.0, 0.0, 2.0])


# --- xbar and s -------------------------------------------------------------------------------


def subgroup_series(groups: list[list[float]]) -> Series:
    x = tuple(k for k, g in enumerate(groups) for _ in g)
    return Series(x=x, values=tuple(v for g in groups for v in g))


def test_xbar_and_s_charts_make_one_point_per_run_of_equal_x() -> None:
    groups = [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [3.0, 3.0, 3.0]]
    xbar = compute_qic(subgroup_series(groups), Options(chart=ChartType.XBAR))
    s = compute_qic(subgroup_series(groups), Options(chart=ChartType.S))
    assert [p.x for p in xbar.points] == [0, 1, 2]
    assert [p.value for p in xbar.points] == [2.0, 4.0, 3.0]
    assert [p.value for p in s.points] == [approx(1.0), approx(2.0), 0.0]


def test_xbar_and_s_limits_use_the_c4_constants_for_equal_subgroups() -> None:
    groups = [[10.0, 12.0, 11.0, 13.0, 9.0], [11.0, 10.0, 12.0, 14.0, 10.0], [9.0, 11.0, 10.0, 12.0, 13.0]]
    sds = [statistics.stdev(g) for g in groups]
    grand = statistics.fmean(v for g in groups for v in g)
    sbar = statistics.fmean(sds)
    xbar = compute_qic(subgroup_series(groups), Options(chart=ChartType.XBAR)).points[0]
    s = compute_qic(subgroup_series(groups), Options(chart=ChartType.S)).points[0]
    # Textbook constants for n = 5: A3 = 1.427, B3 = 0, B4 = 2.089.
    assert xbar.centre == approx(grand)
    assert xbar.upper == pytest.approx(grand + 1.427 * sbar, abs=1e-3)
    assert s.centre == approx(sbar)
    assert s.lower == 0.0
    assert s.upper == pytest.approx(2.089 * sbar, abs=1e-3)


def test_an_s_chart_pools_variances_when_subgroup_sizes_differ() -> None:
    groups = [[1.0, 3.0], [2.0, 4.0, 9.0], [5.0, 5.0, 6.0, 8.0]]
    pooled = math.sqrt(
        sum((len(g) - 1) * statistics.variance(g) for g in groups) / sum(len(g) - 1 for g in groups)
    )
    s = compute_qic(subgroup_series(groups), Options(chart=ChartType.S))
    assert s.points[0].centre == approx(pooled)
    assert s.points[0].upper != s.points[2].upper


# --- parts, freeze and exclude ------------------------------------------------------------------


def test_parts_are_computed_independently() -> None:
    values = STABLE + [v + 20 for v in STABLE]
    whole = chart(ChartType.I, values, rebase_at=(12,))
    first = chart(ChartType.I, STABLE)
    second = chart(ChartType.I, values[12:])
    assert [p.phase for p in whole.points] == [0] * 12 + [1] * 12
    assert whole.points[0].upper == first.points[0].upper
    assert whole.points[12].upper == second.points[0].upper
    assert [(ph.index, ph.start, ph.n, ph.first_x) for ph in whole.phases] == [(0, 0, 12, 1), (1, 12, 12, 13)]
    assert whole.phases[1].centre == second.phases[0].centre


def test_parts_outside_the_series_are_ignored() -> None:
    result = chart(ChartType.RUN, STABLE, rebase_at=(0, 40))
    assert len(result.phases) == 1


def test_freeze_takes_centre_and_limits_from_the_first_points_only() -> None:
    values = STABLE + [v + 20 for v in STABLE]
    frozen = chart(ChartType.I, values, fix_after=12)
    baseline = chart(ChartType.I, STABLE)
    assert {p.upper for p in frozen.points} == {baseline.points[0].upper}
    assert len(frozen.phases) == 1
    assert frozen.phases[0].runs_signal


def test_freeze_is_ignored_when_parts_are_given_as_in_qicharts2() -> None:
    values = STABLE + [v + 20 for v in STABLE]
    both = chart(ChartType.I, values, fix_after=6, rebase_at=(12,))
    parts = chart(ChartType.I, values, rebase_at=(12,))
    assert [p.upper for p in both.points] == [p.upper for p in parts.points]
    assert both.warnings


def test_exclude_leaves_a_point_out_of_the_centre_limits_and_runs_but_draws_it() -> None:
    values = [*STABLE[:4], 100.0, *STABLE[4:]]
    excluded = chart(ChartType.I, values, exclude=(4,))
    plain = chart(ChartType.I, STABLE)
    assert excluded.points[4].value == 100.0
    assert excluded.points[4].centre == plain.points[0].centre
    # The moving range then spans the gap, so the limits differ a little from dropping the point.
    assert excluded.points[4].upper == approx(
        plain.points[0].centre
        + 3 * statistics.fmean(abs(b - a) for a, b in itertools.pairwise(STABLE)) / 1.128
    )
    assert Rule.OUTSIDE_LIMITS in excluded.points[4].rules
    assert excluded.phases[0].longest_run == plain.phases[0].longest_run


# --- point types, rules and icons -------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "high", "low"),
    [
        (Direction.INCREASE, PointType.IMPROVEMENT, PointType.CONCERN),
        (Direction.DECREASE, PointType.CONCERN, PointType.IMPROVEMENT),
        (Direction.NEITHER, PointType.NEUTRAL_HIGH, PointType.NEUTRAL_LOW),
    ],
)
def test_points_outside_the_limits_are_typed_by_direction(
    direction: Direction, high: PointType, low: PointType
) -> None:
    result = chart(ChartType.I, [*STABLE, 30.0, -10.0], direction=direction)
    assert result.points[12].point_type is high
    assert result.points[13].point_type is low
    assert result.points[0].point_type is PointType.COMMON_CAUSE


def test_a_part_with_a_runs_signal_marks_its_useful_points_as_a_shift() -> None:
    values = [1.0] * 10 + [2.0] + [3.0] * 10
    result = chart(ChartType.RUN, values)
    assert result.phases[0].runs_signal
    assert [Rule.SHIFT in p.rules for p in result.points] == [True] * 10 + [False] + [True] * 10
    assert result.points[0].point_type is PointType.CONCERN
    assert result.points[-1].point_type is PointType.IMPROVEMENT
    assert result.points[10].point_type is PointType.COMMON_CAUSE


def test_moving_range_special_causes_are_neutral_whatever_the_direction() -> None:
    result = chart(ChartType.MR, [*STABLE, 40.0], direction=Direction.DECREASE)
    assert result.points[-1].point_type is PointType.NEUTRAL_HIGH


def test_the_variation_icon_is_read_from_the_last_point() -> None:
    assert chart(ChartType.I, [*STABLE, 30.0]).variation_icon is VariationIcon.IMPROVEMENT_HIGH
    assert chart(ChartType.I, STABLE).variation_icon is VariationIcon.COMMON_CAUSE
    down = chart(ChartType.I, [*STABLE, -10.0], direction=Direction.NEITHER)
    assert down.variation_icon is VariationIcon.NEUTRAL_LOW


@pytest.mark.parametrize(
    ("target", "direction", "icon"),
    [
        (100.0, Direction.INCREASE, AssuranceIcon.CONSISTENT_FAIL),
        (100.0, Direction.DECREASE, AssuranceIcon.CONSISTENT_PASS),
        (-100.0, Direction.INCREASE, AssuranceIcon.CONSISTENT_PASS),
        (11.0, Direction.INCREASE, AssuranceIcon.INCONSISTENT),
        (100.0, Direction.NEITHER, None),
        (None, Direction.INCREASE, None),
    ],
)
def test_the_assurance_icon_compares_the_target_with_the_last_limits(
    target: float | None, direction: Direction, icon: AssuranceIcon | None
) -> None:
    result = chart(ChartType.I, STABLE, target=target, direction=direction)
    assert result.assurance_icon is icon
    assert result.points[-1].target == target


def test_targets_can_change_per_point() -> None:
    targets = tuple([None] * 6 + [5.0] * 6)
    result = chart(ChartType.C, STABLE, targets=targets)
    assert [p.target for p in result.points] == list(targets)
    with pytest.raises(ValueError, match="targets"):
        chart(ChartType.C, STABLE, targets=(1.0,))


def test_the_public_compute_hands_qicharts2_charts_to_compute_qic() -> None:
    from openqms.spc.api import compute

    options = Options(chart=ChartType.C, rebase_at=(6,))
    assert compute(series(STABLE), options) == compute_qic(series(STABLE), options)
