"""What the planning pages show, worked out in Python: score bands, a need's outcome in words,
the service model diagram, and the planning home page's links for each person."""

from __future__ import annotations

import pytest

from openqms.planning.presenters.home import needs_links
from openqms.planning.presenters.needs import band, outcome
from openqms.planning.service_model_svg import diagram
from tests.planning import needs_helpers as h


def test_score_bands_follow_the_documented_method():
    assert [band(s) for s in (None, 1, 7, 8, 14, 15, 25)] == [
        "Not scored yet", "1 (low)", "7 (low)", "8 (medium)", "14 (medium)", "15 (high)", "25 (high)",
    ]  # fmt: skip


def test_the_diagram_escapes_every_text_and_draws_one_box_per_step():
    svg = diagram(
        title="A&E <fast>",
        population="People",
        what="What",
        where="Where",
        who="Who",
        steps=["One", "Two", "<x>"],
    )
    assert "<fast>" not in svg
    assert "&lt;x&gt;" in svg
    assert svg.count("openqms-sm-box--step") == 3
    assert svg.count("openqms-sm-arrow") == 2
    assert "style=" not in svg
    assert diagram(title="t", population="p", what="w", where="w", who="w", steps=[]).count("Step ") == 0


@pytest.mark.django_db
def test_a_needs_outcome_in_words(trust):
    need = h.need(trust)
    assert outcome(need) == "The team has not looked at it yet."
    need.status, need.decline_reason = "declined", "No space"
    assert outcome(need) == "The team decided not to take it on: No space"


@pytest.mark.django_db
def test_the_home_page_offers_each_person_what_they_may_do_on_their_unit(trust):
    sue = [text for text, _ in needs_links(trust.people["sue_service_user"], trust.ward_a)]
    assert sue == [
        "Needs you raised",
        "Give feedback on Ward A",
        "Raise a need for Ward A",
        "Service models of Ward A",
    ]
    mo = [text for text, _ in needs_links(trust.people["mo_member"], trust.ward_a)]
    assert mo[:3] == ["Needs register", "Feedback on Ward A", "You said, we did: Ward A"]
    assert [t for t, _ in needs_links(trust.people["ada_admin"], trust.ward_a)] == ["Needs you raised"]
