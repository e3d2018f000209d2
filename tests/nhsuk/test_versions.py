"""Two people editing one action or one project: the later save is refused, saying what changed
(issue 17, finding 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from openqms.actions.models import Action
from openqms.actions.services.tracker import raise_action, update_action
from openqms.improvement.models import Project
from openqms.improvement.services.projects import update_project
from tests.improvement import helpers as h
from tests.nhsuk.form_values import edit_form_values

pytestmark = pytest.mark.django_db


def test_a_stale_action_save_is_refused_with_what_changed_then_a_second_save_replaces_it(trust, signed_in):
    item = raise_action(actor=None, unit=trust.ward_a, title="Fix the hoist", due_on=dt.date(2026, 5, 1))
    client = signed_in("tess_team_leader")
    url = reverse("actions:action-edit", args=[item.pk])
    opened = edit_form_values(client.get(url).content.decode())
    update_action(actor=trust.people["dana_division"], action=item, title="Replace the hoist")
    response = client.post(url, opened | {"description": "Ordered a part"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this action after you opened it" in html
    assert "Dana Division: Title: “Fix the hoist” to “Replace the hoist”" in html
    item.refresh_from_db()
    assert (item.title, item.description) == ("Replace the hoist", "")
    # The form now carries the version they were shown: saving again is their decision.
    again = client.post(url, edit_form_values(html))
    assert again.status_code == 302
    assert Action.objects.get(pk=item.pk).description == "Ordered a part"


def test_an_unchanged_action_saves_at_once(trust, signed_in):
    item = raise_action(actor=None, unit=trust.ward_a, title="Fix the hoist", due_on=dt.date(2026, 5, 1))
    client = signed_in("tess_team_leader")
    url = reverse("actions:action-edit", args=[item.pk])
    response = client.post(url, edit_form_values(client.get(url).content.decode()) | {"title": "Mended"})
    assert response.status_code == 302
    assert Action.objects.get(pk=item.pk).title == "Mended"


def test_a_stale_project_charter_save_is_refused(trust, signed_in):
    project = h.project(trust)
    client = signed_in("tess_team_leader")
    url = reverse("improvement:project-edit", args=[project.pk])
    opened = edit_form_values(client.get(url).content.decode())
    update_project(actor=trust.people["dana_division"], project=project, aim="Halve falls by March")
    response = client.post(url, opened | {"title": "Fewer falls at night"})
    html = response.content.decode()
    assert "Someone else saved this project after you opened it" in html
    assert "Halve falls by March" in html
    assert Project.objects.get(pk=project.pk).title == "Fewer falls"
    assert client.post(url, edit_form_values(html)).status_code == 302
    assert Project.objects.get(pk=project.pk).title == "Fewer falls at night"
