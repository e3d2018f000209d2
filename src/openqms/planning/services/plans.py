"""Writing annual quality plans: drafting, comments, the approval workflow, and carrying out an
approved plan through control's, assurance's and improvement's own services (ADR 0027)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role, RoleAssignment
from openqms.access.policy import Permission
from openqms.assurance.models import AuditTemplate
from openqms.assurance.models.audits import Recurrence
from openqms.assurance.services.audits import schedule_audit
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.control.models.measures import Measure
from openqms.control.services.measures import set_target
from openqms.improvement.services.projects import create_project
from openqms.links import registry as links
from openqms.organisations.models import StrategicPriority, Unit
from openqms.people.models import User
from openqms.planning.models.plans import (
    MINIMUM_IMPROVEMENT_PRIORITIES,
    NEED_KIND,
    CommentKind,
    PlanAmendment,
    PlanAudit,
    PlanComment,
    PlanNeed,
    PlanPriority,
    PlanProject,
    PlanStatus,
    PlanTarget,
    QualityPlan,
    year_label,
)

A = AuditEntry.Action
PLAN_FIELDS = ("unit", "year", "summary", "status", "shared_with_service_users")
PRIORITY_FIELDS = ("plan", "priority", "is_improvement_priority", "why", "resources")
PlanItem = PlanTarget | PlanAudit | PlanProject | PlanNeed


def _audit(
    actor: User | None, action: str, target: models.Model, changes: dict[str, Any], unit_id: int
) -> None:
    record(actor=actor, action=action, target=target, changes=changes, unit_id=unit_id)


def _locked(plan: QualityPlan) -> QualityPlan:
    """The plan, re-read under a row lock, so that two approvers or an approver and an editor
    never act on the same plan at once."""
    return QualityPlan.objects.select_for_update(of=("self",)).select_related("unit__parent").get(pk=plan.pk)


def _check_editable(plan: QualityPlan) -> None:
    if plan.status in (PlanStatus.APPROVED, PlanStatus.SIGNED_OFF):
        raise ValidationError("This plan is approved and locked: amend it, giving the reason, to change it")
    if plan.status == PlanStatus.SUBMITTED:
        raise ValidationError("This plan is waiting for approval: it cannot change until it is returned")


def _set_status(actor: User | None, plan: QualityPlan, status: str, **fields: Any) -> QualityPlan:
    old = plan.status
    plan.status = status
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=["status", *fields])
    _audit(actor, A.UPDATE, plan, {"status": [old, status]}, plan.unit_id)
    return plan


@transaction.atomic
def create_plan(
    *, actor: User | None, unit: Unit, year: int, summary: str = "", shared_with_service_users: bool = False
) -> QualityPlan:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": "Enter the year the plan starts in, like 2026"})
    if QualityPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError({"year": f"{unit.name} already has a quality plan for {year_label(year)}"})
    plan = QualityPlan.objects.create(
        unit=unit,
        year=year,
        summary=summary.strip(),
        created_by=actor,
        shared_with_service_users=shared_with_service_users,
    )
    _audit(actor, A.CREATE, plan, created(snapshot(plan, PLAN_FIELDS)), unit.pk)
    return plan


@transaction.atomic
def update_plan(
    *, actor: User | None, plan: QualityPlan, summary: str, shared_with_service_users: bool
) -> QualityPlan:
    plan = _locked(plan)
    _check_editable(plan)
    before = snapshot(plan, PLAN_FIELDS)
    plan.summary, plan.shared_with_service_users = summary.strip(), shared_with_service_users
    plan.save(update_fields=["summary", "shared_with_service_users"])
    changes = diff(before, snapshot(plan, PLAN_FIELDS))
    if changes:
        _audit(actor, A.UPDATE, plan, changes, plan.unit_id)
    return plan


@transaction.atomic
def add_priority(
    *,
    actor: User | None,
    plan: QualityPlan,
    priority: StrategicPriority,
    is_improvement_priority: bool = True,
    why: str = "",
    resources: str = "",
) -> PlanPriority:
    plan = _locked(plan)
    _check_editable(plan)
    if priority.organisation_id != plan.unit.organisation_id or priority.is_retired:
        raise ValidationError({"priority": "Choose one of the organisation’s current strategic priorities"})
    if plan.priorities.filter(priority=priority).exists():
        raise ValidationError({"priority": f"The plan already takes on “{priority.title}”"})
    item = PlanPriority.objects.create(
        plan=plan,
        priority=priority,
        is_improvement_priority=is_improvement_priority,
        why=why.strip(),
        resources=resources.strip(),
    )
    _audit(actor, A.CREATE, item, created(snapshot(item, PRIORITY_FIELDS)), plan.unit_id)
    return item


@transaction.atomic
def remove_priority(*, actor: User | None, plan_priority: PlanPriority) -> None:
    plan = _locked(plan_priority.plan)
    _check_editable(plan)
    carried = (
        plan_priority.targets.exclude(target_change=None).exists()
        or plan_priority.audits.exclude(audit_run=None).exists()
        or plan_priority.projects.exclude(project=None).exists()
    )
    if carried:
        raise ValidationError("This priority’s work has been carried out already: it stays in the plan")
    _audit(actor, A.DELETE, plan_priority, created(snapshot(plan_priority, PRIORITY_FIELDS)), plan.unit_id)
    plan_priority.delete()


def _check_measure(plan: QualityPlan, measure: Measure, field: str) -> None:
    if measure.unit_id != plan.unit_id or measure.archived_at is not None:
        name = measure.definition.name
        raise ValidationError(
            {field: f"{plan.unit.name} does not report “{name}”: choose one of its measures"}
        )


@transaction.atomic
def add_target(
    *, actor: User | None, plan_priority: PlanPriority, measure: Measure, target: float
) -> PlanTarget:
    plan = _locked(plan_priority.plan)
    _check_editable(plan)
    _check_measure(plan, measure, "measure")
    if PlanTarget.objects.filter(plan_priority__plan=plan, measure=measure).exists():
        raise ValidationError({"measure": f"The plan already sets a target on “{measure.definition.name}”"})
    item = PlanTarget.objects.create(plan_priority=plan_priority, measure=measure, target=target)
    _audit(
        actor, A.CREATE, item, created(snapshot(item, ("plan_priority", "measure", "target"))), plan.unit_id
    )
    return item


@transaction.atomic
def add_audit(
    *,
    actor: User | None,
    plan_priority: PlanPriority,
    template: AuditTemplate,
    due_on: dt.date,
    recurrence: str = Recurrence.ONCE,
) -> PlanAudit:
    plan = _locked(plan_priority.plan)
    _check_editable(plan)
    errors: dict[str, str] = {}
    if template.organisation_id != plan.unit.organisation_id:
        errors["template"] = "Choose one of the organisation’s audit templates"
    if not plan.starts_on <= due_on <= plan.ends_on:
        errors["due_on"] = (
            f"The audit must be due within the plan’s year, "
            f"{plan.starts_on:%-d %B %Y} to {plan.ends_on:%-d %B %Y}"
        )
    if recurrence not in Recurrence.values:
        errors["recurrence"] = "Choose how often the audit runs"
    if errors:
        raise ValidationError(errors)
    item = PlanAudit.objects.create(
        plan_priority=plan_priority, template=template, due_on=due_on, recurrence=recurrence
    )
    _audit(
        actor,
        A.CREATE,
        item,
        created(snapshot(item, ("plan_priority", "template", "due_on", "recurrence"))),
        plan.unit_id,
    )
    return item


@transaction.atomic
def add_project(
    *,
    actor: User | None,
    plan_priority: PlanPriority,
    title: str,
    aim: str,
    aim_measure: Measure,
    aim_target: float,
    lead: User,
) -> PlanProject:
    plan = _locked(plan_priority.plan)
    _check_editable(plan)
    _check_measure(plan, aim_measure, "aim_measure")
    if not policy.roles_on(lead, plan.unit) & {
        Role.SENIOR_LEADER,
        Role.TEAM_LEADER,
        Role.CLINICIAN,
        Role.TEAM_MEMBER,
    }:
        raise ValidationError(
            {"lead": f"{lead} has no staff role in {plan.unit.name}: choose someone who works there"}
        )
    item = PlanProject.objects.create(
        plan_priority=plan_priority,
        title=title.strip(),
        aim=aim.strip(),
        aim_measure=aim_measure,
        aim_target=aim_target,
        lead=lead,
    )
    fields = ("plan_priority", "title", "aim", "aim_measure", "aim_target", "lead")
    _audit(actor, A.CREATE, item, created(snapshot(item, fields)), plan.unit_id)
    return item


@transaction.atomic
def add_need(*, actor: User | None, plan_priority: PlanPriority, need_id: int) -> PlanNeed:
    """A need from the needs register that the priority answers."""
    plan = _locked(plan_priority.plan)
    _check_editable(plan)
    if actor is not None and links.resolve(actor, links.Source(NEED_KIND, need_id)) is None:
        raise ValidationError({"need": "Choose a need you can see in the needs register"})
    item, new = PlanNeed.objects.get_or_create(
        plan_priority=plan_priority, need_kind=NEED_KIND, need_id=need_id
    )
    if new:
        _audit(
            actor,
            A.CREATE,
            item,
            created(snapshot(item, ("plan_priority", "need_kind", "need_id"))),
            plan.unit_id,
        )
    return item


def _carried_out(item: PlanItem) -> bool:
    if isinstance(item, PlanTarget):
        return item.target_change_id is not None
    if isinstance(item, PlanAudit):
        return item.audit_run_id is not None
    if isinstance(item, PlanProject):
        return item.project_id is not None
    return False


@transaction.atomic
def remove_item(*, actor: User | None, item: PlanItem) -> None:
    plan = _locked(item.plan_priority.plan)
    _check_editable(plan)
    if _carried_out(item):
        raise ValidationError("This has been carried out already: change it where it now lives")
    _audit(actor, A.DELETE, item, {"removed": [str(item), None]}, plan.unit_id)
    item.delete()


@transaction.atomic
def comment(*, actor: User, plan: QualityPlan, text: str, kind: str = CommentKind.COMMENT) -> PlanComment:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your comment"})
    note = PlanComment.objects.create(plan=plan, author=actor, kind=kind, text=text)
    _audit(actor, A.CREATE, note, created(snapshot(note, ("plan", "kind", "text"))), plan.unit_id)
    return note


def problems(plan: QualityPlan) -> list[str]:
    """Why the plan cannot be submitted or approved as it stands; empty when it can."""
    priorities = list(plan.priorities.all())
    if not priorities:
        return ["The plan has no priority: add the priorities the unit takes on for the year"]
    found = []
    improvement = sum(1 for p in priorities if p.is_improvement_priority)
    if improvement < MINIMUM_IMPROVEMENT_PRIORITIES:
        found.append(
            f"A quality plan needs at least {MINIMUM_IMPROVEMENT_PRIORITIES} improvement priorities "
            f"(Quality Accounts); this one has {improvement}"
        )
    targets = PlanTarget.objects.filter(plan_priority__plan=plan).select_related("measure__definition")
    for target in targets:
        if target.measure.unit_id != plan.unit_id or target.measure.archived_at is not None:
            found.append(
                f"The target on “{target.measure.definition.name}” is on a measure "
                f"{plan.unit.name} does not report"
            )
    return found


@transaction.atomic
def submit(*, actor: User | None, plan: QualityPlan) -> QualityPlan:
    plan = _locked(plan)
    if plan.status == PlanStatus.SUBMITTED:
        return plan
    _check_editable(plan)
    found = problems(plan)
    if found:
        raise ValidationError(found)
    return _set_status(actor, plan, PlanStatus.SUBMITTED, submitted_at=timezone.now())


def _check_approver(actor: User | None, plan: QualityPlan, verb: str) -> None:
    if actor is not None and not policy.can_on_tier_above(actor, Permission.LEAD, plan):
        above = policy.tier_above(plan.unit)
        raise ValidationError(
            f"Only the leaders of {above.name}, the tier above {plan.unit.name}, can {verb} this plan"
        )


@transaction.atomic
def return_plan(*, actor: User, plan: QualityPlan, text: str) -> QualityPlan:
    plan = _locked(plan)
    _check_approver(actor, plan, "return")
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError("Only a plan waiting for approval can be returned")
    if not text.strip():
        raise ValidationError({"text": "Say what the team should change before the plan is approved"})
    comment(actor=actor, plan=plan, text=text, kind=CommentKind.RETURNED)
    return _set_status(actor, plan, PlanStatus.RETURNED)


@transaction.atomic
def approve(*, actor: User | None, plan: QualityPlan, text: str = "") -> QualityPlan:
    """Approve a submitted plan and carry it out. Approving an approved plan changes nothing."""
    plan = _locked(plan)
    if plan.is_approved:
        return plan
    _check_approver(actor, plan, "approve")
    found = problems(plan)
    if found:
        raise ValidationError(found)
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError("The plan must be submitted for approval before it is approved")
    if actor is not None and text.strip():
        comment(actor=actor, plan=plan, text=text, kind=CommentKind.APPROVED)
    _set_status(actor, plan, PlanStatus.APPROVED, approved_by=actor, approved_at=timezone.now())
    carry_out(actor=actor, plan=plan)
    return plan


def _sponsor(actor: User | None, unit: Unit) -> User | None:
    """A project's sponsor is a senior leader for its unit: the approver when they are one, or else
    the nearest senior leader above the unit."""
    if actor is not None and Role.SENIOR_LEADER in policy.roles_on(actor, unit):
        return actor
    found = (
        RoleAssignment.objects.current()
        .filter(role=Role.SENIOR_LEADER, unit_id__in=[*unit.ancestor_ids, unit.pk])
        .select_related("person", "unit")
        .order_by("-unit__depth")
        .first()
    )
    return found.person if found else None


def carry_out(*, actor: User | None, plan: QualityPlan) -> None:
    """Set the plan's targets, schedule its audits and propose its projects, each once: what was
    carried out already (the link record is set) is left as it is, so an amended plan approved
    again only carries out what changed."""
    reason = f"Set by the {plan}"
    for target in PlanTarget.objects.filter(plan_priority__plan=plan).select_related(
        "measure", "target_change"
    ):
        if target.target_change is not None and target.target_change.target == target.target:
            continue
        change = set_target(
            actor=actor,
            measure=target.measure,
            effective_from=plan.starts_on,
            target=target.target,
            reason=reason[:300],
        )
        target.target_change = change
        target.save(update_fields=["target_change"])
        _audit(actor, A.UPDATE, target, {"target_change": [None, change.pk]}, plan.unit_id)
    for audit in PlanAudit.objects.filter(plan_priority__plan=plan, audit_run=None).select_related(
        "template"
    ):
        run = schedule_audit(
            actor=actor,
            template=audit.template,
            unit=plan.unit,
            due_on=audit.due_on,
            recurrence=audit.recurrence,
        )
        audit.audit_run = run
        audit.save(update_fields=["audit_run"])
        _audit(actor, A.UPDATE, audit, {"audit_run": [None, run.pk]}, plan.unit_id)
    projects = PlanProject.objects.filter(plan_priority__plan=plan, project=None).select_related(
        "plan_priority__priority", "aim_measure__definition", "lead"
    )
    for planned in projects:
        sponsor = _sponsor(actor, plan.unit)
        if sponsor is None:
            raise ValidationError(
                f"“{planned.title}” needs a senior leader for {plan.unit.name} to sponsor it"
            )
        project = create_project(
            actor=actor,
            unit=plan.unit,
            title=planned.title,
            problem=f"Planned in the {plan} for the priority “{planned.plan_priority.priority.title}”.",
            aim=planned.aim,
            aim_measure=planned.aim_measure,
            aim_target=planned.aim_target,
            aim_by=plan.ends_on,
            quality_domain=planned.aim_measure.definition.quality_domain,
            sponsor=sponsor,
            lead=planned.lead,
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            strategic_priority=planned.plan_priority.priority,
        )
        planned.project = project
        planned.save(update_fields=["project"])
        _audit(actor, A.UPDATE, planned, {"project": [None, project.pk]}, plan.unit_id)


@transaction.atomic
def sign_off(*, actor: User | None, plan: QualityPlan) -> QualityPlan:
    plan = _locked(plan)
    if plan.status == PlanStatus.SIGNED_OFF:
        return plan
    if actor is not None and not policy.can_at_top(actor, Permission.LEAD, plan):
        raise ValidationError("Only the leaders at the top of the organisation can sign off a plan")
    if plan.status != PlanStatus.APPROVED:
        raise ValidationError("Only an approved plan can be signed off")
    return _set_status(actor, plan, PlanStatus.SIGNED_OFF, signed_off_by=actor, signed_off_at=timezone.now())


@transaction.atomic
def amend(*, actor: User, plan: QualityPlan, reason: str) -> PlanAmendment:
    """Open an approved plan again for a change; it goes through approval again, and what it
    carried out already stays."""
    plan = _locked(plan)
    if not plan.is_approved:
        raise ValidationError("Only an approved plan is amended: a draft can be changed as it is")
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for the amendment"})
    amendment = PlanAmendment.objects.create(plan=plan, reason=reason.strip(), made_by=actor)
    _audit(actor, A.CREATE, amendment, created(snapshot(amendment, ("plan", "reason"))), plan.unit_id)
    _set_status(
        actor,
        plan,
        PlanStatus.DRAFT,
        approved_by=None,
        approved_at=None,
        signed_off_by=None,
        signed_off_at=None,
    )
    return amendment
