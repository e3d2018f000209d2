"""The audit trail as administrators read it: what each entry is about, with its changes in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from openqms.audit.models import AuditEntry
from openqms.audit.presenters import ReadableChange, readable

OBJECT_NAMES = {
    "organisations.organisation": "organisation",
    "organisations.unit": "unit",
    "access.roleassignment": "role",
    "people.user": "person",
}


@dataclass(frozen=True)
class EntryView:
    occurred_at: dt.datetime
    actor_name: str
    summary: str
    changes: list[ReadableChange]


def describe(entries: Iterable[AuditEntry]) -> list[EntryView]:
    return [
        EntryView(
            entry.occurred_at,
            entry.actor_name,
            f"{entry.get_action_display()} {OBJECT_NAMES.get(entry.object_type, entry.object_type)}: "
            f"{entry.object_repr}",
            changes,
        )
        for entry, changes in readable(entries)
    ]
