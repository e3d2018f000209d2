"""planning 0002 folds a priority's outcome measures into the measurement framework: each becomes
a framework row for the whole organisation, a row the framework had already is not made twice, rows
for one service stay as they are, and reversing gives the outcome measures back."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from openqms.planning.models import FrameworkMeasure
from openqms.planning.selectors.strategy import outcome_measures
from tests.control import pages_helpers as control

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("planning", "0001_initial")]
AFTER = [("planning", "0002_outcome_measures_are_framework_rows")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest() -> Any:
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_outcome_measures_become_organisation_wide_framework_rows_once(trust):
    from openqms.organisations.models import StrategicGoal, StrategicPriority

    goal = StrategicGoal.objects.create(organisation=trust.org, title="Safer care", position=1)
    harm = StrategicPriority.objects.create(organisation=trust.org, goal=goal, title="No harm", position=1)
    falls = control.definition(trust.ward_a, name="Falls", code="FALLS")
    ulcers = control.definition(trust.ward_a, name="Pressure ulcers", code="PU")
    old = _migrate(BEFORE)
    OldOutcome = old.get_model("planning", "PriorityMeasure")
    OldFramework = old.get_model("planning", "FrameworkMeasure")
    OldOutcome.objects.create(priority_id=harm.pk, definition_id=falls.pk)
    OldOutcome.objects.create(priority_id=harm.pk, definition_id=ulcers.pk)
    OldFramework.objects.create(priority_id=harm.pk, definition_id=falls.pk, note="Already here")
    OldFramework.objects.create(priority_id=harm.pk, definition_id=ulcers.pk, service_id=trust.ward_a.pk)

    _migrate(AFTER)
    rows = FrameworkMeasure.objects.filter(priority=harm).select_related("definition")
    assert sorted((r.definition.code, r.service_id or 0, r.note) for r in rows) == [
        ("FALLS", 0, "Already here"),
        ("PU", 0, ""),
        ("PU", trust.ward_a.pk, ""),
    ]
    assert set(outcome_measures(harm)) == {falls, ulcers}

    back = _migrate(BEFORE)
    restored = back.get_model("planning", "PriorityMeasure").objects.filter(priority_id=harm.pk)
    assert sorted(restored.values_list("definition_id", flat=True)) == sorted([falls.pk, ulcers.pk])
