"""Reads of audits, each scoped through the access policy to what the person may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from openqms.access import policy
from openqms.assurance.models import (
    AuditRun,
    RunStatus,
)

Permission = policy.Permission


# --- audits --------------------------------------------------------------------------------------


def run_queryset() -> QuerySet[AuditRun]:
    return AuditRun.objects.select_related("unit", "template", "version")


def runs_visible(user: Any, action: Permission = Permission.VIEW) -> QuerySet[AuditRun]:
    return policy.visible(user, action, run_queryset())


def may_answer(user: Any, run: AuditRun) -> bool:
    """Staff who may contribute on the unit, and the people (service users too) assigned to it."""
    if run.status not in (RunStatus.SCHEDULED, RunStatus.IN_PROGRESS):
        return False
    return (
        policy.can(user, Permission.CONTRIBUTE, run)
        or run.assignees.filter(pk=getattr(user, "pk", 0) or 0).exists()
    )


def run_for(user: Any, pk: int, *, answering: bool = False) -> AuditRun:
    """One audit: visible to the unit's staff, to service users when shared, and to its assignees."""
    run = run_queryset().filter(pk=pk).first()
    if run is None:
        raise Http404("Not found")
    assigned = run.assignees.filter(pk=getattr(user, "pk", 0) or 0).exists()
    if answering:
        if not may_answer(user, run):
            raise Http404("Not found")
    elif not (policy.can(user, Permission.VIEW, run) or assigned):
        raise Http404("Not found")
    return run


def my_audits(user: Any) -> QuerySet[AuditRun]:
    """Audits assigned to this person that are still to do."""
    return (
        run_queryset()
        .filter(assignees=user, status__in=(RunStatus.SCHEDULED, RunStatus.IN_PROGRESS))
        .order_by("due_on")
    )


def my_panel(user: Any) -> dict[str, Any]:
    """What needs this person in assurance, for My QMS: audits to do, every action they own whatever
    raised it (a finding, a huddle, an improvement task), and overdue actions below."""
    from openqms.actions.selectors import tracker as action_selectors

    # Each list reads only what the panel shows of it.
    audits, audits_total = _first_and_total(
        my_audits(user)
        .select_related(None)
        .select_related("unit", "template")
        .only("due_on", "status", "unit__name", "template__name")
    )
    # An escalation tier's action is answered on the escalation, which control's panel lists as
    # "Escalations awaiting you"; listing it here as well would show one duty twice.
    actions, actions_total = _first_and_total(
        action_selectors.mine(user)
        .filter(kept_at_source=False)
        .select_related(None)
        .select_related("unit")
        .only("title", "status", "due_on", "source_label", "source_kind", "source_id", "unit__name")
    )
    overdue, overdue_total = _first_and_total(
        action_selectors.overdue_below_me(user)
        .order_by("due_on")
        .only("title", "due_on", "unit__name", "owner__full_name")
    )
    return {
        "audits": audits,
        "audits_total": audits_total,
        "actions": actions,
        "actions_total": actions_total,
        "source_links": {a.pk: action_selectors.source_link(user, a) for a in actions},
        "overdue": overdue,
        "overdue_total": overdue_total,
        "today": timezone.localdate(),
    }


def _first_and_total(found: QuerySet[Any], shown: int = 5) -> tuple[list[Any], int]:
    """The first few, and how many there are: counted in the database only when there may be
    more, and neither asked for when the person's scope leaves nothing (`policy.visible` gave none)."""
    if found.query.is_empty():
        return [], 0
    first = list(found[:shown])
    return first, len(first) if len(first) < shown else found.count()
