""" "You said, we did": the rows for a unit's sub-tree and period, what they say and what they hide,
for whom, at what cost in queries, and a published page that stays as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from openqms.nhsuk.dates import date_text
from openqms.planning.selectors.you_said import YouSaidRow, rows_for, you_said_we_did
from openqms.planning.services import feedback as feedback_services
from openqms.planning.services import needs as need_services
from openqms.planning.services import you_said as publishing
from tests.improvement import helpers as improvement
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db
JAN, MAR = dt.date(2026, 1, 1), dt.date(2026, 3, 31)


def test_feedback_is_quoted_only_with_consent_and_shows_what_came_of_it(trust):
    mo = trust.people["mo_member"]
    h.feedback(trust, kind="compliment", text="Lovely food", may_quote=True)
    private = h.feedback(trust, text="My name is Jo and my hip hurt")
    feedback_services.answer_feedback(actor=mo, feedback=private, response="We changed the pain rounds")
    feedback_services.feedback_to_action(
        actor=mo, feedback=private, title="Hourly pain checks", due_on=dt.date(2030, 1, 1)
    )
    project = improvement.project(trust, "ward_a", title="Pain relief at night")
    feedback_services.link_project(actor=mo, feedback=private, project=project)
    feedback_services.feedback_to_need(
        actor=mo, feedback=private, title="Pain checked at night", who_affected="Patients"
    )

    rows = [
        r
        for r in you_said_we_did(trust.people["tess_team_leader"], trust.ward_a, JAN, MAR)
        if r.kind == "feedback"
    ]
    by_text = {r.you_said: r for r in rows}
    assert "“Lovely food”" in by_text
    assert all("Jo" not in r.you_said for r in rows)
    [row] = [r for r in rows if r.you_said.startswith("Someone raised a concern")]
    assert row.we_did == [
        "We answered: We changed the pain rounds",
        "Action: Hourly pain checks (open)",
        "Improvement project: Pain relief at night (idea)",
        "Need on the register: Pain checked at night (new)",
    ]
    assert row.outcome == "Answered"
    assert by_text["“Lovely food”"].outcome == "Received"


def test_needs_show_their_outcome_and_what_answers_them(trust):
    need = h.need(trust, by="sue_service_user")
    need_services.triage_need(
        actor=None,
        need=need,
        impact=2,
        reach=1,
        status="declined",
        decline_reason="A room is being built next year",
    )
    need_services.need_to_action(actor=None, need=need, title="Ask estates", due_on=dt.date(2030, 1, 1))
    today = need.created_at.date()
    [row] = you_said_we_did(trust.people["mo_member"], trust.ward_a, today, today)
    assert row == YouSaidRow(
        kind="need",
        unit="Ward A",
        on=today.isoformat(),
        you_said="We need: A quiet room for families",
        we_did=["Action: Ask estates (open)"],
        outcome="Declined: A room is being built next year",
        when=date_text(today),
    )


def test_the_rows_cover_the_sub_tree_and_the_period_for_staff_only(trust):
    h.feedback(trust, "ward_a", text="In", received_on=dt.date(2026, 2, 1), may_quote=True)
    h.feedback(
        trust,
        "ward_b",
        text="Ward B",
        received_on=dt.date(2026, 2, 1),
        may_quote=True,
        actor=trust.people["colin_clinician"],
    )
    h.feedback(trust, "ward_a", text="Too early", received_on=dt.date(2025, 12, 31), may_quote=True)
    dana = trust.people["dana_division"]
    assert [r.you_said for r in you_said_we_did(dana, trust.elderly_care, JAN, MAR)] == ["“In”", "“Ward B”"]
    assert [r.you_said for r in you_said_we_did(dana, trust.ward_a, JAN, MAR)] == ["“In”"]
    assert you_said_we_did(trust.people["sue_service_user"], trust.ward_a, JAN, MAR) == []
    assert you_said_we_did(trust.people["ada_admin"], trust.ward_a, JAN, MAR) == []


def test_the_number_of_queries_does_not_grow_with_the_rows(trust, django_assert_max_num_queries):
    mo = trust.people["mo_member"]
    for i in range(12):
        f = h.feedback(trust, text=f"Item {i}", received_on=dt.date(2026, 2, 1))
        feedback_services.feedback_to_action(
            actor=mo, feedback=f, title=f"Do {i}", due_on=dt.date(2030, 1, 1)
        )
        h.need(trust, title=f"Need {i}")
    today = dt.date.today()
    with django_assert_max_num_queries(12):
        rows = rows_for(trust.ward_a, JAN, max(MAR, today))
    assert len(rows) == 24


def test_a_published_page_stays_as_published_and_publishing_again_changes_nothing(trust):
    h.feedback(trust, text="Before", received_on=dt.date(2026, 2, 1), may_quote=True)
    page = publishing.publish(
        actor=trust.people["tess_team_leader"], unit=trust.ward_a, starts_on=JAN, ends_on=MAR
    )
    h.feedback(trust, text="After", received_on=dt.date(2026, 2, 2), may_quote=True)
    again = publishing.publish(actor=None, unit=trust.ward_a, starts_on=JAN, ends_on=MAR)
    assert again == page
    again.refresh_from_db()
    assert [r["you_said"] for r in again.rows] == ["“Before”"]
    with pytest.raises(Exception, match="must end on or after"):
        publishing.publish(actor=None, unit=trust.ward_a, starts_on=MAR, ends_on=JAN)
