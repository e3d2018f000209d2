"""What planning's plan, framework and line-of-sight pages show, worked out in Python."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from markupsafe import Markup

from openqms.access import policy
from openqms.control.models import Measure
from openqms.control.presenters.measures import (
    assurance_icon,
    assurance_words,
    variation_icon,
    variation_words,
)
from openqms.planning.models.plans import PlanPriority, PlanStatus, QualityPlan
from openqms.planning.selectors import plans as selectors
from openqms.planning.services.plans import problems

STATUS_TAGS = {
    PlanStatus.DRAFT: "grey",
    PlanStatus.SUBMITTED: "blue",
    PlanStatus.RETURNED: "orange",
    PlanStatus.APPROVED: "green",
    PlanStatus.SIGNED_OFF: "green",
}


@dataclass
class MeasureRow:
    measure: Measure
    variation: Markup
    assurance: Markup
    words: str


def measure_row(measure: Measure) -> MeasureRow:
    snapshot = getattr(measure, "snapshot", None)
    v = snapshot.variation_icon if snapshot else None
    a = snapshot.assurance_icon if snapshot else None
    return MeasureRow(
        measure,
        variation_icon(v, size=32),
        assurance_icon(a, size=32),
        f"{variation_words(v)}; {assurance_words(a)}",
    )


def status_tag(plan: QualityPlan) -> dict[str, str]:
    return {
        "text": plan.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_TAGS[PlanStatus(plan.status)]}",
    }


def _priority_rows(plan: QualityPlan) -> list[dict[str, Any]]:
    rows = []
    for pp in (
        PlanPriority.objects.filter(plan=plan)
        .select_related("priority")
        .prefetch_related(
            "targets__measure__definition",
            "targets__measure__snapshot",
            "targets__target_change",
            "audits__template",
            "audits__audit_run",
            "projects__project",
            "projects__aim_measure__definition",
            "needs",
        )
    ):
        rows.append(
            {
                "item": pp,
                "targets": [(t, measure_row(t.measure)) for t in pp.targets.all()],
                "audits": list(pp.audits.all()),
                "projects": list(pp.projects.all()),
                "needs": list(pp.needs.all()),
            }
        )
    return rows


def plan_page(user: Any, plan: QualityPlan) -> dict[str, Any]:
    editable = selectors.may_draft(user, plan)
    approver = selectors.may_approve(user, plan)
    results = selectors.results(plan) if plan.is_approved else None
    return {
        "plan": plan,
        "status_tag": status_tag(plan),
        "rows": _priority_rows(plan),
        "may_draft": editable,
        "may_submit": editable,
        "may_decide": approver and plan.status == PlanStatus.SUBMITTED,
        "may_sign_off": selectors.may_sign_off(user, plan) and plan.status == PlanStatus.APPROVED,
        "may_amend": plan.is_approved and (selectors.may_approve(user, plan) or _leads(user, plan)),
        "may_comment": selectors.may_comment(user, plan),
        "problems": problems(plan) if editable else [],
        "inputs": selectors.inputs(user, plan) if editable else None,
        "concern_rows": [],
        "results": results,
        "results_heading": "Results" if plan.ends_on < timezone.localdate() else "Results so far",
        "result_rows": [(t, measure_row(t.measure)) for t in results.targets] if results else [],
        "comments": list(plan.comments.select_related("author")),
        "amendments": list(plan.amendments.select_related("made_by")),
        "previous": selectors.previous_plan(plan),
        "next": selectors.next_plan(plan),
    }


def _leads(user: Any, plan: QualityPlan) -> bool:
    return policy.can(user, policy.Permission.LEAD, plan)
