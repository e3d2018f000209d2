"""Writes to actions. Each runs in one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.actions.models import OPEN_STATUSES, Action, ProgressNote, Status
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, diff, record, record_many, snapshot
from openqms.links import registry as links
from openqms.links.registry import Source
from openqms.nhsuk.versions import refuse_if_stale
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.unchanged import UNCHANGED, Unchanged, set_given

A = AuditEntry.Action
FIELDS = (
    "unit", "title", "description", "owner", "due_on", "priority", "status", "source_label", "source_kind",
    "source_id", "kept_at_source", "closed_at", "closure_evidence", "effectiveness_check", "effective",
)  # fmt: skip


def _refuse_if_kept_at_source(action: Action) -> None:
    if action.kept_at_source:
        where = action.source_label or "where it was raised"
        raise ValidationError(f"This action is answered on its own page ({where}), not in the tracker")


@transaction.atomic
def raise_action(
    *,
    actor: User | None,
    unit: Unit,
    title: str,
    due_on: dt.date,
    owner: Any = None,
    description: str = "",
    priority: str = "medium",
    source_label: str = "",
    source: Source | None = None,
    kept_at_source: bool = False,
) -> Action:
    """`source` is what raised it, `source_label` its name in the words of the day."""
    if source is not None and not links.is_known(source.kind):
        raise ValidationError({"source": "The link to what raised the action must be a page of OpenQMS"})
    action = Action(
        unit=unit, title=title.strip(), description=description.strip(), owner=owner, due_on=due_on,
        priority=priority, source_label=source_label[:300],
        source_kind=source.kind if source else "", source_id=source.id if source else None,
        kept_at_source=kept_at_source, created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    action.full_clean()
    action.save()
    record(
        actor=actor,
        action=A.CREATE,
        target=action,
        changes=created(snapshot(action, FIELDS)),
        unit_id=unit.pk,
    )
    return action


@transaction.atomic
def update_action(
    *,
    actor: User | None,
    action: Action,
    by_source: bool = False,
    title: str | Unchanged = UNCHANGED,
    description: str | Unchanged = UNCHANGED,
    owner: User | Unchanged | None = UNCHANGED,
    due_on: dt.date | Unchanged = UNCHANGED,
    priority: str | Unchanged = UNCHANGED,
    status: str | Unchanged = UNCHANGED,
    version: str | None = None,
) -> Action:
    """Change what may be changed; a field left UNCHANGED keeps its value. `by_source` is for the
    services of what raised an action kept there. `version` is the one the edit form was opened at:
    a save over a later change is refused (nhsuk.versions)."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    refuse_if_stale(action, version, "action")
    if not by_source:
        _refuse_if_kept_at_source(action)
    before = snapshot(action, FIELDS)
    set_given(
        action,
        title=title,
        description=description,
        owner=owner,
        due_on=due_on,
        priority=priority,
        status=status,
    )
    if action.status == Status.CLOSED and before["status"] != Status.CLOSED:
        raise ValidationError({"status": "Close an action with its evidence and a check that it worked"})
    action.full_clean()
    action.save()
    changes = diff(before, snapshot(action, FIELDS))
    if changes:
        record(actor=actor, action=A.UPDATE, target=action, changes=changes, unit_id=action.unit_id)
    return action


@transaction.atomic
def add_note(*, actor: User | None, action: Action, text: str) -> ProgressNote:
    _refuse_if_kept_at_source(action)
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the progress note"})
    note = ProgressNote.objects.create(
        action=action, author=actor if getattr(actor, "pk", None) else None, text=text
    )
    changes = [Change(A.CREATE, note, created({"action": action.pk, "text": text}), action.unit_id)]
    if action.status == Status.OPEN:
        action.status = Status.IN_PROGRESS
        action.save(update_fields=["status"])
        changes.append(
            Change(A.UPDATE, action, {"status": [Status.OPEN, Status.IN_PROGRESS]}, action.unit_id)
        )
    record_many(actor=actor, changes=changes)
    return note


@transaction.atomic
def close_action(
    *, actor: User | None, action: Action, evidence: str, effectiveness_check: str, effective: bool
) -> Action:
    """Close with the evidence that it was done and the check of whether it worked."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    _refuse_if_kept_at_source(action)
    if action.status not in OPEN_STATUSES:
        raise ValidationError("This action is closed already")
    errors = {}
    if not evidence.strip():
        errors["evidence"] = "Say what was done, and where the evidence is"
    if not effectiveness_check.strip():
        errors["effectiveness_check"] = "Say how you checked that the action worked"
    if errors:
        raise ValidationError(errors)
    before = snapshot(action, FIELDS)
    action.status, action.closed_at = Status.CLOSED, timezone.now()
    action.closure_evidence, action.effectiveness_check = evidence.strip(), effectiveness_check.strip()
    action.effective = effective
    action.save()
    record(
        actor=actor, action=A.UPDATE, target=action, changes=diff(before, snapshot(action, FIELDS)),
        unit_id=action.unit_id,
    )  # fmt: skip
    return action


@transaction.atomic
def settle_action(*, actor: User | None, action: Action, outcome: str, owner: Any = None) -> Action:
    """Close an action because what raised it has settled it: a huddle action marked done on the
    board or escalated, an escalation tier passed up or resolved. The closure says which; there is
    no effectiveness check, because none was made (the tracker's own close asks for one). `owner`
    becomes the owner if there was none: whoever settled it answered for it."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status not in OPEN_STATUSES:
        raise ValidationError("This action is closed already")
    if not outcome.strip():
        raise ValidationError({"evidence": "Say what became of the action"})
    before = snapshot(action, FIELDS)
    if action.owner_id is None and owner is not None:
        action.owner = owner
    action.status, action.closed_at = Status.CLOSED, timezone.now()
    action.closure_evidence = outcome.strip()
    action.save()
    record(
        actor=actor, action=A.UPDATE, target=action, changes=diff(before, snapshot(action, FIELDS)),
        unit_id=action.unit_id,
    )  # fmt: skip
    return action
