"""The organisation's strategy: numbered versions that keep the old ones readable, goals, and the
priorities under them with their domains and executive owner; every change audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.models import AuditEntry
from openqms.organisations import services, strategy_services
from openqms.organisations.selectors import domain_for

FIRST = {"title": "Quality strategy 2022–2025", "starts": 2022, "ends": 2025, "vision": "V1", "mission": "M1"}


def test_a_new_version_keeps_the_old_one_with_its_goals_and_priorities(trust):
    sam = trust.people["sam_senior"]
    first = strategy_services.publish_version(actor=sam, organisation=trust.org, **FIRST)
    goal = strategy_services.add_goal(actor=sam, organisation=trust.org, title="Safe care")
    services.add_priority(actor=sam, organisation=trust.org, goal=goal, title="No avoidable harm")
    with pytest.raises(ValidationError) as error:
        strategy_services.publish_version(actor=sam, organisation=trust.org, **FIRST)
    assert "change_note" in error.value.error_dict
    second = strategy_services.publish_version(
        actor=sam, organisation=trust.org, **(FIRST | {"title": "Quality strategy 2025–2028", "starts": 2025,
        "ends": 2028, "vision": "V2"}), change_note="The new period",
    )  # fmt: skip
    first.refresh_from_db()
    assert (first.number, second.number, second.period) == (1, 2, "2025–2028")
    assert (first.vision, second.vision) == ("V1", "V2")
    assert first.outline == [{"goal": "Safe care", "priorities": ["No avoidable harm"]}]
    assert second.created_by == sam
    entry = AuditEntry.objects.filter(object_type="organisations.strategyversion").latest("sequence")
    assert entry.changes["vision"] == ["V1", "V2"]
    assert "mission" not in entry.changes
    assert entry.unit_id == trust.board.pk


def test_the_period_must_not_end_before_it_starts(trust):
    with pytest.raises(ValidationError) as error:
        strategy_services.publish_version(actor=None, organisation=trust.org, **(FIRST | {"ends": 2020}))
    assert "ends" in error.value.error_dict


def test_goals_are_unique_in_the_organisation_and_retiring_is_audited(trust):
    goal = strategy_services.add_goal(actor=None, organisation=trust.org, title="Safe care")
    with pytest.raises(ValidationError) as error:
        strategy_services.add_goal(actor=None, organisation=trust.org, title="SAFE care")
    assert "title" in error.value.error_dict
    strategy_services.add_goal(actor=None, organisation=trust.other_org, title="Safe care")
    strategy_services.retire_goal(actor=None, goal=goal)
    strategy_services.update_goal(actor=None, goal=goal, description="No harm")
    actions = AuditEntry.objects.filter(object_type="organisations.strategicgoal", object_id=str(goal.pk))
    assert [e.action for e in actions.order_by("sequence")] == ["create", "update", "update"]


def test_a_priority_added_without_a_goal_goes_under_the_first_one(trust):
    priority = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    assert priority.goal.title == services.DEFAULT_GOAL
    later = strategy_services.add_goal(actor=None, organisation=trust.org, title="Later")
    assert services.add_priority(actor=None, organisation=trust.org, title="Two").goal == priority.goal
    assert later.priorities.count() == 0


def test_a_priority_names_its_domains_and_executive_owner_and_the_changes_are_audited(trust):
    sam = trust.people["sam_senior"]
    safe, timely = domain_for(trust.org, "safe"), domain_for(trust.org, "timely")
    priority = services.add_priority(
        actor=sam, organisation=trust.org, title="No avoidable harm", domains=[safe], executive_owner=sam
    )
    assert list(priority.domains.all()) == [safe]
    created = AuditEntry.objects.filter(object_type="organisations.strategicpriority").latest("sequence")
    assert created.changes["domains"] == [None, ["safe"]]
    services.update_priority(actor=sam, priority=priority, domains=[safe, timely], executive_owner=None)
    entry = AuditEntry.objects.filter(object_type="organisations.strategicpriority").latest("sequence")
    assert entry.changes["domains"] == [["safe"], ["safe", "timely"]]
    assert entry.changes["executive_owner"] == [sam.pk, None]


def test_a_priority_takes_only_its_own_organisations_goals_and_domains(trust):
    theirs = strategy_services.add_goal(actor=None, organisation=trust.other_org, title="Theirs")
    with pytest.raises(ValidationError) as error:
        services.add_priority(actor=None, organisation=trust.org, goal=theirs, title="X")
    assert "goal" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.add_priority(
            actor=None, organisation=trust.org, title="Y", domains=[domain_for(trust.other_org, "safe")]
        )
    assert "domains" in error.value.error_dict
