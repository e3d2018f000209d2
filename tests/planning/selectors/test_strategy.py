"""Which priorities apply to a unit (ADR 24): all of the organisation's, those whose outcome
measures are reported or whose improvement projects run in the unit's sub-tree first."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.organisations import services
from openqms.planning.selectors.strategy import unit_priorities
from openqms.planning.services.strategy import set_outcome_measures
from tests.control import pages_helpers as control
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def _titles(rows) -> list[str]:
    return [r.priority.title for r in rows]


def test_priorities_whose_work_reaches_the_sub_tree_come_first_with_what_reaches_it(trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    waits = services.add_priority(actor=None, organisation=trust.org, title="Care without waiting")
    services.add_priority(actor=None, organisation=trust.org, title="A great place to work")
    falls = control.measure(trust.ward_a, name="Falls")
    set_outcome_measures(actor=None, priority=harm, definitions=[falls.definition])
    h.project(trust, "ward_b", title="Faster discharge", strategic_priority=waits)
    sam = trust.people["sam_senior"]

    ward_a = unit_priorities(sam, trust.ward_a)
    assert _titles(ward_a.touching) == ["No avoidable harm"]
    assert ward_a.touching[0].reaches == ["1 outcome measure reported here"]
    assert _titles(ward_a.others) == ["Care without waiting", "A great place to work"]

    elderly = unit_priorities(sam, trust.elderly_care)
    assert _titles(elderly.touching) == ["No avoidable harm", "Care without waiting"]
    assert elderly.touching[1].reaches == ["1 improvement project here"]
    assert _titles(unit_priorities(sam, trust.theatres).touching) == []


def test_no_one_outside_the_organisation_reads_its_priorities(trust):
    services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    assert not unit_priorities(trust.people["otto_other_admin"], trust.ward_a).may_read
    assert unit_priorities(trust.people["sue_service_user"], trust.ward_a).may_read


def test_the_unit_page_says_how_the_units_work_fits_the_strategy(signed_in, trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    set_outcome_measures(actor=None, priority=harm, definitions=[control.measure(trust.ward_a).definition])
    page = signed_in("mo_member").get(reverse("unit", args=[trust.ward_a.pk])).content.decode()
    assert "How our work fits the strategy" in page
    assert "No avoidable harm" in page
    assert "1 outcome measure reported here" in page
