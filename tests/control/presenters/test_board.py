"""The board's huddle slots as the presenter prepares them: what each person may do, and the words and
links of the open actions and escalations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from openqms.actions.models import Action
from openqms.control.models import HuddleIssue
from openqms.control.presenters.board import board_actions, board_escalations, board_slots
from openqms.control.selectors import huddles as selectors
from openqms.control.services.huddles import IssueInput, record_huddle
from tests.control import huddle_helpers as hh

pytestmark = pytest.mark.django_db


def _slots(trust, username, unit, today=None):
    user = trust.people[username]
    return board_slots(
        user,
        unit,
        escalations=selectors.open_escalations_for(user, unit),
        issues=selectors.open_issues(user, unit),
        proposals=selectors.proposals_awaiting(user, unit),
        today=today or timezone.localdate(),
    )


def test_the_team_may_log_huddles_and_add_data_from_its_board_and_a_service_user_may_not(trust):
    member = _slots(trust, "mo_member", trust.ward_a)
    partner = _slots(trust, "sue_service_user", trust.ward_a)
    admin = _slots(trust, "ada_admin", trust.ward_a)

    assert (member.may_view, member.may_contribute) == (True, True)
    assert (partner.may_view, partner.may_contribute) == (False, False)
    assert (admin.may_view, admin.may_contribute) == (False, False)


def test_a_superuser_is_offered_nothing_on_a_board_the_policy_would_refuse(trust):
    # Django's has_perm answers yes to a superuser for anything; the policy gives them no clinical powers.
    root = trust.people["nora_no_role"]
    root.is_superuser = True
    root.save()

    slots = _slots(trust, "nora_no_role", trust.ward_a)

    assert (slots.may_view, slots.may_contribute) == (False, False)


def test_an_open_action_says_who_owns_it_when_it_is_due_and_where_it_came_from(trust):
    huddle = hh.huddle(trust)
    issue = huddle.issues.get()

    ward = _slots(trust, "mo_member", trust.ward_a).actions
    service = _slots(trust, "colin_clinician", trust.elderly_care).actions

    assert len(ward) == 1
    row = ward[0]
    assert (row.description, row.owner, row.due_on, row.overdue) == (
        "Hoist on bay 2 broken",
        "Mo Member",
        hh.tomorrow(),
        False,
    )
    assert row.href == reverse("control:huddle", args=[huddle.pk])
    assert row.close_href == reverse("control:huddle-issue-close", args=[issue.pk])
    assert (row.elsewhere, row.may_close, row.may_escalate) == ("", True, True)
    assert service[0].elsewhere == "Ward A"
    day_after = _slots(trust, "mo_member", trust.ward_a, today=hh.tomorrow() + dt.timedelta(days=1))
    assert day_after.actions[0].overdue


def test_only_those_who_may_change_the_huddles_unit_may_close_its_actions_and_the_top_has_no_tier_above(
    trust,
):
    hh.huddle(trust)
    hh.huddle(trust, "board", owner=trust.people["sam_senior"])
    issues = HuddleIssue.objects.select_related("huddle__unit", "action__owner").order_by("pk")
    today = timezone.localdate()

    ward_issue, board_issue = board_actions(trust.people["sam_senior"], trust.board, issues, today)
    partner_view = board_actions(trust.people["sue_service_user"], trust.ward_a, issues, today)

    assert (ward_issue.may_close, ward_issue.may_escalate) == (True, True)
    assert (board_issue.may_close, board_issue.may_escalate) == (True, False)
    assert not any(row.may_close for row in partner_view)


def test_the_board_shows_eight_actions_and_counts_the_rest(trust):
    def huddle_with(count):
        record_huddle(
            actor=trust.people["mo_member"],
            unit=trust.ward_a,
            held_on=timezone.localdate(),
            attendees=[],
            issues=[
                IssueInput(description=f"Issue {n}", owner=trust.people["mo_member"], due_on=hh.tomorrow())
                for n in range(count)
            ],
        )

    huddle_with(8)
    assert _slots(trust, "mo_member", trust.ward_a).more_actions == ""
    huddle_with(1)
    assert _slots(trust, "mo_member", trust.ward_a).more_actions == "1 more open action"
    huddle_with(1)
    slots = _slots(trust, "mo_member", trust.ward_a)

    assert len(slots.actions) == 8
    assert slots.more_actions == "2 more open actions"


def test_an_action_with_no_owner_says_so(trust):
    issue = hh.huddle(trust).issues.get()
    # A huddle gives each open issue an owner; the action itself may have none.
    Action.objects.filter(pk=issue.action_id).update(owner=None)

    assert _slots(trust, "mo_member", trust.ward_a).actions[0].owner == "No owner"


def test_the_escalations_awaiting_the_board_come_first_and_say_where_the_others_are(trust):
    from_ward = hh.escalation(trust, title="No hoist on the ward")
    from_service = hh.escalation(trust, "elderly_care", title="Too few beds")

    rows = board_escalations(trust.elderly_care, [from_ward, from_service])

    assert [row.title for row in rows] == ["No hoist on the ward", "Too few beds"]
    assert [row.where for row in rows] == ["Awaiting Elderly Care", "With Medicine"]
    assert rows[0].owner == "no owner yet"
    assert rows[0].href == reverse("control:escalation", args=[from_ward.pk])
    assert not rows[0].overdue
    medicine = board_escalations(trust.medicine, [from_ward, from_service])
    assert [row.title for row in medicine] == ["Too few beds", "No hoist on the ward"]
    assert [row.where for row in medicine] == ["Awaiting Medicine", "With Elderly Care"]
