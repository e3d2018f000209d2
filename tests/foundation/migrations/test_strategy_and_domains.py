"""The migrations to goals and to the organisation's own quality domains (organisations 0003-0005,
control 0006-0008, improvement 0008-0010; ADR 24), run on data made before them: each priority goes
under a goal made for it, every organisation gets the STEEEP domains, and each stored domain key
becomes that organisation's domain. Reversing writes the keys back."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from openqms.control.models import MeasureDefinition
from openqms.improvement.models import Project
from openqms.organisations.models import StrategicGoal, StrategicPriority
from tests.control import pages_helpers as control
from tests.improvement import helpers as improvement

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("organisations", "0002_strategic_priorities"),
    ("control", "0005_drop_fields_now_on_actions"),
    ("improvement", "0007_improvement_methods"),
]
AFTER = [
    ("organisations", "0005_goal_required"),
    ("control", "0008_drop_the_fixed_domain_list"),
    ("improvement", "0010_drop_the_fixed_domain_list"),
]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _back_to_the_latest() -> Any:
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_priorities_go_under_a_goal_and_domain_keys_become_the_organisations_domains(trust):
    timely = control.definition(trust.ward_a, name="Waits", code="WAITS", quality_domain="timely")
    project = improvement.project(trust, quality_domain="person_centred")
    riverside = control.definition(trust.other_board, name="Visits", code="VISITS", quality_domain="safe")

    old = _migrate(BEFORE)
    OldDefinition = old.get_model("control", "MeasureDefinition")
    assert OldDefinition.objects.get(pk=timely.pk).quality_domain == "timely"
    assert (
        old.get_model("improvement", "Project").objects.get(pk=project.pk).quality_domain == "person_centred"
    )
    OldPriority = old.get_model("organisations", "StrategicPriority")
    OldPriority.objects.create(organisation_id=trust.org.pk, title="No avoidable harm", position=1)
    OldPriority.objects.create(organisation_id=trust.org.pk, title="Care without waiting", position=2)

    _migrate(AFTER)
    goal = StrategicGoal.objects.get(organisation=trust.org)
    assert goal.title == "Our strategic priorities"
    assert [p.title for p in StrategicPriority.objects.filter(goal=goal)] == [
        "No avoidable harm",
        "Care without waiting",
    ]
    assert not StrategicGoal.objects.filter(organisation=trust.other_org).exists()  # it had no priorities
    for organisation in (trust.org, trust.other_org):
        keys = list(organisation.quality_domains.values_list("key", flat=True))
        assert keys == ["safe", "timely", "effective", "efficient", "equitable", "person_centred"]
    waits = MeasureDefinition.objects.get(pk=timely.pk)
    assert (waits.quality_domain.organisation, waits.quality_domain.key) == (trust.org, "timely")
    visits = MeasureDefinition.objects.get(pk=riverside.pk)
    assert (visits.quality_domain.organisation, visits.quality_domain.label) == (trust.other_org, "Safe")
    moved = Project.objects.get(pk=project.pk)
    assert (moved.quality_domain.organisation, moved.quality_domain.label) == (trust.org, "Person-centred")


def test_reversing_writes_each_domain_key_back(trust):
    definition = control.definition(trust.ward_a, name="Waits", code="WAITS", quality_domain="efficient")
    project = improvement.project(trust, quality_domain="equitable")
    old = _migrate(BEFORE)
    assert (
        old.get_model("control", "MeasureDefinition").objects.get(pk=definition.pk).quality_domain
        == "efficient"
    )
    assert old.get_model("improvement", "Project").objects.get(pk=project.pk).quality_domain == "equitable"
