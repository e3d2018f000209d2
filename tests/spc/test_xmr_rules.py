"""Each Making Data Count rule on tiny hand-made series, then the chart as a whole on edge cases."""

from __future__ import annotations

import dataclasses
import math
import pickle

import numpy as np
import pytest

from openqms.spc import (
    AssuranceIcon,
    Direction,
    Options,
    Point,
    PointType,
    Rule,
    Series,
    VariationIcon,
    compute,
    rules,
)
from openqms.spc.xmr import SHORT_GROUP_WARNING


def starts(n: int, *at: int) -> np.ndarray:
    s = np.zeros(n, dtype=bool)
    if n:
        s[0] = True
    s[list(at)] = True
    return s


def sides(*v: int) -> np.ndarray:
    return np.array(v, dtype=np.int8)


def series(*values: float | None) -> Series:
    return Series(x=tuple(range(1, len(values) + 1)), values=tuple(values))


# --- the shift rule ----------------------------------------------------------------------------


def test_it_flags_seven_points_above_the_mean() -> None:
    flags = rules.shift(sides(-1, 1, 1, 1, 1, 1, 1, 1, -1), starts(9))
    assert flags.tolist() == [False] + [True] * 7 + [False]


def test_it_does_not_flag_six_points_on_one_side() -> None:
    assert not rules.shift(sides(1, 1, 1, 1, 1, 1, -1), starts(7)).any()


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    assert not rules.shift(sides(1, 1, 1, 0, 1, 1, 1, 1), starts(8)).any()


def test_a_new_phase_breaks_a_shift() -> None:
    assert not rules.shift(sides(*[1] * 10), starts(10, 5)).any()
    assert rules.shift(sides(*[1] * 10), starts(10, 3)).tolist() == [False] * 3 + [True] * 7


def test_it_flags_every_point_of_a_long_run() -> None:
    assert rules.shift(sides(*[-1] * 12), starts(12)).all()


# --- the trend rule ----------------------------------------------------------------------------


def test_it_flags_seven_strictly_rising_points() -> None:
    part, direction = rules.trend(np.array([5.0, 1, 2, 3, 4, 5, 6, 7, 0]), starts(9))
    assert part.tolist() == [False] + [True] * 7 + [False]
    assert direction[1:8].tolist() == [1] * 7


def test_it_does_not_flag_six_rising_points() -> None:
    part, _ = rules.trend(np.array([1.0, 2, 3, 4, 5, 6]), starts(6))
    assert not part.any()


def test_a_tie_breaks_a_trend() -> None:
    part, _ = rules.trend(np.array([1.0, 2, 3, 3, 4, 5, 6, 7]), starts(8))
    assert not part.any()


def test_a_missing_value_breaks_a_trend() -> None:
    part, _ = rules.trend(np.array([1.0, 2, 3, np.nan, 4, 5, 6, 7]), starts(8))
    assert not part.any()


def test_it_flags_a_falling_trend_as_decreasing() -> None:
    part, direction = rules.trend(np.arange(7, 0, -1, dtype=float), starts(7))
    assert part.all()
    assert (direction == -1).all()


def test_a_peak_between_two_trends_takes_the_direction_to_its_right() -> None:
    y = np.array([1.0, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])
    part, direction = rules.trend(y, starts(13))
    assert part.all()
    assert direction[6] == -1  # the peak: its right-hand step falls
    assert direction[:6].tolist() == [1] * 6


# --- the two-in-three rule ---------------------------------------------------------------------


def test_it_flags_two_of_three_close_points_on_one_side() -> None:
    close = np.array([False, True, False, True, False])
    flags = rules.two_of_three(close, sides(1, 1, 1, 1, -1), starts(5))
    assert flags.tolist() == [False, True, False, True, False]


def test_two_close_points_need_all_three_on_the_same_side() -> None:
    close = np.array([True, False, True])
    assert not rules.two_of_three(close, sides(1, -1, 1), starts(3)).any()


def test_a_window_of_three_does_not_cross_a_phase() -> None:
    close = np.array([True, True, False, False])
    assert not rules.two_of_three(close, sides(1, 1, 1, 1), starts(4, 1)).any()


def test_one_close_point_is_not_enough() -> None:
    assert not rules.two_of_three(np.array([False, True, False]), sides(1, 1, 1), starts(3)).any()


# --- the chart on edge cases -------------------------------------------------------------------


def test_an_empty_series_has_no_points_and_no_icons() -> None:
    result = compute(Series(x=(), values=()), Options())
    assert result.points == ()
    assert result.phases == ()
    assert result.variation_icon is None
    assert result.assurance_icon is None


