"""The report's measure rows: read from the stored snapshots in a fixed number of queries, stale
data flagged, and roll-ups that add numerators and denominators."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openqms.control.imports.checks import DataPoint
from openqms.control.services.data import save_data
from openqms.control.services.measures import add_measure
from openqms.nhsuk.dates import date_text
from openqms.reporting import contents, presenters, rendering
from tests.control.factories import definition, measure, month
from tests.reporting import helpers as h


def _queries(trust, unit="medicine", period=None):
    report = h.report(trust, unit, period=period)
    contents.build(trust.people["dana_division"], report)  # the person's roles, read once per request
    with CaptureQueriesContext(connection) as captured:
        contents.build(trust.people["dana_division"], report)
    return len(captured.captured_queries)


@pytest.mark.parametrize("months_back", [0, 1], ids=["this month", "last month, recomputed"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_series(trust, months_back):
    period = h.this_month().previous if months_back else h.this_month()
    start = month(h.this_month().start, -9)  # up to this month: last month's report recomputes each

    def add(n, first):
        for i in range(first, first + n):
            unit = trust.ward_a if i % 2 else trust.ward_b
            measure(unit, [5.0, 6, 7, 5, 6, 8, 5, 6, 7, 20], start=start, name=f"Measure {i}",
                    default_target=6.0, direction="decrease")  # fmt: skip

    add(6, 0)
    n = _queries(trust, period=period)
    add(6, 6)
    assert _queries(trust, period=period) == n


def test_a_report_for_last_month_shows_the_chart_as_it_stood_at_the_end_of_last_month(trust):
    this, last = h.this_month(), h.this_month().previous
    steady = [10.0, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11]
    # Steady up to last month, then this month a point far above the limits: today, a concern.
    measure(trust.ward_a, [*steady, 40.0], start=month(this.start, -20), name="Falls",
            direction="decrease", default_target=15.0)  # fmt: skip
    tess = trust.people["tess_team_leader"]
    (now,) = contents.build(tess, h.report(trust))["measures"]
    past_report = contents.build(tess, h.report(trust, period=last))
    (past,) = past_report["measures"]
    assert (now["latest"], now["variation"]) == ("40", "concern_high")
    assert past["latest"] == "11"
    assert past["updated_to"] == last.start.isoformat()
    assert past["variation"] == "common_cause"
    assert past["assurance"] == "consistent_pass"
    assert float(past["upper"]) < 40
    assert past_report["charts"] == []
    assert past_report["cover"]["data_to"] == date_text(last.end)


def test_a_measure_with_no_point_by_the_end_of_the_period_has_no_data_in_its_report(trust):
    measure(trust.ward_a, [5.0], start=h.this_month().start, name="Falls")
    (row,) = contents.build(
        trust.people["tess_team_leader"], h.report(trust, period=h.this_month().previous)
    )["measures"]
    assert (row["latest"], row["variation"], row["stale"]) == ("", "", True)


def test_a_measure_not_added_up_is_shown_once_above_the_teams_with_a_row_per_unit(trust):
    turnover = definition(trust.medicine, name="Staff turnover", direction="decrease")
    for unit in (trust.ward_a, trust.ward_b):
        m = add_measure(actor=None, definition=turnover, unit=unit)
        save_data(actor=None, points=[DataPoint(m.pk, month(h.this_month().start, -i), value=10.0 + i % 3)
                                      for i in range(12)])  # fmt: skip
    data = contents.build(trust.people["dana_division"], h.report(trust, "medicine"))
    (group,) = presenters.groups_of(data["measures"], "domain")
    (family,) = group.families
    assert family.name == "Staff turnover"
    assert [row.data["unit"] for row in family.rows] == ["Ward A", "Ward B"]
    html = rendering.body_html(data)
    table = html.split('id="summary"')[1].split('id="matrix"')[0]
    assert table.count("Staff turnover") == 1
    assert "By unit: 2 units, not added up" in table


def test_a_ratio_rolls_up_as_the_sum_of_numerators_over_the_sum_of_denominators(trust):
    rate = definition(trust.medicine, name="Catheter infections", data_shape="ratio", rollup="ratio",
                      multiplier=1000.0, direction="decrease")  # fmt: skip
    start = month(h.this_month().start, -11)
    for unit, (num, den) in ((trust.ward_a, (1.0, 100.0)), (trust.ward_b, (9.0, 900.0))):
        m = add_measure(actor=None, definition=rate, unit=unit)
        save_data(actor=None, points=[DataPoint(m.pk, month(start, i), numerator=num, denominator=den)
                                      for i in range(12)])  # fmt: skip
    data = contents.build(trust.people["dana_division"], h.report(trust, "medicine"))
    (row,) = [r for r in data["measures"] if r["name"] == "Catheter infections"]
    assert row["rolled_up"] == 2
    assert row["unit"] == "Medicine (roll-up of 2 units)"
    assert row["latest"] == "10"  # (1 + 9) / (100 + 900) × 1,000, not the mean of the rates


@pytest.mark.parametrize(("months_old", "stale"), [(0, False), (1, False), (3, True)])
def test_data_older_than_the_frequency_allows_are_flagged_stale(trust, months_old, stale):
    end = month(h.this_month().start, -months_old)
    measure(trust.ward_a, [5.0] * 12, start=month(end, -11), name="Falls")
    data = contents.build(trust.people["tess_team_leader"], h.report(trust))
    assert data["measures"][0]["stale"] is stale
