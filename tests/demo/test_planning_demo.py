"""The demo's quality plans: for the trust, Medicine and the demo ward, last year's approved with
its results, this year's approved and carried out, next year's in draft with comments; added once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from openqms.audit.services import verify_chain
from openqms.demo import planning_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.demo.logins import BOARD, DEMO_DIVISION, DEMO_WARD
from openqms.evaluation.selectors.plans import plans_on_time
from openqms.people.models import User
from openqms.planning.models import FrameworkMeasure, PlanAudit, PlanStatus, PlanTarget, QualityPlan
from openqms.planning.models.plans import year_of
from openqms.planning.selectors.plans import results

pytestmark = pytest.mark.django_db


def test_three_years_of_plans_for_three_units_added_once():
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    organisation = load_demo_trust(demo=demo)
    year = year_of(today)
    plans = {(p.unit.code, p.year): p for p in QualityPlan.objects.select_related("unit")}
    assert set(plans) == {
        (code, y) for code in (BOARD, DEMO_DIVISION, DEMO_WARD) for y in (year - 1, year, year + 1)
    }
    assert plans[(BOARD, year)].status == PlanStatus.SIGNED_OFF
    assert plans[(DEMO_WARD, year)].status == PlanStatus.APPROVED
    assert plans[(DEMO_WARD, year + 1)].status == PlanStatus.DRAFT
    assert plans[(DEMO_WARD, year + 1)].comments.filter(author__username="demo.serviceuser").exists()
    ward = plans[(DEMO_WARD, year)]
    assert PlanTarget.objects.filter(plan_priority__plan=ward, target_change__isnull=False).exists()
    assert PlanAudit.objects.filter(plan_priority__plan=ward, audit_run__isnull=False).exists()
    assert ward.priorities.filter(projects__project__isnull=False).exists()
    last = results(plans[(DEMO_WARD, year - 1)])
    assert last.audits_planned >= 1
    assert FrameworkMeasure.objects.exists()
    # Agreed before their years began, as a trust's are, so none reads as approved late.
    for plan in plans.values():
        if plan.approved_at is not None:
            assert plan.submitted_at < plan.approved_at
            assert plan.approved_at.date() < dt.date(plan.year, 4, 1), plan
    senior = User.objects.get(username="demo.senior")
    board = plans[(BOARD, year)].unit
    found = plans_on_time(senior, board, dt.date(year - 1, 1, 1), dt.date(year, 12, 31))
    assert found is not None
    on_time, due = found
    assert on_time == due > 0  # every plan the senior leader reads was approved by its 1 April
    assert planning_demo.load(organisation, today) == 0
    assert verify_chain().intact
