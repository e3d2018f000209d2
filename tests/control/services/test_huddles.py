"""One action model: a huddle's actions and an escalation tier's answer are Actions, so the board,
the escalation pages and the action tracker read and change the same state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from openqms.actions.models import Action
from openqms.actions.selectors import tracker as action_selectors
from openqms.actions.services import tracker as action_services
from openqms.audit.selectors import history_of
from openqms.control.models import HuddleIssue
from openqms.control.services.escalations import (
    current_tier,
    escalate_further,
    resolve_escalation,
    update_tier,
)
from openqms.control.services.huddles import close_issue
from tests.control import huddle_helpers as hh

pytestmark = pytest.mark.django_db


def _slot(html: str) -> str:
    return html.split('id="slot-actions"')[1].split("</section>")[0]


def test_a_huddle_action_closed_in_the_tracker_is_closed_on_the_board(signed_in, trust):
    issue = hh.huddle(trust, description="Order new slings").issues.get()
    board = reverse("control:unit-board", args=[trust.ward_a.pk])
    tracker = reverse("actions:actions", args=[trust.ward_a.pk])
    client = signed_in("tess_team_leader")
    assert "Order new slings" in _slot(client.get(board).content.decode())
    assert "Order new slings" in client.get(tracker).content.decode()

    response = client.post(
        reverse("actions:action-close", args=[issue.action_id]),
        {"evidence": "Slings delivered", "effectiveness_check": "Used on two transfers", "effective": "yes"},
    )
    assert response.status_code == 302
    issue = HuddleIssue.objects.select_related("action").get(pk=issue.pk)
    assert (issue.outcome, issue.action.effective) == ("solved", True)
    assert "Order new slings" not in _slot(client.get(board).content.decode())
    huddle_page = client.get(reverse("control:huddle", args=[issue.huddle_id])).content.decode()
    assert "Solved" in huddle_page


def test_done_on_the_board_shows_in_the_tracker_as_closed(signed_in, trust):
    issue = hh.huddle(trust, description="Order new slings").issues.get()
    client = signed_in("mo_member")
    client.post(reverse("control:huddle-issue-close", args=[issue.pk]), {"outcome": "solved"}, follow=True)
    tracker = reverse("actions:actions", args=[trust.ward_a.pk])
    leader = signed_in("tess_team_leader")
    assert "Order new slings" not in leader.get(tracker).content.decode()  # open actions only
    everything = leader.get(tracker + "?show=all").content.decode()
    assert "Order new slings" in everything
    page = leader.get(reverse("actions:action", args=[issue.action_id])).content.decode()
    assert "Closed" in page
    assert "Marked done on the board of Ward A." in page
    assert "Did it work?" not in page  # no check was made on the board, and none is claimed


def test_an_escalated_huddle_action_closes_and_the_tier_above_gets_its_own(trust):
    issue = hh.huddle(trust, description="No hoist").issues.get()
    close_issue(actor=trust.people["mo_member"], issue=issue, outcome="escalated")
    issue = HuddleIssue.objects.get(pk=issue.pk)
    assert issue.outcome == "escalated"
    assert issue.action.closure_evidence == "Escalated to Elderly Care."
    tier = current_tier(issue.escalation)
    assert (tier.action.unit, tier.action.status, tier.action.kept_at_source) == (
        trust.elderly_care,
        "open",
        True,
    )
    with pytest.raises(ValidationError, match="already escalated"):
        close_issue(actor=trust.people["mo_member"], issue=issue)


def test_an_overdue_tier_answer_is_an_overdue_action_at_every_tier_above(signed_in, trust):
    escalation = hh.escalation(trust, title="Bed rails missing")
    hh.escalation(trust, title="Not overdue yet")
    tier = current_tier(escalation)
    Action.objects.filter(pk=tier.action_id).update(due_on=timezone.localdate() - dt.timedelta(days=1))

    for persona, unit in [
        ("dana_division", "elderly_care"),
        ("dana_division", "medicine"),
        ("sam_senior", "board"),
    ]:
        person = trust.people[persona]
        where = getattr(trust, unit)
        overdue = action_selectors.overdue_in_subtree(person, where)
        assert [a.pk for a in overdue] == [tier.action_id], unit
        page = signed_in(persona).get(reverse("actions:actions", args=[where.pk])).content.decode()
        assert "Answer the escalation: Bed rails missing" in page, unit
        assert "Overdue" in page, unit
    for persona in ("dana_division", "sam_senior"):
        assert tier.action in action_selectors.overdue_below_me(trust.people[persona])
    # The ward that raised it does not lead the service: the tier's answer is not its own to see.
    assert not action_selectors.in_subtree(trust.people["tess_team_leader"], trust.ward_a).filter(
        pk=tier.action_id
    )


def test_a_tier_answer_follows_the_escalation_and_is_not_changed_in_the_tracker(signed_in, trust):
    escalation = hh.escalation(trust)
    dana = trust.people["dana_division"]
    service_tier = current_tier(escalation)
    update_tier(actor=dana, tier=service_tier, owner=dana, note="Asked estates")
    service_tier.action.refresh_from_db()
    assert (service_tier.action.owner, service_tier.action.status) == (dana, "in_progress")

    client = signed_in("dana_division")
    page = client.get(reverse("actions:action", args=[service_tier.action_id])).content.decode()
    assert reverse("control:escalation", args=[escalation.pk]) in page
    assert reverse("actions:action-close", args=[service_tier.action_id]) not in page
    client.post(
        reverse("actions:action-close", args=[service_tier.action_id]),
        {"evidence": "x", "effectiveness_check": "y", "effective": "yes"},
    )
    # The tracker's edit and close forms are not offered either: they send the person to the escalation.
    for name in ("actions:action-edit", "actions:action-close"):
        response = client.get(reverse(name, args=[service_tier.action_id]))
        assert response.status_code == 302
        assert response.url == reverse("control:escalation", args=[escalation.pk])
    with pytest.raises(ValidationError, match="answered on its own page"):
        action_services.update_action(actor=dana, action=service_tier.action, due_on=timezone.localdate())
    with pytest.raises(ValidationError, match="answered on its own page"):
        action_services.add_note(actor=dana, action=service_tier.action, text="Chased estates")
    service_tier.action.refresh_from_db()
    assert service_tier.action.is_open

    up = escalate_further(actor=dana, escalation=escalation, note="Needs capital money")
    service_tier.action.refresh_from_db()
    assert service_tier.action.status == "closed"
    assert service_tier.action.closure_evidence == "Passed up to Medicine: Needs capital money"
    assert (up.action.unit, up.action.is_open) == (trust.medicine, True)

    resolve_escalation(actor=dana, escalation=escalation, resolution="Hoist bought")
    up.action.refresh_from_db()
    assert up.action.closure_evidence == "Resolved by Medicine: Hoist bought"
    assert up.action.owner == dana  # who resolved it answered for the tier no one had taken
    assert not Action.objects.open().filter(escalation_tier__escalation=escalation).exists()
    # Every change to the answer has its audit entry, written with the change.
    assert [e.changes.get("status") for e in history_of(up.action).order_by("sequence")] == [
        [None, "open"],
        ["open", "closed"],
    ]
