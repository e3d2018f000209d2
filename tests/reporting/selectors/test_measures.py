"""The report's measure rows: read from the stored snapshots in a fixed number of queries, stale
data flagged, and roll-ups that add numerators and denominators."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openqms.control.imports.checks import DataPoint
from openqms.control.services.data import save_data
from openqms.control.services.measures import add_measure
from openqms.reporting import contents
from tests.control.factories import definition, measure, month
from tests.reporting import helpers as h


def _queries(trust, unit="medicine"):
    report = h.report(trust, unit)
    contents.build(trust.people["dana_division"], report)  # the person's roles, read once per request
    with CaptureQueriesContext(connection) as captured:
        contents.build(trust.people["dana_division"], report)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_series(trust):
    def add(n):
        for i in range(n):
            unit = trust.ward_a if i % 2 else trust.ward_b
            measure(unit, [5.0, 6, 7, 5, 6, 8, 5, 6], name=f"Measure {unit.code} {i}", default_target=6.0)

    add(2)
    few = _queries(trust)
    add(10)
    assert _queries(trust) == few


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
