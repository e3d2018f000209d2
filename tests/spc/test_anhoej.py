"""Anhøj's runs analysis: longest run, crossings and their limits, as qicharts2 0.8.1 computes them."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openqms.spc.anhoej import (
    RunsAnalysis,
    crossings_min,
    longest_run_max,
    runs_analysis,
    runs_analysis_by_phase,
)

# Anhøj & Olesen (2014), table 1: useful observations -> (longest run limit, fewest crossings).
ANHOEJ_TABLE = {
    10: (6, 2),
    11: (6, 2),
    12: (7, 3),
    13: (7, 3),
    14: (7, 4),
    15: (7, 4),
    16: (7, 4),
    17: (7, 5),
    18: (7, 5),
    19: (7, 6),
    20: (7, 6),
    21: (7, 6),
    22: (7, 7),
    23: (8, 7),
    24: (8, 8),
    25: (8, 8),
    26: (8, 8),
    27: (8, 9),
    28: (8, 9),
    29: (8, 10),
    30: (8, 10),
    40: (8, 14),
    50: (9, 19),
}


def test_it_finds_nothing_in_an_empty_series() -> None:
    assert runs_analysis(np.array([]), 0.0) == RunsAnalysis(0, 0, None, None, None, None, False)


def test_it_counts_one_point_as_one_run_without_a_signal() -> None:
    result = runs_analysis(np.array([3.0]), 1.0)
    assert (result.n_useful, result.longest_run, result.crossings) == (1, 1, 0)
    assert (result.longest_run_max, result.crossings_min, result.runs_signal) == (3, 0, False)


def test_it_drops_points_on_the_centre_line_and_missing_points() -> None:
    result = runs_analysis(np.array([1.0, 2.0, math.nan, 2.0, 1.0, 3.0]), 2.0)
    assert result.n_obs == 6
    assert result.n_useful == 3
    assert (result.longest_run, result.crossings) == (2, 1)


def test_a_point_on_the_centre_line_does_not_break_a_run() -> None:
    result = runs_analysis(np.array([3.0, 3.0, 2.0, 3.0, 1.0]), 2.0)
    assert result.longest_run == 3


def test_it_gives_nothing_when_every_point_is_on_the_centre_line() -> None:
    result = runs_analysis(np.array([2.0, 2.0]), 2.0)
    assert result.n_useful == 0
    assert result.longest_run is None
    assert result.runs_signal is False


def test_it_counts_crossings_as_runs_less_one() -> None:
    result = runs_analysis(np.array([1, 3, 1, 3, 3, 1], dtype=float), 2.0)
    assert (result.crossings, result.longest_run) == (4, 2)


def test_it_accepts_one_centre_per_point() -> None:
    result = runs_analysis(np.array([1.0, 1.0, 5.0, 5.0]), np.array([0.0, 2.0, 4.0, 6.0]))
    assert (result.longest_run, result.crossings) == (1, 3)


def test_it_signals_a_run_longer_than_the_limit() -> None:
    values = np.array([1.0] * 8 + [-1.0, 1.0] * 2)
    result = runs_analysis(values, 0.0)
    assert result.n_useful == 12
    assert result.longest_run_max == 7
    assert result.runs_signal


def test_a_run_as_long_as_the_limit_is_no_signal() -> None:
    values = np.array([1.0] * 7 + [-1.0, 1.0, -1.0, 1.0, -1.0])
    result = runs_analysis(values, 0.0)
    assert result.longest_run == result.longest_run_max == 7
    assert result.crossings is not None
    assert result.crossings >= 3
    assert not result.runs_signal


def test_it_signals_too_few_crossings() -> None:
    # Five runs of six: no run is too long, but four crossings in 30 points are too few.
    values = np.array(([1.0] * 6 + [-1.0] * 6) * 2 + [1.0] * 6)
    result = runs_analysis(values, 0.0)
    assert result.n_useful == 30
    assert result.longest_run == 6
    assert result.crossings == 4
    assert result.crossings_min == 10
    assert result.runs_signal


@pytest.mark.parametrize(("n", "expected"), sorted(ANHOEJ_TABLE.items()))
def test_it_gives_anhoejs_published_limits(n: int, expected: tuple[int, int]) -> None:
    assert (longest_run_max(n), crossings_min(n)) == expected


def test_crossings_minimum_is_the_binomial_five_percent_quantile() -> None:
    for n in range(1, 400):
        trials = n - 1
        k = crossings_min(n)
        cdf = sum(math.comb(trials, i) for i in range(k + 1)) / 2**trials
        below = sum(math.comb(trials, i) for i in range(k)) / 2**trials
        assert cdf >= 0.05 > below, n


def test_the_binomial_quantile_of_very_long_series_agrees_with_the_exact_one() -> None:
    from openqms.spc import anhoej

    for trials in (999, 5_000, 20_001, 25_000):
        assert anhoej._binomial_half_quantile_05_logs(trials) == anhoej._binomial_half_quantile_05_exact(
            trials
        )
    assert crossings_min(1_000_001) == anhoej._binomial_half_quantile_05_logs(1_000_000)


def test_the_longest_run_limit_rounds_log2_like_r() -> None:
    assert [longest_run_max(n) for n in (1, 2, 3, 5, 6, 11, 12, 22, 23)] == [3, 4, 5, 5, 6, 6, 7, 7, 8]


def test_the_longest_run_limit_needs_a_useful_point() -> None:
    with pytest.raises(ValueError, match="at least one"):
        longest_run_max(0)


@given(st.lists(st.sampled_from([-1.0, 1.0]), min_size=1, max_size=200))
def test_longest_run_and_crossings_agree_with_a_plain_count(signs: list[float]) -> None:
    result = runs_analysis(np.array(signs), 0.0)
    runs = [1]
    for a, b in itertools.pairwise(signs):
        if a == b:
            runs[-1] += 1
        else:
            runs.append(1)
    assert result.longest_run == max(runs)
    assert result.crossings == len(runs) - 1
    assert sum(runs) == result.n_useful


def test_it_analyses_each_phase_on_its_own_in_one_pass() -> None:
    values = np.array([1.0, 1.0, 1.0, -1.0, -1.0, 5.0, 5.0, 5.0, 5.0])
    phases = np.array([0, 0, 0, 0, 0, 1, 1, 1, 1])
    first, second, third = runs_analysis_by_phase(values, 0.0, phases, n_phases=3)
    assert (first.n_useful, first.longest_run, first.crossings) == (5, 3, 1)
    # A run does not carry over from one phase to the next.
    assert (second.n_useful, second.longest_run, second.crossings) == (4, 4, 0)
    assert third == RunsAnalysis(0, 0, None, None, None, None, False)


def test_phase_analysis_leaves_out_values_not_included() -> None:
    values = np.array([1.0, -1.0, 1.0, 1.0])
    (result,) = runs_analysis_by_phase(values, 0.0, np.zeros(4), include=np.array([True, False, True, True]))
    assert (result.n_obs, result.n_useful, result.longest_run, result.crossings) == (3, 3, 3, 0)


@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from([-2.0, -1.0, 0.0, 1.0, 2.0, math.nan]), st.booleans()),
        max_size=80,
    )
)
def test_phase_analysis_agrees_with_analysing_each_phase_alone(rows: list[tuple[int, float, bool]]) -> None:
    rows = sorted(rows, key=lambda r: r[0])
    phases = np.array([r[0] for r in rows], dtype=np.intp)
    values = np.array([r[1] for r in rows])
    include = np.array([r[2] for r in rows], dtype=bool)
    together = runs_analysis_by_phase(values, 0.0, phases, include=include, n_phases=4)
    for k in range(4):
        alone = runs_analysis(values[(phases == k) & include], 0.0)
        assert together[k] == alone
