"""The demo's DMAIC and A3 projects: the trust offers all three methods, the DMAIC project is
analysing after two passed gates (one "not yet" on the way), the A3 has six sections written; added
once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from openqms.audit.services import verify_chain
from openqms.demo import method_projects
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.improvement.models import A3Section, GateReview, Project
from openqms.improvement.selectors.methods import current_phase, methods_offered

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dmaic_and_an_a3_project_added_once():
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    organisation = load_demo_trust(demo=demo)
    assert methods_offered(organisation) == ["model_for_improvement", "dmaic", "a3"]
    dmaic = Project.objects.get(method="dmaic")
    assert current_phase(dmaic) == "analyse"
    assert list(GateReview.objects.filter(project=dmaic).values_list("phase", "outcome")) == [
        ("define", "passed"), ("measure", "not_yet"), ("measure", "passed"),
    ]  # fmt: skip
    assert {t.kind for t in dmaic.tools.all()} == {"pareto", "fishbone"}
    a3 = Project.objects.get(method="a3")
    sections = {s.section: s for s in A3Section.objects.filter(project=a3)}
    assert len(sections) == 6
    assert "follow_up" not in sections
    assert sections["root_cause"].version == 2
    assert method_projects.load(organisation, today) == 0
    assert verify_chain().intact