def test_one_point_has_a_centre_but_no_limits() -> None:
    result = compute(series(5.0), Options(target=1.0))
    (p,) = result.points
    assert p.centre == 5.0
    assert p.lower is None
    assert p.upper is None
    assert p.point_type is PointType.COMMON_CAUSE
    assert result.variation_icon is VariationIcon.COMMON_CAUSE
    assert result.assurance_icon is AssuranceIcon.INCONSISTENT  # NaN limits compare false in R
    assert result.warnings == (SHORT_GROUP_WARNING,)


def test_the_limits_are_the_mean_plus_and_minus_2_66_mean_moving_ranges() -> None:
    result = compute(series(1.0, 3.0, 2.0, 4.0), Options(screen_outliers=False))
    amr = (2 + 1 + 2) / 3
    p = result.points[0]
    assert p.centre == pytest.approx(2.5)
    assert p.upper == pytest.approx(2.5 + 2.66 * amr)
    assert p.lower == pytest.approx(2.5 - 2.66 * amr)
    assert p.upper_2sigma == pytest.approx(2.5 + 2 * 2.66 / 3 * amr)


def test_it_screens_out_moving_ranges_of_3_267_mean_moving_ranges_or_more() -> None:
    values = (10.0, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 40, 10, 11)
    screened = compute(series(*values), Options()).points[0]
    unscreened = compute(series(*values), Options(screen_outliers=False)).points[0]
    assert screened.upper is not None
    assert unscreened.upper is not None
    assert screened.upper < unscreened.upper
    mean = sum(values) / len(values)
    assert screened.upper == pytest.approx(mean + 2.66 * 1.0)  # only the ranges of 1 are kept


def test_a_constant_series_with_screening_has_no_limits_as_in_r() -> None:
    # Every moving range is 0 and 0 >= 3.267 * 0, so all are screened out and the mean of none is NaN.
    result = compute(series(*[4.0] * 15), Options())
    assert all(p.upper is None and p.centre == 4.0 for p in result.points)
    assert all(p.point_type is PointType.COMMON_CAUSE for p in result.points)


def test_a_point_on_the_limit_is_not_outside() -> None:
    # mean 0, mean moving range 1 (unscreened): upper limit exactly 2.66
    values = [0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5]
    result = compute(series(*values), Options(screen_outliers=False))
    assert result.points[0].upper == 2.66
    assert not any(Rule.OUTSIDE_LIMITS in p.rules for p in result.points)


def test_a_point_above_the_limit_is_an_improvement_when_increase_is_better() -> None:
    values = [10.0, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30]
    result = compute(series(*values), Options(direction=Direction.INCREASE))
    assert result.points[-1].rules >= {Rule.OUTSIDE_LIMITS}
    assert result.points[-1].point_type is PointType.IMPROVEMENT
    assert result.variation_icon is VariationIcon.IMPROVEMENT_HIGH


def test_a_point_above_the_limit_is_a_concern_when_decrease_is_better() -> None:
    values = [10.0, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30]
    result = compute(series(*values), Options(direction=Direction.DECREASE))
    assert result.points[-1].point_type is PointType.CONCERN
    assert result.variation_icon is VariationIcon.CONCERN_HIGH


def test_a_point_above_the_limit_is_neutral_high_when_neither_direction_is_better() -> None:
    values = [10.0, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30]
    result = compute(series(*values), Options(direction=Direction.NEITHER, target=5.0))
    assert result.points[-1].point_type is PointType.NEUTRAL_HIGH
    assert result.variation_icon is VariationIcon.NEUTRAL_HIGH
    assert result.assurance_icon is None  # no assurance without a direction


def test_outside_limits_leads_over_the_shift_it_is_part_of() -> None:
    values = [1.0, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 8, 8, 8, 8, 8, 8, 8]
    result = compute(series(*values), Options(screen_outliers=False))
    last = result.points[-1]
    assert {Rule.SHIFT} <= last.rules
    first_high = result.points[14]
    assert Rule.OUTSIDE_LIMITS in first_high.rules
    assert Rule.SHIFT in first_high.rules


def test_a_missing_value_is_common_cause_and_its_moving_ranges_drop() -> None:
    with_gap = compute(series(1.0, 3.0, None, 2.0, 4.0), Options(screen_outliers=False))
    gap = with_gap.points[2]
    assert gap.value is None
    assert gap.point_type is PointType.COMMON_CAUSE
    assert gap.rules == frozenset()
    assert gap.centre == pytest.approx(2.5)
    amr = (2 + 2) / 2  # |3-1| and |4-2|; the ranges next to the gap are NA
    assert gap.upper == pytest.approx(2.5 + 2.66 * amr)


