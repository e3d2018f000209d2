"""The quality plan's workflow: drafting, submitting, returning, approving (which carries the plan
out), signing off and amending, with every refusal named and every change audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from openqms.assurance.models import AuditRun
from openqms.audit.models import AuditEntry
from openqms.control.models import TargetChange
from openqms.improvement.models import Project
from openqms.planning.models.plans import PlanStatus, PlanTarget
from openqms.planning.services import plans as services
from tests.control import pages_helpers as control
from tests.planning import needs_helpers
from tests.planning.helpers import YEAR, drafted


def _approved(trust):
    d = drafted(trust)
    services.submit(actor=trust.people["tess_team_leader"], plan=d.plan)
    services.approve(actor=trust.people["dana_division"], plan=d.plan)
    d.plan.refresh_from_db()
    return d


def test_approval_carries_the_plan_out(trust):
    d = _approved(trust)
    assert d.plan.status == PlanStatus.APPROVED
    change = TargetChange.objects.get(measure=d.measure, effective_from=dt.date(YEAR, 4, 1))
    assert change.target == 4
    assert PlanTarget.objects.get(plan_priority__plan=d.plan).target_change == change
    run = AuditRun.objects.get(unit=trust.ward_a, template=d.template)
    assert run.due_on == dt.date(YEAR, 9, 1)
    assert run.plan_audits.get().plan_priority.plan == d.plan
    project = Project.objects.get(title="Fewer falls at night")
    assert project.stage == "idea"
    assert project.strategic_priority == d.priorities[0]
    assert project.sponsor == trust.people["dana_division"]
    assert project.plan_projects.get().plan_priority.plan == d.plan


def test_approving_twice_changes_nothing(trust):
    d = _approved(trust)
    entries = AuditEntry.objects.count()
    services.approve(actor=trust.people["dana_division"], plan=d.plan)
    services.approve(actor=trust.people["sam_senior"], plan=d.plan)
    assert AuditEntry.objects.count() == entries
    assert AuditRun.objects.filter(unit=trust.ward_a).count() == 1
    assert Project.objects.count() == 1


def test_a_plan_with_no_priority_cannot_be_submitted_or_approved(trust):
    plan = services.create_plan(actor=None, unit=trust.ward_a, year=YEAR)
    with pytest.raises(ValidationError, match="no priority"):
        services.submit(actor=None, plan=plan)
    with pytest.raises(ValidationError, match="no priority"):
        services.approve(actor=trust.people["dana_division"], plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_quality_accounts_ask_for_three_improvement_priorities(trust):
    d = drafted(trust, with_items=False)
    d.items[2].is_improvement_priority = False
    d.items[2].save()
    with pytest.raises(ValidationError, match="at least 3 improvement priorities"):
        services.submit(actor=None, plan=d.plan)


def test_a_target_on_a_measure_the_unit_does_not_report_is_refused(trust):
    d = drafted(trust, with_items=False)
    elsewhere = control.measure(trust.ward_b, name="Pressure ulcers")
    with pytest.raises(ValidationError) as exc:
        services.add_target(actor=None, plan_priority=d.items[0], measure=elsewhere, target=1)
    assert exc.value.message_dict["measure"] == [
        "Ward A does not report “Pressure ulcers”: choose one of its measures"
    ]
    # Nor can one slip in by the measure moving away before approval.
    PlanTarget.objects.create(plan_priority=d.items[1], measure=elsewhere, target=1)
    d.plan.status = PlanStatus.SUBMITTED
    d.plan.save()
    with pytest.raises(ValidationError, match="does not report"):
        services.approve(actor=trust.people["dana_division"], plan=d.plan)
    assert not TargetChange.objects.filter(measure=elsewhere, effective_from=dt.date(YEAR, 4, 1)).exists()


def test_only_the_tier_above_approves(trust):
    d = drafted(trust)
    services.submit(actor=None, plan=d.plan)
    with pytest.raises(ValidationError) as exc:
        services.approve(actor=trust.people["tess_team_leader"], plan=d.plan)
    assert exc.value.messages == [
        "Only the leaders of Elderly Care, the tier above Ward A, can approve this plan"
    ]
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.SUBMITTED
    assert not AuditRun.objects.exists()


def test_return_then_resubmit_then_approve(trust):
    d = drafted(trust)
    dana = trust.people["dana_division"]
    services.submit(actor=None, plan=d.plan)
    with pytest.raises(ValidationError):
        services.return_plan(actor=dana, plan=d.plan, text="  ")
    services.return_plan(actor=dana, plan=d.plan, text="Add a measure of night staffing")
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.RETURNED
    assert d.plan.comments.get().kind == "returned"
    services.update_plan(actor=None, plan=d.plan, summary="Safer nights", shared_with_service_users=True)
    services.submit(actor=None, plan=d.plan)
    services.approve(actor=dana, plan=d.plan)
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.APPROVED


def test_an_approved_plan_is_locked_and_changed_by_amendment(trust):
    d = _approved(trust)
    tess = trust.people["tess_team_leader"]
    with pytest.raises(ValidationError, match="locked"):
        services.add_target(actor=tess, plan_priority=d.items[1], measure=d.measure, target=3)
    with pytest.raises(ValidationError) as exc:
        services.amend(actor=tess, plan=d.plan, reason="")
    assert "reason" in exc.value.message_dict
    services.amend(actor=tess, plan=d.plan, reason="The falls target was too timid")
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.DRAFT
    target = PlanTarget.objects.get(plan_priority__plan=d.plan)
    with pytest.raises(ValidationError, match="carried out"):
        services.remove_item(actor=tess, item=target)
    target.target = 3
    target.save()
    services.submit(actor=tess, plan=d.plan)
    services.approve(actor=trust.people["dana_division"], plan=d.plan)
    assert TargetChange.objects.get(measure=d.measure, effective_from=dt.date(YEAR, 4, 1)).target == 3
    assert AuditRun.objects.filter(unit=trust.ward_a).count() == 1
    assert Project.objects.count() == 1


def test_sign_off_at_the_top_only(trust):
    d = _approved(trust)
    with pytest.raises(ValidationError, match="top of the organisation"):
        services.sign_off(actor=trust.people["dana_division"], plan=d.plan)
    services.sign_off(actor=trust.people["sam_senior"], plan=d.plan)
    d.plan.refresh_from_db()
    assert d.plan.status == PlanStatus.SIGNED_OFF
    assert d.plan.signed_off_by == trust.people["sam_senior"]


def test_every_change_is_audited(trust):
    d = _approved(trust)
    plan_entries = AuditEntry.objects.filter(object_type="planning.qualityplan", object_id=str(d.plan.pk))
    assert [e.action for e in plan_entries.order_by("sequence")] == ["create", "update", "update"]
    assert AuditEntry.objects.filter(object_type="planning.plantarget").count() == 2  # added, carried out


def test_a_priority_answers_needs_its_drafter_can_see(trust):
    d = drafted(trust, with_items=False)
    mine = needs_helpers.need(trust)
    elsewhere = needs_helpers.need(trust, "ward_b", by="sam_senior", title="Another ward's need")
    tess = trust.people["tess_team_leader"]
    linked = services.add_need(actor=tess, plan_priority=d.items[0], need_id=mine.pk)
    assert services.add_need(actor=tess, plan_priority=d.items[0], need_id=mine.pk) == linked
    with pytest.raises(ValidationError) as exc:
        services.add_need(actor=tess, plan_priority=d.items[0], need_id=elsewhere.pk)
    assert exc.value.message_dict["need"] == ["Choose a need you can see in the needs register"]


def test_a_unit_has_one_plan_a_year(trust):
    services.create_plan(actor=None, unit=trust.ward_a, year=YEAR)
    with pytest.raises(ValidationError) as exc:
        services.create_plan(actor=None, unit=trust.ward_a, year=YEAR)
    assert exc.value.message_dict["year"] == ["Ward A already has a quality plan for 2026/27"]


def test_an_audit_is_due_within_the_year(trust):
    d = drafted(trust, with_items=False)
    with pytest.raises(ValidationError) as exc:
        services.add_audit(
            actor=None, plan_priority=d.items[0], template=d.template, due_on=dt.date(YEAR + 2, 1, 1)
        )
    assert "due_on" in exc.value.message_dict
