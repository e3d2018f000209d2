"""The demo's strategy: 2025–2028 with three goals, each priority naming its domains, an executive
owner and outcome measures from the library; the STEEEP domains and the trust's four questions."""

from __future__ import annotations

import pytest
from django.utils import timezone

from openqms.audit.services import verify_chain
from openqms.demo import strategy_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.improvement.models import Project
from openqms.organisations.models import StrategicGoal, StrategicPriority, StrategyVersion
from openqms.organisations.selectors import four_questions, quality_domains
from openqms.planning.selectors.strategy import outcome_measures

pytestmark = pytest.mark.django_db


def test_the_demo_strategy_has_goals_holding_priorities_that_name_domains_owners_and_measures():
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    organisation = load_demo_trust(demo=demo)
    version = StrategyVersion.objects.get(organisation=organisation)
    assert (version.title, version.period) == ("Quality strategy 2025–2028", "2025–2028")
    assert StrategicGoal.objects.filter(organisation=organisation).count() == 3
    assert [d.key for d in quality_domains(organisation)] == [
        "safe", "timely", "effective", "efficient", "equitable", "person_centred",
    ]  # fmt: skip
    priorities = StrategicPriority.objects.filter(organisation=organisation)
    assert priorities.count() == 4
    for priority in priorities:
        assert priority.domains.exists(), priority.title
        assert priority.executive_owner is not None, priority.title
        assert outcome_measures(priority).exists(), priority.title
    assert four_questions(organisation)["control"] == "How do we know our care is good today?"
    # The improvement stories still find the priorities they serve.
    assert Project.objects.filter(strategic_priority__goal__title="Safe, effective care, every time").exists()
    assert strategy_demo.load(organisation) == 0
    assert verify_chain().intact