def test_assurance_is_a_pass_when_the_target_is_below_the_lower_limit_and_increase_is_better() -> None:
    values = [50.0, 51, 50, 51, 50, 51, 50, 51, 50, 51, 50, 51, 50]
    assert compute(series(*values), Options(target=40.0)).assurance_icon is AssuranceIcon.CONSISTENT_PASS
    assert compute(series(*values), Options(target=60.0)).assurance_icon is AssuranceIcon.CONSISTENT_FAIL
    assert compute(series(*values), Options(target=50.5)).assurance_icon is AssuranceIcon.INCONSISTENT
    decrease = Options(target=40.0, direction=Direction.DECREASE)
    assert compute(series(*values), decrease).assurance_icon is AssuranceIcon.CONSISTENT_FAIL


def test_assurance_reads_the_last_target_when_targets_change() -> None:
    values = [50.0, 51, 50, 51, 50, 51, 50, 51, 50, 51, 50, 51, 50]
    targets = (60.0,) * 12 + (40.0,)
    result = compute(series(*values), Options(targets=targets))
    assert result.assurance_icon is AssuranceIcon.CONSISTENT_PASS
    assert result.points[0].target == 60.0


def test_a_rebase_starts_a_new_phase_with_its_own_limits() -> None:
    values = [10.0, 11] * 7 + [20.0, 21] * 7
    result = compute(series(*values), Options(rebase_at=(14,)))
    assert [ph.n for ph in result.phases] == [14, 14]
    assert result.points[0].centre == pytest.approx(10.5)
    assert result.points[-1].centre == pytest.approx(20.5)
    assert result.points[14].phase == 1
    assert result.phases[1].first_x == 15
    assert result.warnings == ()


def test_it_warns_when_a_phase_has_fewer_than_13_points() -> None:
    values = [10.0, 11] * 10
    assert compute(series(*values), Options(rebase_at=(8,))).warnings == (SHORT_GROUP_WARNING,)
    assert compute(series(*values[:13]), Options()).warnings == ()
    assert compute(series(*values[:12]), Options()).warnings == (SHORT_GROUP_WARNING,)


def test_fixing_the_limits_uses_only_the_first_n_points() -> None:
    values = [10.0, 11] * 6 + [30.0, 31] * 6
    result = compute(series(*values), Options(fix_after=12))
    assert result.points[-1].centre == pytest.approx(10.5)
    assert result.points[-1].point_type is PointType.IMPROVEMENT


def test_it_refuses_to_fix_the_limits_on_fewer_than_12_points() -> None:
    with pytest.raises(ValueError, match="at least 12"):
        compute(series(*[1.0, 2.0] * 8), Options(fix_after=11))


def test_it_refuses_a_rebase_outside_the_series() -> None:
    with pytest.raises(ValueError, match="outside the series"):
        compute(series(1.0, 2.0, 3.0), Options(rebase_at=(3,)))


def test_the_points_of_compute_are_the_constructors_points() -> None:
    result = compute(series(1.0, 2.5, 3.0, 9.0, 2.0, None, 4.0), Options(target=2.0))
    for p in result.points:
        rebuilt = Point(**{f.name: getattr(p, f.name) for f in dataclasses.fields(Point)})
        assert type(p) is Point
        assert p == rebuilt
        assert hash(p) == hash(rebuilt)
        assert repr(p) == repr(rebuilt)
        assert dataclasses.asdict(p) == dataclasses.asdict(rebuilt)
        assert list(vars(p).items()) == list(vars(rebuilt).items())  # the same attributes, in order
        assert pickle.loads(pickle.dumps(p)) == p  # noqa: S301 (our own bytes)
        assert dataclasses.replace(p, value=1.0) == dataclasses.replace(rebuilt, value=1.0)
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.centre = 0.0  # type: ignore[misc]


def test_the_mean_is_rs_corrected_mean_so_a_point_can_sit_exactly_on_it() -> None:
    # 0.1 + 0.2 + 0.3 summed in doubles gives a mean just above 0.2; R's corrected mean is 0.2.
    result = compute(series(0.1, 0.2, 0.3), Options())
    assert result.points[1].centre == 0.2
    assert not math.isnan(result.points[1].centre or math.nan)
