"""The plan pages over HTTP: drafting with named field errors, the workflow buttons and their
refusals, and what the plan's page shows once approved."""

from __future__ import annotations

from django.urls import reverse

from openqms.planning.models.plans import PlanStatus, QualityPlan
from openqms.planning.services import plans as services
from tests.control import pages_helpers as control
from tests.planning.helpers import YEAR, drafted


def test_a_team_leader_starts_a_plan_and_field_errors_are_named(trust, signed_in):
    client = signed_in("tess_team_leader")
    response = client.post(reverse("planning:plan-new"), {"unit": trust.ward_a.pk, "year": "twenty"})
    assert response.status_code == 400
    assert "Enter the year as 4 numbers, like 2026" in response.content.decode()
    response = client.post(reverse("planning:plan-new"), {"unit": trust.ward_a.pk, "year": YEAR})
    plan = QualityPlan.objects.get(unit=trust.ward_a, year=YEAR)
    assert response.url == reverse("planning:plan", args=[plan.pk])
    response = client.post(reverse("planning:plan-new"), {"unit": trust.ward_a.pk, "year": YEAR})
    assert response.status_code == 400
    assert "Ward A already has a quality plan for 2026/27" in response.content.decode()


def test_a_target_on_another_units_measure_is_not_offered(trust, signed_in):
    d = drafted(trust, with_items=False)
    other = control.measure(trust.ward_b, name="Pressure ulcers")
    url = reverse("planning:plan-target-add", args=[d.plan.pk, d.items[0].pk])
    response = signed_in("tess_team_leader").post(url, {"measure": other.pk, "target": "x"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose one of the unit’s measures" in text
    assert "Target must be a number, like 12 or 3.5" in text


def test_submit_refusal_is_shown_and_changes_nothing(trust, signed_in):
    plan = services.create_plan(actor=None, unit=trust.ward_a, year=YEAR)
    client = signed_in("tess_team_leader")
    response = client.post(reverse("planning:plan-submit", args=[plan.pk]), follow=True)
    assert "The plan has no priority" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_the_workflow_over_http(trust, signed_in, client):
    d = drafted(trust)
    signed_in("tess_team_leader").post(reverse("planning:plan-submit", args=[d.plan.pk]))
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.SUBMITTED
    client.force_login(trust.people["dana_division"])
    response = client.post(reverse("planning:plan-return", args=[d.plan.pk]), {"text": ""})
    assert response.status_code == 400
    assert "Say what the team should change" in response.content.decode()
    client.post(reverse("planning:plan-return", args=[d.plan.pk]), {"text": "Add night staffing"})
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.RETURNED
    client.force_login(trust.people["tess_team_leader"])
    client.post(reverse("planning:plan-submit", args=[d.plan.pk]))
    client.force_login(trust.people["dana_division"])
    response = client.post(reverse("planning:plan-approve", args=[d.plan.pk]), follow=True)
    text = response.content.decode()
    assert "Plan approved" in text
    assert "set on the measure" in text
    assert "Results" in text
    response = client.post(reverse("planning:plan-approve", args=[d.plan.pk]), follow=True)
    assert "The plan was approved already." in response.content.decode()


def test_the_plan_page_shows_planning_inputs_beside_a_draft(trust, signed_in):
    d = drafted(trust)
    last = services.create_plan(actor=None, unit=trust.ward_a, year=YEAR - 1)
    text = signed_in("tess_team_leader").get(reverse("planning:plan", args=[d.plan.pk])).content.decode()
    assert "Planning inputs" in text
    assert "SPC concerns" in text
    assert reverse("planning:plan", args=[last.pk]) in text
    # Colin reads the plan but does not draft it: no inputs, no drafting links.
    text = signed_in("colin_clinician").get(reverse("planning:plan", args=[d.plan.pk])).content.decode()
    assert "Add a target" not in text
    assert "Add a comment" in text


def test_a_service_user_comments_on_a_shared_plan(trust, signed_in):
    d = drafted(trust)
    services.update_plan(actor=None, plan=d.plan, summary="", shared_with_service_users=True)
    client = signed_in("sue_service_user")
    client.post(reverse("planning:plan-comment", args=[d.plan.pk]), {"text": "Please keep the lights low"})
    assert d.plan.comments.get().author == trust.people["sue_service_user"]
