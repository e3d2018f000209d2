"""The strategy pages: everyone with a role reads the strategy, its goals and the priorities under
each; the board's senior leaders set it, and a new version keeps the old one readable."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from openqms.organisations import services, strategy_services
from openqms.organisations.models import StrategicGoal, StrategicPriority, StrategyVersion
from openqms.organisations.selectors import domain_for
from openqms.planning.selectors.strategy import outcome_measures
from tests.control import pages_helpers as control

pytestmark = pytest.mark.django_db
VERSION = {"title": "Quality strategy 2025–2028", "starts": "2025", "ends": "2028", "vision": "Safest care",
           "mission": "Care for Northshire", "summary": "Three goals"}  # fmt: skip


def _page(client) -> str:
    return unescape(client.get(reverse("planning:strategy")).content.decode())


def test_a_board_leader_sets_the_strategy_then_a_new_version_keeps_the_old_one(signed_in, trust):
    client = signed_in("sam_senior")
    assert "has not recorded its vision" in _page(client)
    response = client.post(reverse("planning:strategy-new-version"), VERSION)
    assert response.status_code == 302
    page = _page(client)
    assert "Quality strategy 2025–2028" in page
    assert "2025–2028 · version 1" in page
    assert "Safest care" in page

    form = client.get(reverse("planning:strategy-new-version")).content.decode()
    assert "Safest care" in form  # the new version starts from the current one
    refused = client.post(reverse("planning:strategy-new-version"), VERSION | {"vision": "Kindest care"})
    assert refused.status_code == 400
    assert "Say what changed and why" in refused.content.decode()
    client.post(
        reverse("planning:strategy-new-version"),
        VERSION | {"vision": "Kindest care", "change_note": "Kinder"},
    )
    page = _page(client)
    assert "Kindest care" in page
    assert "version 2" in page
    old = unescape(client.get(reverse("planning:strategy-version", args=[1])).content.decode())
    assert "Safest care" in old
    assert "Kindest care" not in old
    assert StrategyVersion.objects.count() == 2


def test_the_version_form_names_each_field_that_is_wrong_and_saves_nothing(signed_in, trust):
    response = signed_in("sam_senior").post(
        reverse("planning:strategy-new-version"), VERSION | {"starts": "2028", "ends": "2025", "vision": ""}
    )
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "The last year must be the same as or after the first year" in page
    assert "Enter the vision" in page
    assert not StrategyVersion.objects.exists()


def test_goals_hold_their_priorities_with_domains_owner_and_outcome_measures(signed_in, trust):
    falls = control.definition(trust.board, name="Inpatient falls", code="FALLS")
    control.definition(trust.other_board, name="Riverside falls", code="RFALLS")
    sam = trust.people["sam_senior"]
    client = signed_in("sam_senior")
    assert client.post(reverse("planning:goal-new"), {"title": "Safe care"}).status_code == 302
    goal = StrategicGoal.objects.get(title="Safe care")
    form = unescape(client.get(reverse("planning:priority-new", args=[goal.pk])).content.decode())
    assert "Person-centred" in form
    assert "Inpatient falls" in form
    assert "Sam Senior" in form
    assert "Riverside falls" not in form
    safe, timely = domain_for(trust.org, "safe"), domain_for(trust.org, "timely")
    response = client.post(
        reverse("planning:priority-new", args=[goal.pk]),
        {"title": "No avoidable harm", "goal": goal.pk, "domains": [safe.pk, timely.pk],
         "executive_owner": sam.pk, "outcome_measures": [falls.pk]},
    )  # fmt: skip
    priority = StrategicPriority.objects.get()
    assert response["Location"] == reverse("planning:strategy") + f"#priority-{priority.pk}"
    assert (priority.goal, priority.executive_owner) == (goal, sam)
    assert set(priority.domains.all()) == {safe, timely}
    assert list(outcome_measures(priority)) == [falls]
    page = _page(client)
    assert "Safe, Timely" in page
    assert "Sam Senior" in page
    assert "Inpatient falls" in page

    # The full form at the priority's own address changes all of it.
    response = client.post(
        reverse("planning:priority", args=[priority.pk]),
        {"title": "No avoidable harm", "goal": goal.pk, "domains": [safe.pk], "position": "1"},
    )
    assert response.status_code == 302
    assert list(priority.domains.all()) == [safe]
    priority.refresh_from_db()
    assert priority.executive_owner is None
    assert not outcome_measures(priority).exists()


def test_the_priority_form_refuses_another_organisations_domains_and_measures(signed_in, trust):
    goal = strategy_services.add_goal(actor=None, organisation=trust.org, title="Safe care")
    theirs = control.definition(trust.other_board, name="Riverside falls", code="RFALLS")
    response = signed_in("sam_senior").post(
        reverse("planning:priority-new", args=[goal.pk]),
        {
            "title": "Harm",
            "domains": [domain_for(trust.other_org, "safe").pk],
            "outcome_measures": [theirs.pk],
        },
    )
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Choose quality domains from the organisation's list" in page
    assert "Choose measures from the organisation's library" in page
    assert not StrategicPriority.objects.exists()


def test_a_goal_is_changed_and_retired_with_its_priorities_shown_under_it(signed_in, trust):
    goal = strategy_services.add_goal(actor=None, organisation=trust.org, title="Safe care")
    services.add_priority(actor=None, organisation=trust.org, goal=goal, title="No avoidable harm")
    client = signed_in("sam_senior")
    client.post(reverse("planning:goal", args=[goal.pk]), {"title": "Safe, effective care", "position": "2"})
    client.post(reverse("planning:goal-retire", args=[goal.pk]), {"retire": "yes"})
    page = _page(client)
    assert "Retired goals (1)" in page
    assert "Safe, effective care" in page
    assert "No avoidable harm" in page


def test_everyone_with_a_role_reads_the_strategy_and_only_board_leaders_see_how_to_change_it(
    signed_in, trust
):
    strategy_services.publish_version(
        actor=None, organisation=trust.org, title="Strategy", starts=2025, ends=2028, vision="V", mission="M"
    )
    goal = strategy_services.add_goal(actor=None, organisation=trust.org, title="Safe care")
    for persona in ("mo_member", "sue_service_user", "dana_division"):
        page = _page(signed_in(persona))
        assert "Safe care" in page
        assert reverse("planning:goal", args=[goal.pk]) not in page
        assert "Make a new version" not in page
    assert reverse("planning:goal", args=[goal.pk]) in _page(signed_in("sam_senior"))
    assert "Safe care" not in _page(signed_in("otto_other_admin"))  # Riverside's strategy, empty


def test_each_component_home_shows_the_organisations_question(signed_in, trust):
    from openqms.organisations.language_services import set_four_questions

    set_four_questions(actor=None, organisation=trust.org, questions={"improve": "What are we testing?"})
    client = signed_in("tess_team_leader")
    client.post(reverse("switch-unit"), {"unit": trust.ward_a.pk})
    assert "What are we testing?" in unescape(client.get(reverse("improvement:home")).content.decode())
    for name in ("planning:home", "control:home", "assurance:home"):
        assert 'class="openqms-question"' in client.get(reverse(name)).content.decode()
