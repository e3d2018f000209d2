"""The QMS balance page and the panel on the unit's page."""

from __future__ import annotations

from tests.evaluation import helpers


def test_the_balance_page_shows_the_picture_and_its_table(signed_in, trust):
    helpers.quality_year(trust)
    page = signed_in("dana_division").get(f"/evaluation/units/{trust.ward_a.pk}/balance/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "QMS balance of Ward A: activity in each component by month" in page
    assert "Activity of Ward A by component" in page
    assert "Ward A beside its sibling units" in page
    assert "Ward B" in page
    assert "style=" not in page.split("<main", 1)[1]


def test_the_unit_page_has_the_panel_for_staff_only(signed_in, trust, client):
    page = signed_in("mo_member").get(f"/units/{trust.ward_a.pk}/").content.decode()
    assert "QMS balance and maturity" in page
    assert f"/evaluation/units/{trust.ward_a.pk}/maturity/" in page
    client.logout()
    page = signed_in("sue_service_user").get(f"/units/{trust.ward_a.pk}/").content.decode()
    assert "QMS balance and maturity" not in page
