"""Activity by component and month, for a unit and the units it is compared with."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from openqms.evaluation.selectors.balance import activity, compared_units, month_starts
from openqms.organisations import services as organisations
from tests.control import pages_helpers as control
from tests.evaluation import helpers


def test_months_end_with_the_month_of_the_day_given():
    assert month_starts(dt.date(2026, 2, 17), 3) == [
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]


def test_each_kind_of_activity_is_counted_in_its_month(trust):
    helpers.quality_year(trust)
    found = activity(trust.people["tess_team_leader"], [trust.ward_a], helpers.UNTIL)
    ward = found.units[0]
    assert ward.by_kind["data"] == [1] * 12
    assert ward.by_kind["huddles"] == [0, 0] + [1] * 10
    assert ward.by_kind["cycles"][5] == 1
    assert sum(ward.by_kind["cycles"]) == 1
    assert ward.component("control") == [1, 1] + [2] * 10
    assert sum(ward.component("assurance")) == 0


def test_a_parent_counts_its_sub_units_activity_and_a_sibling_its_own(trust):
    helpers.quality_year(trust)
    found = activity(
        trust.people["dana_division"], [trust.elderly_care, trust.ward_a, trust.ward_b], helpers.UNTIL
    )
    elderly, ward_a, ward_b = found.units
    assert elderly.total("huddles") == ward_a.total("huddles") == 10
    assert ward_b.total("huddles") == 0


def test_setting_a_strategic_priority_is_planning_at_the_top_of_the_organisation(trust):
    organisations.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    today = dt.date.today()
    found = activity(trust.people["sam_senior"], [trust.board, trust.medicine], today)
    board, medicine = found.units
    assert board.by_kind["plans"][-1] == 1
    assert sum(medicine.by_kind["plans"]) == 0


def test_units_are_compared_with_their_siblings_and_the_top_with_its_sub_units(trust):
    sam = trust.people["sam_senior"]
    assert compared_units(sam, trust.ward_a) == [trust.ward_a, trust.ward_b]
    assert compared_units(sam, trust.board) == [trust.board, trust.medicine, trust.surgery]
    # Tess sees Ward A's quality data but not Ward B's.
    assert compared_units(trust.people["tess_team_leader"], trust.ward_a) == [trust.ward_a]


def test_the_number_of_queries_does_not_grow_with_units_or_series(trust):
    user = trust.people["sam_senior"]
    helpers.quality_year(trust)
    roots = compared_units(user, trust.board)
    with CaptureQueriesContext(connection) as small:
        activity(user, roots, helpers.UNTIL)
    for unit in (trust.ward_b, trust.theatres):
        control.monthly_values(control.measure(unit), [3.0] * 24, start=dt.date(2024, 1, 1))
    with CaptureQueriesContext(connection) as larger:
        activity(user, roots, helpers.UNTIL)
    assert len(larger) == len(small) <= 10
