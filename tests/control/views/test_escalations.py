"""Escalations from the pages: up every tier to the board, overdue flags above, who may act where."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from openqms.actions.models import Action
from openqms.control.models import EscalationProposal, EscalationTier
from tests.control import huddle_helpers as hh

pytestmark = pytest.mark.django_db


def _act(client, escalation, action, **data):
    return client.post(reverse(f"control:escalation-{action}", args=[escalation.pk]), data)


def test_an_escalation_goes_up_each_tier_to_the_board_and_is_resolved_there(client, trust):
    eli = hh.elderly_care_leader(trust)
    escalation = hh.escalation(trust)
    steps = [
        (eli, "Elderly Care tried the equipment library.", trust.medicine),
        (trust.people["dana_division"], "Medicine has no capital budget left.", trust.board),
    ]
    for person, note, next_unit in steps:
        client.force_login(person)
        assert _act(client, escalation, "tier", take="1").status_code == 302
        assert _act(client, escalation, "escalate", escalate_note=note).status_code == 302
        escalation.refresh_from_db()
        assert escalation.current_unit == next_unit
    client.force_login(trust.people["sam_senior"])
    response = _act(client, escalation, "resolve", resolution="Board approved two new hoists.")
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "resolved"
    tiers = list(escalation.tiers.all())
    assert [(t.unit, t.status) for t in tiers] == [
        (trust.ward_a, "escalated"),
        (trust.elderly_care, "escalated"),
        (trust.medicine, "escalated"),
        (trust.board, "resolved"),
    ]
    assert tiers[1].owner == eli
    assert "equipment library" in tiers[1].notes
    # Sam resolved without taking the tier first: the chain still says who did and what.
    assert tiers[3].owner == trust.people["sam_senior"]
    assert tiers[3].notes.endswith("Sam Senior: Resolved: Board approved two new hoists.")
    page = client.get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    for text in ("Ward A", "Elderly Care", "Medicine", "Northshire Hospitals Board", "Board approved"):
        assert text in page
    assert "Act for" not in page


def test_the_chain_shows_the_tiers_not_reached_yet(signed_in, trust):
    escalation = hh.escalation(trust)
    page = (
        signed_in("dana_division").get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    )
    assert page.count("Not reached") == 2  # Medicine and the board
    assert "Act for Elderly Care" in page
    assert "Escalate to Medicine" in page


def test_the_leader_who_passes_an_unowned_tier_on_is_recorded_as_its_owner(signed_in, trust):
    escalation = hh.escalation(trust)
    _act(signed_in("dana_division"), escalation, "escalate", escalate_note="Needs the board")
    tier = EscalationTier.objects.get(escalation=escalation, level=1)
    assert tier.owner == trust.people["dana_division"]


def test_a_leader_sets_the_owner_due_date_and_a_note_on_the_current_tier(signed_in, trust):
    escalation = hh.escalation(trust)
    colin = trust.people["colin_clinician"]
    due = timezone.localdate() + dt.timedelta(days=3)
    response = _act(
        signed_in("dana_division"),
        escalation,
        "tier",
        owner=str(colin.pk),
        due_on=due.isoformat(),
        note="Ask OT",
    )
    assert response.status_code == 302
    tier = EscalationTier.objects.get(escalation=escalation, level=1)
    assert (tier.owner, tier.due_on, tier.status) == (colin, due, "in_progress")
    assert tier.notes.endswith("Dana Division: Ask OT")


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("tier", {}, "Choose an owner, set a due date or add a note"),
        ("tier", {"owner": "999999"}, "Choose an owner from the list"),
        ("tier", {"due_on": "2020-01-01"}, "The due date must be today or later"),
        ("tier", {"due_on": "soon"}, "The due date must be a real date"),
        ("escalate", {"escalate_note": " "}, "Say what this tier did and why it goes further up"),
        ("resolve", {}, "Say how the escalation was resolved"),
    ],
)
def test_each_action_says_what_is_missing_and_changes_nothing(signed_in, trust, action, data, message):
    escalation = hh.escalation(trust)
    response = _act(signed_in("dana_division"), escalation, action, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    tier = EscalationTier.objects.get(escalation=escalation, level=1)
    assert (tier.status, tier.owner, tier.notes) == ("awaiting", None, "")


def test_leaders_above_act_only_when_the_escalation_reaches_their_tier(client, trust):
    eli = hh.elderly_care_leader(trust)
    escalation = hh.escalation(trust)
    for name in ("tess_team_leader", "dana_division", "sam_senior", "colin_clinician", "mo_member"):
        client.force_login(trust.people[name])
        assert _act(client, escalation, "escalate", escalate_note="Too soon").status_code == 404, name
        assert client.get(reverse("control:escalation", args=[escalation.pk])).status_code == 200
    client.force_login(eli)
    assert _act(client, escalation, "escalate", escalate_note="Needs the division").status_code == 302
    # Now at Medicine: Eli's tier is done, Dana's begins, Sam's has not come yet.
    assert _act(client, escalation, "resolve", resolution="x").status_code == 404
    client.force_login(trust.people["sam_senior"])
    assert _act(client, escalation, "resolve", resolution="x").status_code == 404
    client.force_login(trust.people["dana_division"])
    assert _act(client, escalation, "resolve", resolution="Division found money").status_code == 302


def test_without_leaders_of_its_own_a_tier_is_answered_for_by_the_next_leaders_up(signed_in, trust):
    escalation = hh.escalation(trust)  # Elderly Care has no leader in the test trust
    assert _act(signed_in("dana_division"), escalation, "tier", take="1").status_code == 302


@pytest.mark.parametrize("persona", ["mo_member", "tess_team_leader"])
def test_ward_a_cannot_see_or_change_ward_b_escalations(signed_in, trust, persona):
    ward_b = hh.escalation(trust, "ward_b")
    client = signed_in(persona)
    assert client.get(reverse("control:escalation", args=[ward_b.pk])).status_code == 404
    assert _act(client, ward_b, "tier", note="Mine now").status_code == 404
    assert client.get(reverse("control:escalation-list", args=[trust.ward_b.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["sue_service_user", "ada_admin", "otto_other_admin"])
def test_service_users_and_administrators_see_no_escalations(signed_in, trust, persona):
    escalation = hh.escalation(trust)
    client = signed_in(persona)
    assert client.get(reverse("control:escalation", args=[escalation.pk])).status_code == 404
    assert client.get(reverse("control:escalation-list", args=[trust.ward_a.pk])).status_code == 404


def test_an_overdue_tier_is_flagged_at_every_tier_above(signed_in, trust):
    escalation = hh.escalation(trust, title="Bed rails missing")
    Action.objects.filter(escalation_tier__escalation=escalation, escalation_tier__level=1).update(
        due_on=timezone.localdate() - dt.timedelta(days=1)
    )
    hh.escalation(trust, title="Not overdue yet")
    for persona, unit in [
        ("dana_division", "elderly_care"),
        ("dana_division", "medicine"),
        ("sam_senior", "board"),
    ]:
        page = signed_in(persona).get(reverse("control:escalation-list", args=[getattr(trust, unit).pk]))
        text = page.content.decode()
        overdue = (
            text.split("Overdue below")[1].split("All open escalations")[0]
            if unit != "elderly_care"
            else text
        )
        assert "Bed rails missing" in overdue, unit
        assert "Overdue" in overdue, unit
        if unit != "elderly_care":
            assert "Not overdue yet" not in overdue
    page = (
        signed_in("dana_division").get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    )
    assert "nhsuk-tag--red" in page
    assert "Overdue" in page


def test_the_list_of_a_unit_separates_what_awaits_it_from_the_rest_of_its_sub_tree(signed_in, trust):
    hh.escalation(trust, title="Waits at Elderly Care")
    page = signed_in("dana_division").get(reverse("control:escalation-list", args=[trust.medicine.pk]))
    awaiting, rest = page.content.decode().split("Overdue below")
    assert "Waits at Elderly Care" not in awaiting
    assert "Waits at Elderly Care" in rest.split("All open escalations")[1]


def test_confirming_a_proposal_raises_an_escalation_to_the_tier_above(signed_in, trust):
    proposal = hh.proposal(trust)
    client = signed_in("mo_member")
    page = client.get(reverse("control:proposal-list", args=[trust.ward_a.pk])).content.decode()
    assert proposal.measure.definition.name in page
    assert "Escalate to Elderly Care" in page
    response = client.post(reverse("control:proposal-confirm", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"
    assert proposal.decided_by == trust.people["mo_member"]
    assert response["Location"] == reverse("control:escalation", args=[proposal.escalation_id])
    assert proposal.escalation.current_unit == trust.elderly_care
    assert proposal.escalation.source_measure == proposal.measure


def test_dismissing_a_proposal_needs_a_reason(signed_in, trust):
    proposal = hh.proposal(trust)
    client = signed_in("mo_member")
    url = reverse("control:proposal-dismiss", args=[proposal.pk])
    page = client.post(url, {"reason": "  ", "unit": trust.ward_a.pk}).content.decode()
    assert "Say why this signal does not need escalating" in page
    assert "There is a problem" in page
    assert EscalationProposal.objects.get(pk=proposal.pk).status == "proposed"
    response = client.post(url, {"reason": "Data entry error, corrected", "unit": trust.ward_a.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.dismissal_reason) == ("dismissed", "Data entry error, corrected")
    listing = client.get(reverse("control:proposal-list", args=[trust.ward_a.pk])).content.decode()
    assert "No proposals await a decision" in listing


def test_ward_a_cannot_decide_on_ward_b_proposals(signed_in, trust):
    proposal = hh.proposal(trust, "ward_b")
    client = signed_in("tess_team_leader")
    assert client.post(reverse("control:proposal-confirm", args=[proposal.pk])).status_code == 404
    assert (
        client.post(reverse("control:proposal-dismiss", args=[proposal.pk]), {"reason": "x"}).status_code
        == 404
    )
    assert EscalationProposal.objects.get(pk=proposal.pk).status == "proposed"
