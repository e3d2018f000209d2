"""The demo's feedback, needs and service models: on the demo ward and Elderly Care, some raised by
the demo service user, two service models with pathways and specifications, added once."""

from __future__ import annotations

import pytest
from django.utils import timezone

from openqms.actions.models import Action
from openqms.audit.services import verify_chain
from openqms.demo import planning_needs_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.planning.models import Feedback, Need, ServiceModel, YouSaidWeDid

pytestmark = pytest.mark.django_db


def test_the_demo_tells_feedback_needs_and_two_service_models_once():
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    organisation = load_demo_trust(demo=demo)
    assert Feedback.objects.count() == len(planning_needs_demo.FEEDBACK)
    assert set(Feedback.objects.values_list("channel", flat=True)) == {"qr", "card", "form"}
    assert Feedback.objects.exclude(response="").count() >= 4
    raised_by_her = Need.objects.filter(raised_by__username="demo.serviceuser")
    assert raised_by_her.count() == 2
    assert set(raised_by_her.values_list("status", flat=True)) == {"accepted", "declined"}
    assert all(n.score for n in Need.objects.all())
    night = Need.objects.get(title__startswith="Falls prevention at night")
    assert night.projects.exists()
    assert night.feedback.exists()
    assert night.evidence.exists()
    assert Action.objects.filter(source_kind__in=["planning.need", "planning.feedback"]).count() == 2
    current = ServiceModel.objects.filter(status="current")
    assert current.count() == 2
    for model in current:
        assert model.steps.count() >= 4
        assert model.team_roles.exists()
        assert model.requirements.exists()
        assert model.rationale
        assert model.needs.exists()
    assert (
        ServiceModel.objects.get(status="draft").comments.filter(author__username="demo.serviceuser").exists()
    )
    assert YouSaidWeDid.objects.get().rows
    assert planning_needs_demo.load(organisation, today) == 0
    assert verify_chain().intact
