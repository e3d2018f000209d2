"""The live evidence for a unit's sub-tree over a period."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from openqms.evaluation.selectors.evidence import Evidence, evidence_for
from tests.control import pages_helpers as control
from tests.evaluation import helpers

START = dt.date(helpers.YEAR, 1, 1)


def test_it_counts_what_the_unit_did_in_the_period(trust):
    helpers.quality_year(trust)
    found = evidence_for(trust.people["tess_team_leader"], trust.ward_a, START, helpers.UNTIL)
    assert found["measures_spc_current"].text == "1 of 1 measures (100%)"
    assert (
        found["huddles_held"].text == "10 huddles in the period; 1 of 1 teams held one in its last four weeks"
    )
    assert found["pdsa_cycles"].text == "0 of 1 cycles (0%)"
    assert found["projects_with_measures"].text == "0 of 1 projects (0%)"
    assert found["audits_on_time"].text == "No audits were due in the period."
    assert found["plans_approved_on_time"].text == "No annual quality plan has been drafted here."
    assert found["plans_approved_on_time"].share is None


def test_a_measure_without_data_for_the_latest_period_is_not_current(trust):
    helpers.quality_year(trust)
    stale = control.measure(trust.ward_a)
    control.monthly_values(stale, [5.0] * 20, start=dt.date(2023, 1, 1))  # to August 2024
    found = evidence_for(trust.people["tess_team_leader"], trust.ward_a, START, helpers.UNTIL)
    assert (found["measures_spc_current"].count, found["measures_spc_current"].total) == (1, 2)


def test_it_reads_only_what_the_person_may_see(trust):
    helpers.quality_year(trust)
    found = evidence_for(trust.people["sue_service_user"], trust.ward_a, START, helpers.UNTIL)
    assert found["measures_spc_current"].text == "No measures in this part of the organisation."
    assert found["huddles_held"].count == 0


def test_evidence_keeps_its_figures_as_plain_values():
    e = Evidence("audits_on_time", "Audits", "3 of 4 audits (75%)", 3, 4)
    assert Evidence.from_plain(e.as_plain()) == e
    assert e.share == 0.75


def test_the_number_of_queries_does_not_grow_with_the_sub_tree(trust):
    user = trust.people["sam_senior"]
    helpers.quality_year(trust)
    evidence_for(user, trust.board, START, helpers.UNTIL)  # the person's roles, read once per request
    with CaptureQueriesContext(connection) as small:
        evidence_for(user, trust.board, START, helpers.UNTIL)
    for unit in (trust.ward_b, trust.theatres):
        m = control.measure(unit)
        control.monthly_values(m, [3.0] * 24, start=dt.date(2024, 1, 1))
    with CaptureQueriesContext(connection) as larger:
        evidence_for(user, trust.board, START, helpers.UNTIL)
    assert len(larger) == len(small) <= 20


def test_plans_count_as_on_time_when_approved_by_the_first_day_of_their_year(trust):
    from openqms.planning.models import PlanStatus, QualityPlan

    on_time = dt.datetime(helpers.YEAR, 3, 20, 12, tzinfo=dt.UTC)
    late = dt.datetime(helpers.YEAR, 5, 2, 12, tzinfo=dt.UTC)
    QualityPlan.objects.create(
        unit=trust.ward_a, year=helpers.YEAR, status=PlanStatus.APPROVED, approved_at=on_time
    )
    QualityPlan.objects.create(
        unit=trust.ward_b, year=helpers.YEAR, status=PlanStatus.APPROVED, approved_at=late
    )
    QualityPlan.objects.create(unit=trust.ward_a, year=helpers.YEAR + 1, status=PlanStatus.DRAFT)
    found = evidence_for(trust.people["sam_senior"], trust.board, START, dt.date(helpers.YEAR, 12, 31))
    assert found["plans_approved_on_time"].text == "1 of 2 plans (50%)"
