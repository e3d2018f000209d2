"""The portfolio's stage counts: every project the person may see here, whatever the filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from openqms.improvement.selectors.projects import portfolio
from openqms.improvement.services.projects import record_progress
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_the_stage_counts_are_the_same_with_and_without_a_filter(trust):
    testing = h.project(trust, title="Testing")
    record_progress(
        actor=None, project=testing, stage="testing", score=Decimal("1.5"), on=dt.date(2023, 2, 1)
    )
    h.project(trust, title="An idea")
    h.project(trust, "other_team", title="Riverside's")  # not Mo's to see
    mo = trust.people["mo_member"]

    unfiltered = portfolio(mo, None)
    filtered = portfolio(mo, None, stage="testing")

    assert [r.project.title for r in unfiltered.rows] == ["An idea", "Testing"]
    assert [r.project.title for r in filtered.rows] == ["Testing"]
    assert unfiltered.stage_counts == filtered.stage_counts == {"idea": 1, "testing": 1}
    assert portfolio(mo, trust.ward_a, sponsored=True).stage_counts == {"idea": 1, "testing": 1}
