"""The migration that moves huddle issues' and escalation tiers' owners, due dates and closing onto
Actions (control 0003-0005): rows written before it come out with an action that says the same."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from openqms.actions.models import Action
from openqms.control.models import EscalationTier, HuddleIssue

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("control", "0003_issue_and_tier_actions")]
# Through actions' own later migrations too, so the rows are read with today's Action model.
AFTER = [("control", "0005_drop_fields_now_on_actions"), ("actions", "0006_remove_source_url")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def old_apps() -> Any:
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _rows(apps: Any) -> dict[str, Any]:
    """A ward under a service, a huddle with an open, a solved and an escalated issue, and the
    escalation: its team tier, a service tier passed up, and a division tier being worked on."""
    Organisation = apps.get_model("organisations", "Organisation")
    Unit = apps.get_model("organisations", "Unit")
    User = apps.get_model("people", "User")
    Huddle = apps.get_model("control", "Huddle")
    Issue = apps.get_model("control", "HuddleIssue")
    Escalation = apps.get_model("control", "Escalation")
    Tier = apps.get_model("control", "EscalationTier")
    today = timezone.localdate()
    org = Organisation.objects.create(name="Migration Trust", code="MT")
    division = Unit.objects.create(organisation=org, name="Medicine", kind="division", code="MED", path="x/")
    service = Unit.objects.create(
        organisation=org, parent=division, name="Elderly Care", kind="service", code="ELD", depth=1
    )
    ward = Unit.objects.create(
        organisation=org, parent=service, name="Ward A", kind="ward", code="WA", depth=2
    )
    for unit, path in ((division, f"{division.pk}/"), (service, f"{division.pk}/{service.pk}/")):
        Unit.objects.filter(pk=unit.pk).update(path=path)
    Unit.objects.filter(pk=ward.pk).update(path=f"{division.pk}/{service.pk}/{ward.pk}/")
    mo = User.objects.create(username="mo", full_name="Mo Member")
    dana = User.objects.create(username="dana", full_name="Dana Division")
    huddle = Huddle.objects.create(unit=ward, held_on=today - dt.timedelta(days=10), recorded_by=mo)
    solved_at = timezone.now() - dt.timedelta(days=9)
    long_text = "Hoist " * 60
    rows = {
        "open": Issue.objects.create(
            huddle=huddle, description="Order slings", owner=mo, due_on=today - dt.timedelta(days=2)
        ),
        "solved": Issue.objects.create(
            huddle=huddle, description=long_text, outcome="solved", closed_at=solved_at
        ),
        "escalated": Issue.objects.create(huddle=huddle, description="No hoist", outcome="escalated"),
    }
    escalation = Escalation.objects.create(
        title="No hoist", description="No hoist", origin_unit=ward, current_unit=division, raised_by=mo,
        source_issue=rows["escalated"],
    )  # fmt: skip
    passed = timezone.now() - dt.timedelta(days=5)
    rows["tiers"] = [
        Tier.objects.create(escalation=escalation, unit=ward, level=0, owner=mo, due_on=huddle.held_on,
                            status="escalated", notes="Raised by the team.", closed_at=passed),
        Tier.objects.create(escalation=escalation, unit=service, level=1, owner=dana,
                            due_on=today - dt.timedelta(days=3), status="escalated", closed_at=passed),
        Tier.objects.create(escalation=escalation, unit=division, level=2, owner=dana,
                            due_on=today - dt.timedelta(days=1), status="in_progress", notes="On it"),
    ]  # fmt: skip
    rows["long_text"], rows["solved_at"], rows["huddle"] = long_text, solved_at, huddle
    rows["escalation"], rows["mo"], rows["dana"], rows["division"] = escalation, mo, dana, division
    return rows


def test_the_move_keeps_each_issue_and_tier_as_it_was_on_an_action(old_apps):
    rows = _rows(old_apps)
    _migrate(AFTER)
    today = timezone.localdate()

    still_open = HuddleIssue.objects.get(pk=rows["open"].pk)
    assert (still_open.description, still_open.owner_id, still_open.outcome) == (
        "Order slings",
        rows["mo"].pk,
        "open",
    )
    assert still_open.is_overdue
    assert still_open.action.is_overdue
    assert still_open.action.unit_id == rows["huddle"].unit_id
    assert (still_open.action.source_kind, still_open.action.source_id) == ("control.huddle", rows["huddle"].pk)

    solved = HuddleIssue.objects.get(pk=rows["solved"].pk)
    assert solved.outcome == "solved"
    assert solved.closed_at == rows["solved_at"]
    assert solved.description == rows["long_text"].strip()  # the whole text, though a title is shorter
    assert len(solved.action.title) <= 200
    assert solved.due_on == rows["huddle"].held_on  # no date of its own: due the day of the huddle

    escalated = HuddleIssue.objects.get(pk=rows["escalated"].pk)
    assert escalated.outcome == "escalated"
    assert escalated.action.status == "closed"
    assert escalated.action.closure_evidence == "Escalated to Elderly Care."

    tiers = list(EscalationTier.objects.filter(escalation_id=rows["escalation"].pk).order_by("level"))
    assert [t.action.status for t in tiers] == ["closed", "closed", "in_progress"]
    assert [t.status for t in tiers] == ["escalated", "escalated", "in_progress"]
    assert [t.owner_id for t in tiers] == [rows["mo"].pk, rows["dana"].pk, rows["dana"].pk]
    assert tiers[1].action.closure_evidence == "Passed up to Medicine."
    assert all(t.action.kept_at_source for t in tiers)
    assert tiers[2].notes == "On it"
    # The division's open answer is now an overdue action on the division, like any other.
    assert list(Action.objects.overdue().filter(unit_id=rows["division"].pk)) == [tiers[2].action]
    assert tiers[2].due_on == today - dt.timedelta(days=1)


def test_an_empty_database_migrates_back_and_forth(old_apps):
    _migrate(AFTER)
    _migrate(BEFORE)
    _migrate(AFTER)
    assert not Action.objects.exists()
