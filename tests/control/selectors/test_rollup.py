"""Roll-up above the reporting teams: sums of values, or sums of numerators over sums of denominators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.control.selectors import measures as selectors
from tests.control import pages_helpers as h


def test_a_ratio_rolls_up_as_summed_numerators_over_summed_denominators(trust):
    definition = h.definition(
        trust.board, name="Harm free", data_shape="ratio", chart_type="xmr", multiplier=100, rollup="ratio",
        direction="increase",
    )  # fmt: skip
    small, big = h.measure(trust.ward_a, definition), h.measure(trust.ward_b, definition)
    h.monthly_ratios(small, [(1, 2)] * 12)  # 50% of 2 patients
    h.monthly_ratios(big, [(99, 100)] * 12)  # 99% of 100 patients

    series = selectors.rollup(trust.people["sam_senior"], definition, trust.elderly_care)

    assert series.numerators[0] == 100
    assert series.denominators[0] == 102
    assert series.result.points[0].value == pytest.approx(100 / 102 * 100)  # not (50 + 99) / 2
    assert series.reporting_units == 2


def test_a_p_chart_roll_up_is_shown_per_hundred(trust):
    definition = h.definition(
        trust.board, name="Harm free p", data_shape="ratio", chart_type="p", multiplier=100, rollup="ratio",
        direction="increase",
    )  # fmt: skip
    h.monthly_ratios(h.measure(trust.ward_a, definition), [(1, 2)] * 12)
    h.monthly_ratios(h.measure(trust.ward_b, definition), [(99, 100)] * 12)
    series = selectors.rollup(trust.people["sam_senior"], definition, trust.elderly_care)
    assert series.result.points[0].value == pytest.approx(100 / 102 * 100)


def test_a_sum_rolls_up_as_the_sum_of_values_per_period(trust):
    definition = h.definition(trust.board, name="Falls", rollup="sum")
    h.monthly_values(h.measure(trust.ward_a, definition), [1.0, 2, 3])
    h.monthly_values(h.measure(trust.ward_b, definition), [10.0, 20])
    series = selectors.rollup(trust.people["sam_senior"], definition, trust.elderly_care)
    assert series.values == [11, 22, 3]


def test_the_roll_up_only_adds_the_units_the_person_may_see(trust):
    definition = h.definition(trust.board, name="Falls", rollup="sum")
    h.monthly_values(h.measure(trust.ward_a, definition), [1.0, 2, 3])
    h.monthly_values(h.measure(trust.ward_b, definition), [10.0, 20, 30])
    tess = trust.people["tess_team_leader"]
    assert selectors.rollup(tess, definition, trust.elderly_care).values == [1, 2, 3]


def test_the_roll_up_reads_the_descendants_data_in_one_query(trust, django_assert_num_queries):
    definition = h.definition(trust.board, name="Falls", rollup="sum")
    for unit in (trust.ward_a, trust.ward_b, trust.theatres):
        h.monthly_values(h.measure(unit, definition), h.STEADY)
    sam = trust.people["sam_senior"]
    selectors.rollup(sam, definition, trust.board)  # reads the person's roles once
    with django_assert_num_queries(1):
        selectors.rollup(sam, definition, trust.board)


def test_the_roll_up_page_charts_the_series_for_a_unit_above_the_teams(signed_in, trust):
    definition = h.definition(trust.board, name="Falls", rollup="sum")
    h.monthly_values(h.measure(trust.ward_a, definition), h.STEADY)
    client = signed_in("dana_division")
    html = client.get(reverse("control:rollup", args=[definition.pk, trust.medicine.pk])).content.decode()
    assert "<svg" in html
    assert "Sum of values" in html
    definition_page = client.get(reverse("control:definition", args=[definition.pk])).content.decode()
    assert reverse("control:rollup", args=[definition.pk, trust.medicine.pk]) in definition_page
