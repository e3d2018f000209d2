"""A report's period, as the command line and the start form write it."""

from __future__ import annotations

import datetime as dt

import pytest

from openqms.reporting.periods import Period, UnknownPeriod

TODAY = dt.date(2026, 12, 2)


def test_a_month_reads_as_its_name():
    assert Period.parse("2026-11", today=TODAY).label == "November 2026"


def test_a_quarter_is_the_three_months_holding_the_month():
    quarter = Period.parse("2026-08", quarterly=True, today=TODAY)
    assert (quarter.start, quarter.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert quarter.label == "July to September 2026"
    assert quarter.previous.start == dt.date(2026, 4, 1)


@pytest.mark.parametrize("text", ["2026-13", "November", "2026/11", ""])
def test_a_period_that_is_not_a_month_is_refused_with_the_format(text):
    with pytest.raises(UnknownPeriod, match="YYYY-MM"):
        Period.parse(text, today=TODAY)


def test_a_month_still_to_come_is_refused():
    with pytest.raises(UnknownPeriod, match="has not started yet"):
        Period.parse("2027-01", today=TODAY)


def test_december_is_followed_by_january():
    assert Period(dt.date(2026, 12, 1)).following.start == dt.date(2027, 1, 1)
    assert Period(dt.date(2026, 1, 1)).previous.start == dt.date(2025, 12, 1)
