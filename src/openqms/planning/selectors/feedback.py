"""Reads for feedback, scoped to the person: the unit's team (staff whose role reaches the unit)
reads its feedback; the public link's token answers only while it is not withdrawn."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.actions.models import Action
from openqms.improvement.models import Project
from openqms.improvement.selectors import projects as project_selectors
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.planning import links
from openqms.planning.models import Feedback, FeedbackPoint

P = policy.Permission


def feedback_of(user: Any, unit: Unit) -> QuerySet[Feedback]:
    """The unit's feedback and its sub-tree's, newest first, for staff who may see it."""
    visible = policy.visible(user, P.VIEW, Feedback.objects.all())
    return visible.filter(unit__path__startswith=unit.path).select_related("unit", "need", "responded_by")


def feedback_item(user: Any, pk: int) -> Feedback:
    """One piece of feedback; 404 when missing or out of scope."""
    queryset = Feedback.objects.select_related("unit__organisation", "need", "responded_by", "submitted_by")
    return policy.get_or_404(user, P.VIEW, queryset, pk=pk)


def actions_from(feedback: Feedback) -> list[Action]:
    return list(
        Action.objects.filter(source_kind=links.FEEDBACK, source_id=feedback.pk).select_related("owner")
    )


def projects_to_link(user: Any, feedback: Feedback) -> QuerySet[Project]:
    """Projects the person may see in the feedback's unit or a unit above it."""
    unit_ids = [feedback.unit_id, *feedback.unit.ancestor_ids]
    return project_selectors.projects(user).filter(unit_id__in=unit_ids).exclude(stage="closed")


def staff_of(unit: Unit) -> QuerySet[User]:
    """People whose staff role reaches the unit: who may own an action raised there."""
    holders = RoleAssignment.objects.current().filter(
        unit_id__in=[unit.pk, *unit.ancestor_ids], role__in=policy.STAFF
    )
    return User.objects.filter(pk__in=holders.values("person_id")).order_by("full_name")


def open_point(unit: Unit) -> FeedbackPoint | None:
    return FeedbackPoint.objects.filter(unit=unit, withdrawn_at__isnull=True).first()


def point_for_token(token: str) -> FeedbackPoint | None:
    """The public link's unit, for a token in use on a unit that is not archived."""
    if not token or len(token) > 64:
        return None
    return (
        FeedbackPoint.objects.filter(token=token, withdrawn_at__isnull=True, unit__archived_at__isnull=True)
        .select_related("unit")
        .first()
    )
