"""The team's tasks: actions on the project's unit (one action model), added from the project page,
tracked in the action tracker and seen overdue by the leaders above."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openqms.actions.models import Action
from openqms.actions.selectors import tracker as action_selectors
from openqms.actions.services import tracker as action_services
from openqms.audit.models import AuditEntry
from openqms.improvement.services import tasks as services_actions
from openqms.improvement.services.projects import close_project
from openqms.improvement.services.team import add_member
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_a_team_member_adds_a_task_that_is_an_action_of_the_ward(signed_in, trust):
    project = h.project(trust)
    client = signed_in("mo_member")
    assert client.get(reverse("improvement:task-new", args=[project.pk])).status_code == 200
    due = dt.date.today() + dt.timedelta(days=14)
    response = client.post(
        reverse("improvement:task-new", args=[project.pk]),
        {
            "title": "Order sensor mats",
            "owner": trust.people["mo_member"].pk,
            "priority": "high",
            **_date("due_on", due),
        },
    )
    assert response.status_code == 302
    task = project.tasks.get()
    action = task.action
    assert (action.unit, action.owner, action.due_on, action.priority) == (
        trust.ward_a,
        trust.people["mo_member"],
        due,
        "high",
    )
    assert action_selectors.source_link(trust.people["mo_member"], action).url == reverse(
        "improvement:project", args=[project.pk]
    )
    assert AuditEntry.objects.filter(object_type="actions.action", object_id=str(action.pk)).exists()
    link = AuditEntry.objects.get(object_type="improvement.projecttask", object_id=str(task.pk))
    assert link.changes == {"project": [None, project.pk], "action": [None, action.pk]}
    page = client.get(reverse("improvement:project", args=[project.pk])).content.decode()
    assert "Order sensor mats" in page
    assert reverse("actions:action", args=[action.pk]) in page
    # The same action in the ward's tracker.
    tracker = client.get(reverse("actions:actions", args=[trust.ward_a.pk])).content.decode()
    assert "Order sensor mats" in tracker


def test_the_task_form_says_what_is_wrong_and_adds_nothing(signed_in, trust):
    project = h.project(trust)
    client = signed_in("mo_member")
    response = client.post(
        reverse("improvement:task-new", args=[project.pk]), {"title": "", "priority": "high"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say what needs doing" in page
    response = client.post(
        reverse("improvement:task-new", args=[project.pk]),
        {
            "title": "X",
            "owner": trust.people["sue_service_user"].pk,
            "priority": "high",
            **_date("due_on", dt.date(2030, 1, 1)),
        },
    )
    assert response.status_code == 400
    assert "Choose the owner from the people on the unit" in response.content.decode()
    assert not Action.objects.exists()


def test_an_owner_must_work_on_the_projects_unit(trust):
    project = h.project(trust, "ward_b")
    with pytest.raises(ValidationError, match="no staff role in Ward B"):
        services_actions.add_task(
            actor=None,
            project=project,
            title="X",
            due_on=dt.date(2030, 1, 1),
            owner=trust.people["mo_member"],
        )
    assert not Action.objects.exists()


def test_an_overdue_task_is_seen_by_the_leaders_above_and_closing_it_shows_on_the_project(signed_in, trust):
    project = h.project(trust)
    task = services_actions.add_task(
        actor=None, project=project, title="Audit the night checklist", due_on=dt.date(2024, 1, 1)
    )
    overdue = action_selectors.overdue_below_me(trust.people["dana_division"])
    assert task.action in overdue
    action_services.close_action(
        actor=None, action=task.action, evidence="Done", effectiveness_check="Re-audit at 95%", effective=True
    )
    page = (
        signed_in("tess_team_leader").get(reverse("improvement:project", args=[project.pk])).content.decode()
    )
    assert "Audit the night checklist" in page
    assert "Overdue" not in page
    assert "Closed" in page


def test_a_service_user_on_the_team_sees_the_project_but_not_the_wards_actions(signed_in, trust):
    project = h.project(trust)
    add_member(actor=None, project=project, person=trust.people["sue_service_user"], role="Partner")
    services_actions.add_task(
        actor=None, project=project, title="Staff rota change", due_on=dt.date(2030, 1, 1)
    )
    page = (
        signed_in("sue_service_user").get(reverse("improvement:project", args=[project.pk])).content.decode()
    )
    assert "Staff rota change" not in page
    assert "No tasks yet" in page


def test_a_closed_project_takes_no_tasks(trust):
    from decimal import Decimal

    project = h.project(trust)
    close_project(actor=None, project=project, lessons="Learned.", score=Decimal("4"), baselines={})
    with pytest.raises(ValidationError, match="closed"):
        services_actions.add_task(actor=None, project=project, title="X", due_on=dt.date(2030, 1, 1))
