"""Writes for feedback: giving it (signed in, through the QR-code link, or from a paper card), the
unit's team answering it, and turning it into a need, an action or a project."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.access.models import Role
from openqms.actions.models import Action
from openqms.actions.services.tracker import raise_action
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.improvement.models import Project
from openqms.nhsuk.dates import date_text
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.planning import links
from openqms.planning.models import Channel, Feedback, FeedbackFrom, FeedbackPoint, Need
from openqms.planning.services.needs import raise_need

A = AuditEntry.Action
FIELDS = (
    "unit", "kind", "given_by", "channel", "text", "received_on", "may_quote", "submitted_by",
    "response", "responded_by", "responded_at", "need",
)  # fmt: skip


def _audit(actor: User | None, action: str, feedback: Feedback, changes: dict[str, list[object]]) -> None:
    record(actor=actor, action=action, target=feedback, changes=changes, unit_id=feedback.unit_id)


@transaction.atomic
def give_feedback(
    *,
    actor: User | None,
    unit: Unit,
    kind: str,
    text: str,
    given_by: str,
    channel: str,
    received_on: dt.date | None = None,
    may_quote: bool = False,
) -> Feedback:
    """`actor` None is the public QR-code link (nobody signed in). A card's date may be in the past
    (when it was written); none may be in the future."""
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise ValidationError({"received_on": "The date the feedback was given must be today or in the past"})
    if channel == Channel.QR and actor is not None:
        raise ValidationError("Feedback through the QR-code link is given without signing in")
    if channel != Channel.QR and actor is None:
        raise ValidationError("Feedback other than through the QR-code link needs the person who typed it")
    if channel == Channel.CARD and not policy.roles_on(actor, unit) & policy.STAFF:
        raise ValidationError({"channel": "Only staff type in paper cards"})
    if (
        given_by == FeedbackFrom.STAFF
        and actor is not None
        and not policy.roles_on(actor, unit) & policy.STAFF
    ):
        raise ValidationError({"given_by": "Choose who the feedback is from: you are not staff here"})
    feedback = Feedback(
        unit=unit, kind=kind, text=text.strip(), given_by=given_by, channel=channel,
        received_on=received_on, may_quote=may_quote, submitted_by=actor,
    )  # fmt: skip
    feedback.full_clean()
    feedback.save()
    _audit(actor, A.CREATE, feedback, created(snapshot(feedback, FIELDS)))
    return feedback


@transaction.atomic
def answer_feedback(*, actor: User, feedback: Feedback, response: str) -> Feedback:
    before = snapshot(feedback, FIELDS)
    response = response.strip()
    if not response:
        raise ValidationError({"response": "Enter the answer to the feedback"})
    if response == feedback.response:
        return feedback
    feedback.response = response
    feedback.responded_by = actor
    feedback.responded_at = timezone.now()
    feedback.full_clean()
    feedback.save()
    _audit(actor, A.UPDATE, feedback, diff(before, snapshot(feedback, FIELDS)))
    return feedback


@transaction.atomic
def feedback_to_need(*, actor: User, feedback: Feedback, title: str, who_affected: str) -> Need:
    """A need raised from the feedback, which then links to it (once: a second call gives the same need)."""
    if feedback.need_id is not None:
        assert feedback.need is not None
        return feedback.need
    need = raise_need(
        actor=actor,
        unit=feedback.unit,
        title=title,
        who_affected=who_affected,
        description=f"From {feedback.get_kind_display().lower()} of {date_text(feedback.received_on)}.",
    )
    before = snapshot(feedback, FIELDS)
    feedback.need = need
    feedback.save(update_fields=["need"])
    _audit(actor, A.UPDATE, feedback, diff(before, snapshot(feedback, FIELDS)))
    return need


@transaction.atomic
def attach_to_need(*, actor: User | None, feedback: Feedback, need: Need) -> None:
    """The feedback is evidence of a need already on the register (of the same organisation)."""
    if need.unit.organisation_id != feedback.unit.organisation_id:
        raise ValidationError({"need": "Choose a need of this organisation"})
    if feedback.need_id == need.pk:
        return
    before = snapshot(feedback, FIELDS)
    feedback.need = need
    feedback.save(update_fields=["need"])
    _audit(actor, A.UPDATE, feedback, diff(before, snapshot(feedback, FIELDS)))


def feedback_to_action(
    *, actor: User, feedback: Feedback, title: str, due_on: dt.date, owner: User | None = None
) -> Action:
    """An action in the tracker whose source is the feedback (the action's service audits it)."""
    if owner is not None and not policy.roles_on(owner, feedback.unit) & policy.STAFF:
        raise ValidationError({"owner": f"{owner} has no staff role in {feedback.unit.name}"})
    return raise_action(
        actor=actor,
        unit=feedback.unit,
        title=title,
        due_on=due_on,
        owner=owner,
        source_label=links.feedback_title(feedback),
        source=links.feedback_source(feedback),
    )


@transaction.atomic
def link_project(*, actor: User, feedback: Feedback, project: Project) -> None:
    """The project answering the feedback: one in the feedback's unit or above it."""
    if not (project.unit_id == feedback.unit_id or project.unit_id in feedback.unit.ancestor_ids):
        raise ValidationError({"project": "Choose a project of this unit or a unit above it"})
    if feedback.projects.filter(pk=project.pk).exists():
        return
    feedback.projects.add(project)
    _audit(actor, A.UPDATE, feedback, {"projects": [None, project.pk]})


def new_token() -> str:
    return secrets.token_urlsafe(24)


@transaction.atomic
def open_feedback_point(*, actor: User, unit: Unit) -> FeedbackPoint:
    """A new public link for the unit; any earlier one stops answering (its posters are replaced)."""
    now = timezone.now()
    for old in FeedbackPoint.objects.filter(unit=unit, withdrawn_at__isnull=True):
        old.withdrawn_at = now
        old.save(update_fields=["withdrawn_at"])
        record(
            actor=actor, action=A.UPDATE, target=old, changes={"withdrawn_at": [None, now]}, unit_id=unit.pk
        )
    point = FeedbackPoint.objects.create(unit=unit, token=new_token(), created_by=actor)
    # The token itself is a credential of sorts: the audit keeps that a link was made, not the token.
    record(actor=actor, action=A.CREATE, target=point, changes={"unit": [None, unit.pk]}, unit_id=unit.pk)
    return point


def giver_of(actor: User, unit: Unit) -> str:
    """Who signed-in feedback is from, by default: staff give it on someone's behalf."""
    return FeedbackFrom.STAFF if policy.roles_on(actor, unit) & policy.STAFF else FeedbackFrom.SERVICE_USER


def is_service_user_here(actor: User, unit: Unit) -> bool:
    return Role.SERVICE_USER in policy.roles_on(actor, unit)
