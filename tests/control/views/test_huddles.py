"""Recording a huddle from its page: defaults, per-row validation, nothing saved on error, escalation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.control.models import Escalation, Huddle, HuddleIssue
from tests.control import huddle_helpers as hh

pytestmark = pytest.mark.django_db


def _post(trust, **fields):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "attendees": [trust.people["mo_member"].pk, trust.people["tess_team_leader"].pk],
        "other_attendees": "Student nurse",
        "notes": "Short-staffed on nights.",
        **{f"issues-0-{k}": "" for k in ("description", "owner", "due_on")},
        "issues-0-outcome": "open",
    }
    data.update(fields)
    return data


def _new(trust):
    return reverse("control:huddle-new", args=[trust.ward_a.pk])


def test_the_form_opens_on_today_with_the_units_people_and_three_blank_issue_rows(signed_in, trust):
    page = signed_in("tess_team_leader").get(_new(trust)).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    for name in ("Mo Member", "Tess Team-Leader", "Colin Clinician", "Dana Division", "Sam Senior"):
        assert name in page
    assert "Sue Service-User" not in page
    assert "Ada Admin" not in page
    assert all(f'name="issues-{i}-description"' in page for i in range(3))
    assert 'name="issues-3-description"' not in page


def test_a_huddle_with_an_open_a_solved_and_an_escalated_issue_is_saved_with_its_audit(signed_in, trust):
    mo = trust.people["mo_member"]
    data = _post(
        trust,
        **{
            "issues-0-description": "Bay 2 hoist broken",
            "issues-0-owner": str(mo.pk),
            "issues-0-due_on": hh.tomorrow().isoformat(),
            "issues-1-description": "Missing sharps bin",
            "issues-1-outcome": "solved",
            "issues-2-description": "No physiotherapy cover at weekends",
            "issues-2-outcome": "escalated",
            "issues-3-description": "",
        },
    )
    response = signed_in("tess_team_leader").post(_new(trust), data)
    huddle = Huddle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("control:huddle", args=[huddle.pk])
    assert set(huddle.attendees.all()) == {mo, trust.people["tess_team_leader"]}
    assert huddle.other_attendees == "Student nurse"
    assert [(i.description, i.outcome) for i in huddle.issues.all()] == [
        ("Bay 2 hoist broken", "open"),
        ("Missing sharps bin", "solved"),
        ("No physiotherapy cover at weekends", "escalated"),
    ]
    escalation = Escalation.objects.get()
    assert escalation.current_unit == trust.elderly_care
    assert escalation.source_issue.description == "No physiotherapy cover at weekends"
    assert AuditEntry.objects.filter(object_type="control.huddle", object_id=str(huddle.pk)).exists()
    detail = signed_in("mo_member").get(response["Location"]).content.decode()
    assert "Bay 2 hoist broken" in detail
    assert "See the escalation" in detail
    assert "History" in detail


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"held_on": ""}, "Enter the date of the huddle"),
        ({"held_on": "2026-02-30"}, "The date of the huddle must be a real date"),
        ({"held_on": "2999-01-01"}, "The date of the huddle must be today or in the past"),
        ({"attendees": [], "other_attendees": ""}, "Tick who attended, or name the others who came"),
        ({"attendees": ["999999"]}, "Choose attendees from the list"),
        ({"other_attendees": "x" * 301}, "Other attendees must be 300 characters or fewer"),
        ({"issues-1-owner": "OWNER", "issues-1-due_on": "TOMORROW"}, "Issue 2: describe the issue"),
        ({"issues-1-description": "x" * 501}, "Issue 2: the description must be 500 characters or fewer"),
        ({"issues-1-description": "Leak", "issues-1-due_on": "TOMORROW"}, "Issue 2: choose an owner"),
        ({"issues-1-description": "Leak", "issues-1-owner": "OWNER"}, "Issue 2: enter a due date"),
        (
            {"issues-1-description": "Leak", "issues-1-owner": "OWNER", "issues-1-due_on": "31/02/2026"},
            "Issue 2: the due date must be a real date",
        ),
        (
            {"issues-1-description": "Leak", "issues-1-owner": "OWNER", "issues-1-due_on": "2020-01-01"},
            "Issue 2: the due date must be on or after the date of the huddle",
        ),
        (
            {"issues-1-description": "Leak", "issues-1-owner": "999999", "issues-1-due_on": "TOMORROW"},
            "Issue 2: choose an owner from the list",
        ),
        (
            {"issues-1-description": "Leak", "issues-1-outcome": "ignored"},
            "Issue 2: choose what happens to the issue",
        ),
    ],
)
def test_each_mistake_is_named_precisely_and_nothing_is_saved(signed_in, trust, fields, message):
    # Issue 1 is valid, so that any error is issue 2's own.
    valid = {
        "issues-0-description": "Bay 2 hoist broken",
        "issues-0-owner": str(trust.people["mo_member"].pk),
        "issues-0-due_on": hh.tomorrow().isoformat(),
        "issues-1-description": "",
        "issues-1-owner": "",
        "issues-1-due_on": "",
        "issues-1-outcome": "open",
    }
    swap = {"OWNER": str(trust.people["mo_member"].pk), "TOMORROW": hh.tomorrow().isoformat()}
    fields = {k: swap.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    response = signed_in("mo_member").post(_new(trust), _post(trust, **valid) | fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert not Huddle.objects.exists()
    assert not HuddleIssue.objects.exists()
    assert not AuditEntry.objects.filter(object_type__startswith="control.huddle").exists()


def test_every_mistake_is_listed_at_once_in_the_error_summary(signed_in, trust):
    data = _post(
        trust,
        held_on="",
        **{
            "issues-0-description": "Leak",
            "issues-2-description": "",
            "issues-2-owner": "",
            "issues-2-due_on": "x",
        },
    )
    page = signed_in("mo_member").post(_new(trust), data).content.decode()
    for message, anchor in [
        ("Enter the date of the huddle", "#id_held_on"),
        ("Issue 1: choose an owner", "#id_issues-0-owner"),
        ("Issue 1: enter a due date", "#id_issues-0-due_on"),
        ("Issue 2: describe the issue", "#id_issues-2-description"),
    ]:
        assert message in page
        assert f'href="{anchor}"' in page


def test_nothing_can_be_escalated_from_the_top_of_the_organisation(signed_in, trust):
    data = _post(trust, **{"issues-0-description": "Budget", "issues-0-outcome": "escalated"})
    page = signed_in("sam_senior").post(reverse("control:huddle-new", args=[trust.board.pk]), data)
    assert "Issue 1: Northshire Hospitals Board is the top of the organisation" in page.content.decode()
    assert not Huddle.objects.exists()


def test_add_another_issue_without_javascript_returns_the_form_with_one_more_row(signed_in, trust):
    data = _post(trust, **{"issues-0-description": "Kept as typed", "add_issue": "1"})
    page = signed_in("mo_member").post(_new(trust), data).content.decode()
    assert 'value="Kept as typed"' in page
    assert 'name="issues-1-description"' in page
    assert "There is a problem" not in page
    assert not Huddle.objects.exists()


def test_add_another_issue_with_htmx_returns_one_row_and_the_next_button(signed_in, trust):
    url = reverse("control:huddle-issue-row", args=[trust.ward_a.pk])
    page = signed_in("mo_member").get(url, {"index": 3, "number": 4}, HTTP_HX_REQUEST="true").content.decode()
    assert "Issue 4" in page
    assert 'name="issues-3-description"' in page
    assert 'hx-swap-oob="true"' in page
    assert "index=4&amp;number=5" in page
    assert "<html" not in page


def test_the_huddle_list_shows_the_units_huddles_newest_first(signed_in, trust):
    older = hh.huddle(trust)
    Huddle.objects.filter(pk=older.pk).update(held_on=timezone.localdate() - dt.timedelta(days=3))
    newer = hh.huddle(trust, description="Call bells")
    page = signed_in("mo_member").get(reverse("control:huddle-list", args=[trust.ward_a.pk])).content.decode()
    assert page.index(reverse("control:huddle", args=[newer.pk])) < page.index(
        reverse("control:huddle", args=[older.pk])
    )
    assert "1 (1 open, 0 escalated)" in page


def test_a_team_member_of_ward_a_cannot_see_or_add_to_ward_b_huddles(signed_in, trust):
    ward_b = hh.huddle(trust, "ward_b")
    client = signed_in("mo_member")
    assert client.get(reverse("control:huddle", args=[ward_b.pk])).status_code == 404
    assert client.get(reverse("control:huddle-list", args=[trust.ward_b.pk])).status_code == 404
    assert client.post(reverse("control:huddle-new", args=[trust.ward_b.pk]), _post(trust)).status_code == 404


@pytest.mark.parametrize("persona", ["sue_service_user", "ada_admin"])
def test_service_users_and_administrators_see_no_huddles(signed_in, trust, persona):
    h = hh.huddle(trust)
    client = signed_in(persona)
    assert client.get(reverse("control:huddle", args=[h.pk])).status_code == 404
    assert client.get(reverse("control:huddle-list", args=[trust.ward_a.pk])).status_code == 404
