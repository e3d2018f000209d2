"""The demo's QMS maturity self-assessments: last year's completed, this year's under way, added once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from openqms.audit.services import verify_chain
from openqms.demo import evaluation_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.evaluation import framework as frameworks
from openqms.evaluation.models import AssessmentStatus, SelfAssessment

pytestmark = pytest.mark.django_db


def test_the_demo_has_last_years_and_this_years_self_assessments_added_once():
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    organisation = load_demo_trust(demo=demo)
    last = SelfAssessment.objects.filter(year=today.year - 1)
    this = SelfAssessment.objects.filter(year=today.year)
    assert last.count() == this.count() >= 4
    assert set(last.values_list("status", flat=True)) == {AssessmentStatus.COMPLETED}
    assert set(this.values_list("status", flat=True)) == {AssessmentStatus.IN_PROGRESS}
    total = len(frameworks.current().statements)
    board = last.get(unit__code="BOARD")
    assert board.ratings.count() == total
    assert board.evidence_json["measures_spc_current"]["total"] > 0
    assert 0 < this.get(unit__code="BOARD").ratings.count() < total
    assert {"BOARD", "MED", "ELD", "ELD-W1"} <= set(this.values_list("unit__code", flat=True))
    assert evaluation_demo.load(organisation, today) == 0
    assert verify_chain().intact
