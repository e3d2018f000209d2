"""The action tracker's pages: raised from a gap or finding, progress notes, closure with a check
it worked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openqms.actions.models import Action
from openqms.actions.services import tracker as services
from openqms.audit.models import AuditEntry
from openqms.links.registry import Source

LATE = dt.date.today() - dt.timedelta(days=5)


def _date(day: dt.date, name: str = "due_on") -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_raising_an_action_from_a_gap_keeps_where_it_came_from(trust, signed_in):
    client = signed_in("mo_member")
    url = reverse("actions:action-new", args=[trust.ward_a.pk])
    gaps = {"source_label": "Gap: SQS S2", "source_kind": "assurance.gaps", "source_id": trust.ward_a.pk}
    page = client.get(url, {"title": "Close the gap", **gaps})
    assert "Raised from Gap: SQS S2." in page.content.decode()
    response = client.post(
        url,
        {"title": "Gel at every bed", "owner": trust.people["tess_team_leader"].pk, "priority": "high",
         **gaps, **_date(dt.date.today())},
    )  # fmt: skip
    action = Action.objects.get()
    assert response.status_code == 302
    assert (action.unit, action.owner, action.source_label, action.created_by) == (
        trust.ward_a, trust.people["tess_team_leader"], "Gap: SQS S2", trust.people["mo_member"],
    )  # fmt: skip
    assert action.source == Source("assurance.gaps", trust.ward_a.pk)
    assert AuditEntry.objects.filter(object_type="actions.action", action="create").count() == 1


def test_the_action_form_says_what_is_wrong_and_saves_nothing(trust, signed_in):
    page = (
        signed_in("mo_member")
        .post(
            reverse("actions:action-new", args=[trust.ward_a.pk]),
            {
                "title": "",
                "priority": "urgent",
                "owner": trust.people["otto_other_admin"].pk,
                "source_kind": "https://evil.example/",
                "source_id": "1",
                "due_on_day": "31",
                "due_on_month": "2",
                "due_on_year": "2026",
            },
        )
        .content.decode()
    )
    assert "Say what needs doing" in page
    assert "Choose a priority from the list" in page
    assert "Choose the owner from the people on the unit" in page
    assert "Due date must be a real date" in page
    assert not Action.objects.exists()


def test_progress_notes_and_closure_with_a_check_that_it_worked(trust, signed_in):
    action = services.raise_action(actor=None, unit=trust.ward_a, title="Fix the fridge lock", due_on=LATE)
    client = signed_in("mo_member")
    client.post(reverse("actions:action-note", args=[action.pk]), {"text": "Estates called"})
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert client.get(reverse("actions:action-close", args=[action.pk])).status_code == 404
    client = signed_in("tess_team_leader")
    page = client.post(
        reverse("actions:action-close", args=[action.pk]), {"evidence": "Lock fitted"}
    ).content.decode()
    assert "Say how you checked that the action worked" in page
    assert "Say whether the action worked" in page
    action.refresh_from_db()
    assert action.is_open
    response = client.post(
        reverse("actions:action-close", args=[action.pk]),
        {
            "evidence": "Lock fitted",
            "effectiveness_check": "Spot check a week later: locked",
            "effective": "yes",
        },
    )
    action.refresh_from_db()
    assert response.status_code == 302
    assert (action.status, action.effective) == ("closed", True)
    assert action.closed_at is not None
    with pytest.raises(ValidationError, match="closed already"):
        services.close_action(
            actor=None, action=action, evidence="x", effectiveness_check="y", effective=True
        )
    changes = AuditEntry.objects.filter(object_type="actions.action", action="update").order_by("sequence")
    assert changes.last().changes["status"] == ["in_progress", "closed"]


@pytest.mark.parametrize(
    ("kind", "pk"),
    [
        ("https://evil.example/", "1"),  # not a kind of source
        ("assurance.gaps", "javascript:alert(1)"),  # not an id
        ("assurance.gaps", ""),  # a kind with no id
        ("", "1"),
        ("assurance.gaps", "surgery"),  # a unit Mo may not see
    ],
)
def test_the_link_back_to_what_raised_an_action_is_a_page_the_raiser_may_open(trust, signed_in, kind, pk):
    pk = str(trust.surgery.pk) if pk == "surgery" else pk
    page = (
        signed_in("mo_member")
        .post(
            reverse("actions:action-new", args=[trust.ward_a.pk]),
            {"title": "x", "priority": "low", "source_kind": kind, "source_id": pk, **_date(dt.date.today())},
        )
        .content.decode()
    )
    assert "The link to what raised the action must be a page of OpenQMS" in page
    assert not Action.objects.exists()


def test_an_action_is_not_linked_to_a_kind_of_source_no_app_resolves(trust):
    with pytest.raises(ValidationError):
        services.raise_action(
            actor=None, unit=trust.ward_a, title="x", due_on=LATE, source=Source("https://evil.example/", 1)
        )


def _tracker_queries(client, trust) -> int:
    from django.db import connection

    path = reverse("actions:actions", args=[trust.elderly_care.pk])
    client.get(path)
    seen: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *args: seen.append(sql) or execute(sql, *args)):
        client.get(path)
    return len(seen)


def test_the_tracker_is_read_in_as_many_queries_whatever_the_number_of_actions(trust, signed_in):
    client = signed_in("colin_clinician")
    services.raise_action(actor=None, unit=trust.ward_a, title="Late on Ward A", due_on=LATE, priority="high")
    one = _tracker_queries(client, trust)
    for unit in (trust.ward_a, trust.ward_b, trust.elderly_care):
        services.raise_action(actor=None, unit=unit, title=f"Due on {unit.name}", due_on=dt.date.today())
    page = client.get(reverse("actions:actions", args=[trust.elderly_care.pk])).content.decode()
    assert page.count("/assurance/actions/") == 4
    assert "High priority" in page
    assert "Overdue" in page
    assert _tracker_queries(client, trust) == one
