"""Writing and checking the audit trail.

Services of every app call `record` (or `record_many`) inside their own transaction, so a change
and its entry commit or roll back together. Nothing else writes AuditEntry rows.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models, transaction
from django.utils import timezone

from openqms.audit.models import AuditChainHead, AuditEntry

Changes = dict[str, list[Any]]

# How the actor reached the change when it was not a page (an API token, by its public prefix): the
# entry's changes then carry it as "via", so the hash covers it like any other part of the change.
VIA = "via"
_via: ContextVar[str | None] = ContextVar("openqms_audit_via", default=None)


@contextmanager
def attributed_via(via: str) -> Iterator[None]:
    """Every entry written inside this block records `via` (the API wraps each token request)."""
    token = _via.set(via)
    try:
        yield
    finally:
        _via.reset(token)


def attribute_rest_of_context(via: str) -> None:
    """`attributed_via` for the rest of the current context: the API runs each request in a copy of
    the context (contextvars.copy_context), so the attribution ends with the request."""
    _via.set(via)


class Actor(Protocol):
    """Who made a change: a person (the people app's User). The audit trail sits below the people
    app, so it names what it reads of a person rather than importing the model."""

    @property
    def pk(self) -> Any: ...

    def get_full_name(self) -> str: ...

    def get_username(self) -> str: ...


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value, stable across databases."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """The audited fields of an object as plain values (foreign keys by id)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(obj, attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """Fields whose value changed, as {field: [before, after]}."""
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def created(values: dict[str, Any]) -> Changes:
    return {k: [None, v] for k, v in sorted(values.items())}


@dataclass(frozen=True)
class Change:
    """One change to record: what happened to which object, in which unit."""

    action: str
    target: models.Model
    changes: Changes
    unit_id: int | None = None


def _actor_name(actor: Actor | None) -> str:
    if actor is None:
        return "system"
    return str(actor.get_full_name() or actor.get_username())


def record_many(*, actor: Actor | None, changes: Iterable[Change]) -> list[AuditEntry]:
    """Append entries for several changes in one go (imports, bulk edits), one chain step each."""
    items = list(changes)
    if not items:
        return []
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit entries must be written inside the transaction of the change they record")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    now = timezone.now()
    actor_id = getattr(actor, "pk", None)
    actor_name = _actor_name(actor)
    entries = []
    previous_hash, sequence = head.last_hash, head.last_sequence
    via = _via.get()
    for item in items:
        sequence += 1
        item_changes = item.changes if via is None else {**item.changes, VIA: [None, via]}
        entry = AuditEntry(
            sequence=sequence,
            occurred_at=now,
            actor_id=actor_id,
            actor_name=actor_name,
            action=item.action,
            object_type=item.target._meta.label_lower,
            object_id=str(item.target.pk),
            object_repr=str(item.target)[:300],
            unit_id=item.unit_id,
            changes_json=json.dumps(_plain(item_changes), sort_keys=True, separators=(",", ":")),
            previous_hash=previous_hash,
        )
        entry.entry_hash = entry.compute_hash()
        previous_hash = entry.entry_hash
        entries.append(entry)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    head.last_sequence, head.last_hash = sequence, previous_hash
    head.save(update_fields=["last_sequence", "last_hash"])
    return entries


def record(
    *, actor: Actor | None, action: str, target: models.Model, changes: Changes, unit_id: int | None = None
) -> AuditEntry:
    """Append one entry for one change."""
    return record_many(actor=actor, changes=[Change(action, target, changes, unit_id)])[0]


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_bad_sequence: int | None
    reason: str

    @property
    def intact(self) -> bool:
        return self.first_bad_sequence is None


def verify_chain(*, batch_size: int = 5000, progress: Any = None) -> ChainReport:
    """Walk the whole trail in order and recompute every hash; name the first entry that fails."""
    previous_hash, expected_sequence, checked = "0" * 64, 1, 0
    last_pk_sequence = 0
    while True:
        batch = list(
            AuditEntry.objects.filter(sequence__gt=last_pk_sequence).order_by("sequence")[:batch_size]
        )
        if not batch:
            break
        for entry in batch:
            if entry.sequence != expected_sequence:
                return ChainReport(checked, expected_sequence, f"entry #{expected_sequence} is missing")
            if entry.previous_hash != previous_hash:
                return ChainReport(checked, entry.sequence, "its link to the entry before does not match")
            if entry.compute_hash() != entry.entry_hash:
                return ChainReport(checked, entry.sequence, "its content does not match its hash")
            previous_hash, expected_sequence = entry.entry_hash, expected_sequence + 1
            checked += 1
            if progress is not None:
                progress(1)
        last_pk_sequence = batch[-1].sequence
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_sequence != checked or head.last_hash != previous_hash):
        return ChainReport(
            checked, checked + 1, "entries after it have been removed from the end of the trail"
        )
    return ChainReport(checked, None, "")
