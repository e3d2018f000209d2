"""Tick marks and scales: nice numeric steps, calendar-aligned dates, and how x values are placed."""

from __future__ import annotations

import datetime as dt
import itertools
import math

from hypothesis import given
from hypothesis import strategies as st

from openqms.spc.render.axes import (
    build_x_scale,
    date_ticks,
    format_number,
    format_value,
    format_x,
    nice_ticks,
    step_decimals,
)

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


def is_nice(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 2.5, 5, 10))


@given(finite, finite, st.integers(min_value=3, max_value=12))
def test_ticks_cover_the_range_and_are_evenly_spaced_on_a_nice_step(a, b, max_ticks):
    lo, hi = min(a, b), max(a, b)
    ticks = nice_ticks(lo, hi, max_ticks)
    assert 2 <= len(ticks) <= max_ticks
    assert ticks[0] <= lo
    assert ticks[-1] >= hi
    steps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert all(
        math.isclose(s, steps[0], rel_tol=1e-6, abs_tol=1e-9 * max(abs(lo), abs(hi), 1)) for s in steps
    )
    assert is_nice(steps[0])


@given(finite, st.integers(min_value=3, max_value=10))
def test_a_flat_series_still_gets_an_axis_around_its_value(value, max_ticks):
    ticks = nice_ticks(value, value, max_ticks)
    assert ticks[0] < value < ticks[-1] or (ticks[0] <= value <= ticks[-1] and len(ticks) >= 2)


def test_familiar_ranges_get_the_ticks_a_person_would_choose():
    assert nice_ticks(0.13, 0.87, 6) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert nice_ticks(41, 64.6, 6) == [40, 45, 50, 55, 60, 65]
    assert nice_ticks(0, 0.1, 6) == [0.0, 0.02, 0.04, 0.06, 0.08, 0.1]


def test_tick_labels_show_just_the_decimals_the_step_needs_with_thousands_separators():
    assert step_decimals([0.0, 0.25, 0.5]) == 2
    assert step_decimals([1000.0, 2000.0]) == 0
    assert format_number(12500.0, 0) == "12,500"
    assert format_number(-0.0, 1) == "0.0"


def test_values_in_prose_keep_about_four_significant_figures():
    assert format_value(52.791666) == "52.79"
    assert format_value(1234.56) == "1,235"
    assert format_value(0.045678) == "0.0457"
    assert format_value(10.0) == "10"


def test_a_long_monthly_series_gets_month_ticks_on_a_regular_month_step():
    ticks = date_ticks(dt.date(2021, 1, 1), dt.date(2024, 12, 1), 8)
    assert len(ticks) <= 8
    assert ticks[0][1] == "Jan 2021" or ticks[0][1] == "2021"
    ordinals = [dt.date.fromordinal(int(t)) for t, _ in ticks]
    assert all(d.day == 1 for d in ordinals)
    gaps = {(b.year - a.year) * 12 + b.month - a.month for a, b in itertools.pairwise(ordinals)}
    assert len(gaps) == 1


def test_yearly_steps_are_labelled_by_year_alone():
    ticks = date_ticks(dt.date(2000, 1, 1), dt.date(2024, 1, 1), 6)
    assert all(len(label) == 4 and label.isdigit() for _, label in ticks)


def test_a_span_of_weeks_gets_day_and_month_labels_on_mondays():
    ticks = date_ticks(dt.date(2024, 3, 1), dt.date(2024, 4, 15), 8)
    assert [label for _, label in ticks][:2] == ["4 Mar", "11 Mar"]
    assert all(dt.date.fromordinal(int(t)).weekday() == 0 for t, _ in ticks)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.integers(0, 4000),
    st.integers(2, 12),
)
def test_date_ticks_stay_inside_the_span_and_never_exceed_the_limit(first, days, max_ticks):
    last = first + dt.timedelta(days=days)
    ticks = date_ticks(first, last, max_ticks)
    assert len(ticks) <= max_ticks
    assert all(first.toordinal() <= t <= last.toordinal() for t, _ in ticks)
    assert [t for t, _ in ticks] == sorted(t for t, _ in ticks)


def test_dates_are_placed_by_time_so_uneven_sampling_shows():
    scale = build_x_scale([dt.date(2024, 1, 1), dt.date(2024, 1, 2), dt.date(2024, 1, 31)])
    assert scale.kind == "time"
    assert scale.positions[2] - scale.positions[1] == 29
    assert scale.position_of("2024-01-15") == dt.date(2024, 1, 15).toordinal()
    assert scale.position_of("not a date") is None


def test_text_labels_are_spaced_evenly_and_annotations_find_them_by_label():
    scale = build_x_scale(["Q1", "Q2", "Q3"])
    assert scale.kind == "index"
    assert scale.positions == (0.0, 1.0, 2.0)
    assert scale.position_of("Q3") == 2.0
    assert scale.position_of("Q9") is None


def test_numbers_are_placed_by_value():
    scale = build_x_scale([1, 2, 10])
    assert scale.kind == "number"
    assert scale.position_of(5) == 5.0
    assert all(label for _, label in scale.ticks(5))


def test_x_values_read_as_months_for_monthly_series_and_days_otherwise():
    assert format_x(dt.date(2024, 3, 1), monthly=True) == "Mar 2024"
    assert format_x(dt.date(2024, 3, 3)) == "3 Mar 2024"
    assert format_x(dt.datetime(2024, 3, 3, 14, 30)) == "3 Mar 2024 14:30"
