"""Improvement's sources: a project (its team's tasks) and a change idea (flagged for a standard's
owner) link to their pages for exactly the people who may open them; the action's page shows the
words without the link to a person who may see the action but not the project."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse

from openqms.access import services as access
from openqms.improvement import links
from openqms.improvement.services import tasks
from openqms.improvement.services.diagram import delete_node
from openqms.improvement.services.team import add_member
from openqms.links.registry import resolve
from openqms.people import services as people
from tests.assurance import helpers as assurance
from tests.improvement import helpers as h

PEOPLE = ["mo_member", "dana_division", "sue_service_user", "ada_admin", "otto_other_admin", "nora_no_role"]


@pytest.mark.parametrize("person", PEOPLE)
def test_the_link_is_given_to_whoever_may_open_the_page_and_hidden_from_everyone_else(trust, client, person):
    project = h.project(trust)
    idea = h.idea(project)
    pages = {
        links.project_source(project): reverse("improvement:project", args=[project.pk]),
        links.idea_source(idea): reverse("improvement:idea", args=[project.pk, idea.pk]),
    }
    if person == "sue_service_user":  # a patient partner on the team sees the project (ADR 13)
        add_member(actor=None, project=project, person=trust.people[person], role="Patient partner")
    client.force_login(trust.people[person])
    for source, page in pages.items():
        link = resolve(trust.people[person], source)
        opens = client.get(page).status_code == 200
        assert opens == (person in {"mo_member", "dana_division", "sue_service_user"})
        assert (link.url if link else None) == (page if opens else None), (person, source)


def test_a_deleted_change_idea_gives_no_link(trust):
    idea = h.idea(h.project(trust))
    delete_node(actor=None, node=idea)
    assert resolve(trust.people["mo_member"], links.idea_source(idea)) is None


def test_the_action_page_names_the_change_idea_but_links_it_only_for_those_who_may_see_the_project(
    trust, client
):
    sid = people.create_person(actor=None, username="sid", full_name="Sid Surgery", password="x-Quality-26")
    access.grant_role(
        actor=None, person=sid, unit=trust.surgery, role="senior_leader", starts_on=dt.date(2024, 4, 1)
    )
    standard = assurance.standard(trust, code="SUR-01", unit="surgery", owner_person=sid)
    project = h.project(trust, title="Fewer falls")
    idea = h.idea(project)
    flagged = tasks.flag_for_standard(actor=None, idea=idea, note="Theatres could use it", standard=standard)
    action = flagged.standard_action
    idea_page = reverse("improvement:idea", args=[project.pk, idea.pk])

    client.force_login(sid)  # the standard's owner, in Surgery: the action is theirs, the project is not
    page = unescape(client.get(reverse("actions:action", args=[action.pk])).content.decode())
    assert "Change idea in “Fewer falls”" in page
    assert idea_page not in page

    client.force_login(trust.people["sam_senior"])
    page = unescape(client.get(reverse("actions:action", args=[action.pk])).content.decode())
    assert f'<a href="{idea_page}">Change idea in “Fewer falls”</a>' in page
