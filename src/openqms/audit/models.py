"""The audit trail: append-only, one entry per change to domain data, chained by hashes."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be deleted")


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        ARCHIVE = "archive", "Archived"
        RESTORE = "restore", "Restored"
        MOVE = "move", "Moved"
        IMPORT = "import", "Imported"

    # The sequence is the chain's own order; the id is only the database's.
    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The actor's name as it was, so the trail reads true even after a person is renamed.
    actor_name = models.CharField(max_length=150)
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    # The unit the object belongs to, so that the trail can be scoped like the data it records.
    unit = models.ForeignKey(
        "organisations.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Canonical JSON ({"field": [before, after]}), stored as text so the hash covers exact bytes.
    changes_json = models.TextField()
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["object_type", "object_id", "sequence"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"#{self.sequence} {self.actor_name} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Audit entries cannot be deleted")

    def compute_hash(self) -> str:
        payload = "\x1f".join(
            [
                self.previous_hash,
                str(self.sequence),
                self.occurred_at.astimezone(UTC).isoformat(),
                str(self.actor_id or ""),
                self.actor_name,
                self.action,
                self.object_type,
                self.object_id,
                self.object_repr,
                str(self.unit_id or ""),
                self.changes_json,
            ]
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def changes(self) -> dict[str, list[Any]]:
        value: dict[str, list[Any]] = json.loads(self.changes_json)
        return value


class AuditChainHead(models.Model):
    """One row, locked while an entry is appended, so concurrent writers cannot fork the chain."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"audit chain at #{self.last_sequence}"
