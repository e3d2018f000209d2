"""A change the team adopted, flagged for the owner of the standard it should become part of: an
action on the standard's owning unit, owned by its named owner and linked back to the change idea
(or, with no standard, an action for the board to consider a new one)."""

from __future__ import annotations

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openqms.actions.models import Action
from openqms.actions.selectors import tracker as action_selectors
from openqms.actions.services import tracker as action_services
from openqms.assurance.services.standards import create_standard
from openqms.audit.models import AuditEntry
from openqms.improvement.services import tasks as services_actions
from tests.assurance import helpers as a
from tests.improvement import helpers as h

pytestmark = pytest.mark.django_db


def test_flagging_for_a_standard_asks_its_owner_through_an_action(trust):
    standard = a.standard(
        trust,
        code="SC-05",
        title="Falls prevention",
        unit="medicine",
        owner_person=trust.people["dana_division"],
    )
    idea = h.idea(h.project(trust))
    services_actions.flag_for_standard(
        actor=trust.people["tess_team_leader"], idea=idea, note="Add the handover huddle.", standard=standard
    )
    idea.refresh_from_db()
    action = idea.standard_action
    assert (idea.flagged_for_standard, idea.standard, idea.standard_note) == (
        True,
        standard,
        "Add the handover huddle.",
    )
    assert (action.unit, action.owner, action.status) == (
        trust.medicine,
        trust.people["dana_division"],
        "open",
    )
    assert action.title == "Consider adding “Falls huddle at handover” to SC-05 Falls prevention"
    # It links back to the change idea, which the standard's owner may open.
    link = action_selectors.source_link(trust.people["dana_division"], action)
    assert link.url == reverse("improvement:idea", args=[idea.project_id, idea.pk])
    assert "Add the handover huddle." in action.description
    assert (action.due_on - action.created_at.date()).days == services_actions.STANDARD_ACTION_DAYS
    # Both writes are in the trail: the action's creation and the project's record of the flag.
    assert AuditEntry.objects.filter(
        object_type="actions.action", object_id=str(action.pk), action="create"
    ).exists()
    entry = AuditEntry.objects.filter(object_type="improvement.project").order_by("-sequence").first()
    assert "flagged for the standards owner (SC-05 Falls prevention)" in entry.changes_json


def test_without_a_standard_the_board_is_asked_to_consider_a_new_one(trust):
    idea = h.idea(h.project(trust))
    services_actions.flag_for_standard(actor=None, idea=idea, note="We have no falls standard.")
    idea.refresh_from_db()
    assert idea.standard is None
    assert (idea.standard_action.unit, idea.standard_action.owner) == (trust.board, None)
    assert idea.standard_action.title.startswith("Consider a new standard for")


def test_a_change_is_flagged_once_until_its_owner_settles_it(trust):
    standard = a.standard(trust)
    idea = h.idea(h.project(trust))
    services_actions.flag_for_standard(actor=None, idea=idea, note="First.", standard=standard)
    with pytest.raises(ValidationError, match="still open"):
        services_actions.flag_for_standard(actor=None, idea=idea, note="Again.", standard=standard)
    assert Action.objects.count() == 1
    action_services.close_action(
        actor=None,
        action=idea.standard_action,
        evidence="Added to SC as 4.2",
        effectiveness_check="Audit",
        effective=True,
    )
    idea.refresh_from_db()
    services_actions.flag_for_standard(actor=None, idea=idea, note="A further change.", standard=standard)
    assert Action.objects.count() == 2


def test_only_the_organisations_standards_in_use_may_be_named(trust):
    idea = h.idea(h.project(trust))
    other_unit = trust.other_board
    theirs = create_standard(
        actor=None,
        owner_unit=other_unit,
        code="R-1",
        title="Theirs",
        domain="Safe",
        statement="S",
        status="approved",
    )
    retired = a.standard(trust, code="OLD-1", status="retired")
    for standard in (theirs, retired):
        with pytest.raises(ValidationError, match="standards in use"):
            services_actions.flag_for_standard(actor=None, idea=idea, note="Add it.", standard=standard)
    assert not Action.objects.exists()
    idea.refresh_from_db()
    assert not idea.flagged_for_standard


def test_the_idea_page_offers_the_standards_and_shows_the_owners_action(signed_in, trust):
    standard = a.standard(
        trust, code="SC-05", title="Falls prevention", owner_person=trust.people["sam_senior"]
    )
    a.standard(trust, code="OLD-1", title="Retired one", status="retired")
    idea = h.idea(h.project(trust))
    client = signed_in("tess_team_leader")
    url = reverse("improvement:idea", args=[idea.project_id, idea.pk])
    page = client.get(url).content.decode()
    assert "SC-05 Falls prevention" in page
    assert "Retired one" not in page
    assert "None: propose a new standard" in page

    response = client.post(
        reverse("improvement:idea-flag", args=[idea.project_id, idea.pk]), {"standard": "999999", "note": "x"}
    )
    assert "Choose one of the organisation’s standards in use" in unescape(response.content.decode())
    assert not Action.objects.exists()

    response = client.post(
        reverse("improvement:idea-flag", args=[idea.project_id, idea.pk]),
        {"standard": standard.pk, "note": "Add the huddle to 4.2"},
    )
    assert response.status_code == 302
    page = unescape(client.get(url).content.decode())
    assert "Flagged for SC-05 Falls prevention: Add the huddle to 4.2" in page
    # The action is the board's: Tess sees its state, not a link to it; Sam, the owner, gets the link.
    assert "The standards owner's action is open, due" in page
    assert "Flag for the standards owner" not in page  # not again while the owner's action is open
    owner_page = signed_in("sam_senior").get(url).content.decode()
    assert reverse("actions:action", args=[Action.objects.get().pk]) in owner_page
