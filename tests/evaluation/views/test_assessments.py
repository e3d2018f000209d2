"""The self-assessment pages: starting, rating and completing, with what a person is told when
their input is wrong, and a completed assessment's evidence staying as it was."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openqms.control.services.huddles import record_huddle
from openqms.evaluation.models import Rating, SelfAssessment
from tests.evaluation import helpers


def test_a_team_leader_starts_this_years_self_assessment(signed_in, trust):
    client = signed_in("tess_team_leader")
    year = timezone.localdate().year
    response = client.post(f"/evaluation/units/{trust.ward_a.pk}/maturity/", {"year": str(year)})
    found = SelfAssessment.objects.get(unit=trust.ward_a)
    assert response.status_code == 302
    assert response["Location"] == f"/evaluation/maturity/{found.pk}/"
    assert found.year == year


def test_a_wrong_year_is_named_and_nothing_is_started(signed_in, trust):
    client = signed_in("tess_team_leader")
    url = f"/evaluation/units/{trust.ward_a.pk}/maturity/"
    for year, message in [
        ("", "Enter the year the self-assessment covers"),
        ("twenty", "Year must be a year, like 2026"),
        ("1999", "Year must be between 2000 and"),
    ]:
        response = client.post(url, {"year": year})
        assert response.status_code == 400
        assert message in response.content.decode()
        assert 'href="#id_year"' in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_a_clinician_reads_but_is_not_offered_to_start_or_rate(signed_in, trust):
    found = helpers.assessment(trust)
    client = signed_in("colin_clinician")
    page = client.get(f"/evaluation/units/{trust.ward_a.pk}/maturity/").content.decode()
    assert "Start the self-assessment" not in page
    page = client.get(f"/evaluation/maturity/{found.pk}/").content.decode()
    assert "Rate this statement" not in page
    assert "Measures with enough data for SPC" in page


def test_rating_a_statement_without_a_level_or_evidence_says_which_is_missing(signed_in, trust):
    found = helpers.assessment(trust)
    client = signed_in("tess_team_leader")
    response = client.post(f"/evaluation/maturity/{found.pk}/statements/CO2/", {"level": "", "evidence": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the level that describes this part of your QMS" in page
    assert "Enter the evidence for this rating" in page
    response = client.post(
        f"/evaluation/maturity/{found.pk}/statements/CO2/", {"level": "9", "evidence": "x"}
    )
    assert "Choose a level from the list" in response.content.decode()
    assert not Rating.objects.exists()


def test_completing_before_every_statement_is_rated_says_which_are_left(signed_in, trust):
    found = helpers.assessment(trust)
    client = signed_in("tess_team_leader")
    response = client.post(f"/evaluation/maturity/{found.pk}/complete/", follow=True)
    assert (
        "Rate every statement before completing the self-assessment: PL1, PL2, CO1"
        in response.content.decode()
    )
    found.refresh_from_db()
    assert not found.is_completed


def test_a_completed_assessment_keeps_its_evidence_when_new_data_arrive(signed_in, trust):
    helpers.quality_year(trust)
    found = helpers.assessment(trust, rate=True)
    client = signed_in("tess_team_leader")
    assert client.post(f"/evaluation/maturity/{found.pk}/complete/").status_code == 302
    before = client.get(f"/evaluation/maturity/{found.pk}/").content.decode()
    assert "10 huddles in the period" in before
    record_huddle(
        actor=trust.people["tess_team_leader"], unit=trust.ward_a, held_on=dt.date(helpers.YEAR, 12, 20)
    )
    after = client.get(f"/evaluation/maturity/{found.pk}/").content.decode()
    assert "10 huddles in the period" in after
    assert "11 huddles" not in after
    again = client.post(f"/evaluation/maturity/{found.pk}/complete/", follow=True).content.decode()
    assert "was already completed; nothing changed" in again


def test_the_unit_page_compares_years_and_units(signed_in, trust):
    for unit, year in [("ward_a", 2024), ("ward_a", 2025), ("ward_b", 2025)]:
        helpers.assessment(trust, unit, year, rate=True)
    page = signed_in("dana_division").get(f"/evaluation/units/{trust.ward_a.pk}/maturity/").content.decode()
    assert "Mean level of each theme by year, Ward A" in page
    assert "Ward B 2025" in page
    assert "style=" not in page.split("<main", 1)[1]
