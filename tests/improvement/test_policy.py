"""The policy's rule for projects shared with their team: `can` and `visible` agree for every persona."""

from __future__ import annotations

import pytest

from openqms.access import policy
from openqms.improvement.models import Project
from openqms.improvement.services.team import add_member, remove_member
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_can_and_visible_agree_for_every_persona_action_and_project(trust):
    plain = h.project(trust, title="Ward A")
    shared = h.project(trust, title="Ward A with Sue")
    add_member(actor=None, project=shared, person=trust.people["sue_service_user"], role="Partner")
    ward_b = h.project(trust, "ward_b", title="Ward B")
    projects = [plain, shared, ward_b]
    for person in trust.people.values():
        for action in policy.Permission:
            visible = set(policy.visible(person, action, Project.objects.all()))
            for project in projects:
                assert policy.can(person, action, project) == (project in visible), (person, action, project)
    sue = trust.people["sue_service_user"]
    assert list(policy.visible(sue, "view", Project.objects.all())) == [shared]
    assert not policy.can(sue, "contribute", shared)


def test_leaving_the_team_ends_the_sharing(trust):
    p = h.project(trust)
    member = add_member(actor=None, project=p, person=trust.people["sue_service_user"], role="Partner")
    sue = trust.people["sue_service_user"]
    assert policy.can(sue, "view", p)
    remove_member(actor=None, member=member)
    assert not policy.can(sue, "view", p)
