"""The demo's improvement projects: four stories at different stages, added once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from openqms.audit.services import verify_chain
from openqms.control.models import AnnotationKind
from openqms.demo import improvement_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.improvement.models import CycleFeedback, DriverNode, PdsaCycle, Project, QiTool
from openqms.improvement.selectors.diagram import chains

pytestmark = pytest.mark.django_db


def test_the_demo_projects_are_at_different_stages_and_added_once():
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    organisation = load_demo_trust(demo=demo)  # the projects come with the trust
    assert Project.objects.count() >= 3
    stages = set(Project.objects.values_list("stage", flat=True))
    assert {"implementing", "scoping", "closed"} <= stages
    falls = Project.objects.get(title__startswith="Reducing falls")
    assert falls.members.filter(person__username="demo.serviceuser").exists()
    huddle = DriverNode.objects.get(project=falls, text__startswith="Two-minute falls huddle")
    assert huddle.status == "adopted"
    assert huddle.flagged_for_standard
    assert CycleFeedback.objects.filter(person__username="demo.serviceuser").exists()
    assert [len(c) for c in chains(huddle)] == [3]
    assert DriverNode.objects.filter(project=falls, status="abandoned").exists()
    discharge = Project.objects.get(title__startswith="Discharge before noon")
    assert discharge.escalation is not None
    assert discharge.escalation.title.startswith("Pharmacy TTO delays")
    closed = Project.objects.get(stage="closed")
    assert closed.lessons
    assert closed.aim_measure.annotations.filter(kind=AnnotationKind.RECALCULATION).exists()
    assert PdsaCycle.objects.count() >= 6
    assert set(QiTool.objects.values_list("kind", flat=True)) == {"fishbone", "pareto", "process_map"}
    assert improvement_demo.load(organisation, today) == 0
    assert verify_chain().intact
