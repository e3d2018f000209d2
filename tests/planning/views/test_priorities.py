"""Planning: the organisation's strategic priorities, who may set them, the audit of every change,
and the improvement projects that serve each (in the charter, the portfolio and the planning page)."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from openqms.audit.models import AuditEntry
from openqms.improvement.models import Project
from openqms.organisations import services
from openqms.organisations.models import StrategicPriority
from tests.control import pages_helpers as control
from tests.improvement import helpers as h
from tests.improvement.views.test_projects import _charter

pytestmark = pytest.mark.django_db


def _entries(priority: StrategicPriority) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type="organisations.strategicpriority", object_id=str(priority.pk)
        ).order_by("sequence")
    )


def test_a_board_leader_adds_changes_and_retires_a_priority_and_each_change_is_audited(signed_in, trust):
    client = signed_in("sam_senior")
    added = {"title": "  No avoidable harm ", "description": "Fewer falls"}
    response = client.post(reverse("planning:home"), added)
    priority = StrategicPriority.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:home") + f"#priority-{priority.pk}"
    assert (priority.organisation, priority.title, priority.position) == (trust.org, "No avoidable harm", 1)

    response = client.post(
        reverse("planning:priority", args=[priority.pk]),
        {"title": "No avoidable harm", "description": "Fewer falls and pressure ulcers", "position": "3"},
    )
    assert response.status_code == 302
    client.post(reverse("planning:priority-retire", args=[priority.pk]), {"retire": "yes"})
    priority.refresh_from_db()
    assert priority.is_retired
    assert priority.position == 3

    entries = _entries(priority)
    assert [e.action for e in entries] == ["create", "update", "update"]
    assert all(e.actor_id == trust.people["sam_senior"].pk for e in entries)
    assert entries[0].unit_id == trust.board.pk
    assert entries[1].changes["description"] == ["Fewer falls", "Fewer falls and pressure ulcers"]
    assert entries[2].changes["retired_at"][0] is None

    # Bringing it back is audited too; asking again changes nothing.
    client.post(reverse("planning:priority-retire", args=[priority.pk]), {"retire": "no"})
    client.post(reverse("planning:priority-retire", args=[priority.pk]), {"retire": "no"})
    priority.refresh_from_db()
    assert not priority.is_retired
    assert len(_entries(priority)) == 4


def test_the_form_says_what_is_wrong_and_saves_nothing(signed_in, trust):
    services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    client = signed_in("sam_senior")
    response = client.post(reverse("planning:home"), {"title": ""})
    assert response.status_code == 400
    assert "Enter the priority, for example" in response.content.decode()
    response = client.post(reverse("planning:home"), {"title": "no AVOIDABLE harm"})
    assert response.status_code == 400
    taken = "Northshire Hospitals already has a priority called “no AVOIDABLE harm”"
    assert taken in response.content.decode()
    response = client.post(reverse("planning:home"), {"title": "x" * 201})
    assert "The priority must be 200 characters or fewer" in response.content.decode()
    priority = StrategicPriority.objects.get()
    response = signed_in("sam_senior").post(
        reverse("planning:priority", args=[priority.pk]), {"title": "Care", "position": "zero"}
    )
    assert response.status_code == 400
    assert "Enter the order as a whole number, like 1" in response.content.decode()
    assert StrategicPriority.objects.get().title == "No avoidable harm"


def test_a_division_leader_reads_the_priorities_but_may_not_set_them(signed_in, trust):
    priority = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    client = signed_in("dana_division")
    page = client.get(reverse("planning:home")).content.decode()
    assert "No avoidable harm" in page
    assert "Add a strategic priority" not in page
    assert reverse("planning:priority", args=[priority.pk]) not in page
    assert client.post(reverse("planning:home"), {"title": "Mine"}).status_code == 404
    assert StrategicPriority.objects.count() == 1


def test_each_priority_lists_the_projects_serving_it_that_the_person_may_see(signed_in, trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    waits = services.add_priority(actor=None, organisation=trust.org, title="Care without waiting")
    h.project(trust, "ward_a", title="Fewer falls on Ward A", strategic_priority=harm)
    h.project(trust, "ward_b", title="Fewer falls on Ward B", strategic_priority=harm)
    h.project(trust, "ward_a", title="A project serving no priority")

    page = signed_in("tess_team_leader").get(reverse("planning:home")).content.decode()
    assert "Fewer falls on Ward A" in page
    assert "Fewer falls on Ward B" not in page  # Tess's role is on Ward A only
    assert "1 improvement project you can see does not yet name a priority" in page
    page = signed_in("dana_division").get(reverse("planning:home")).content.decode()
    assert "2 improvement projects serve this priority: 2 idea." in page
    assert reverse("improvement:home") + f"?priority={harm.pk}" in page
    assert waits.title in page
    # A service user sees no project unless it names her on its team.
    page = signed_in("sue_service_user").get(reverse("planning:home")).content.decode()
    assert "No avoidable harm" in page
    assert "Fewer falls" not in page


def test_the_charter_names_a_priority_of_the_projects_organisation_only(signed_in, trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    theirs = services.add_priority(actor=None, organisation=trust.other_org, title="Riverside's own")
    retired = services.add_priority(actor=None, organisation=trust.org, title="Old priority")
    services.retire_priority(actor=None, priority=retired)
    measure = control.measure(trust.ward_a)
    client = signed_in("mo_member")
    form = client.get(reverse("improvement:project-new")).content.decode()
    assert "No avoidable harm" in form
    assert "Riverside's own" not in form
    assert "Old priority" not in form

    charter = _charter(trust, measure, strategic_priority=theirs.pk)
    response = client.post(reverse("improvement:project-new"), charter)
    assert response.status_code == 200
    assert "Choose one of the organisation’s strategic priorities" in unescape(response.content.decode())
    assert not Project.objects.exists()

    client.post(reverse("improvement:project-new"), _charter(trust, measure, strategic_priority=harm.pk))
    project = Project.objects.get()
    assert project.strategic_priority == harm
    page = client.get(reverse("improvement:project", args=[project.pk])).content.decode()
    assert "Strategic priority" in page
    assert "No avoidable harm" in page
    entry = AuditEntry.objects.filter(object_type="improvement.project").get()
    assert entry.changes["strategic_priority"] == [None, harm.pk]


def test_a_project_keeps_its_retired_priority_when_its_charter_is_saved_again(signed_in, trust):
    old = services.add_priority(actor=None, organisation=trust.org, title="Old priority")
    project = h.project(trust, "ward_a", strategic_priority=old)
    services.retire_priority(actor=None, priority=old)
    client = signed_in("tess_team_leader")
    form = client.get(reverse("improvement:project-edit", args=[project.pk])).content.decode()
    assert "Old priority" in form


def test_the_portfolio_filters_by_strategic_priority(signed_in, trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    h.project(trust, "ward_a", title="Fewer falls", strategic_priority=harm)
    h.project(trust, "ward_a", title="Shorter waits")
    client = signed_in("dana_division")
    page = client.get(reverse("improvement:home"), {"priority": harm.pk}).content.decode()
    assert "Fewer falls" in page
    assert "Shorter waits" not in page
    assert "serves “No avoidable harm”" in page
    page = client.get(reverse("improvement:home"), {"priority": "999999"}).content.decode()
    assert "Fewer falls" in page
    assert "Shorter waits" in page
