"""The audit trail as administrators read it: names instead of ids, labels instead of stored values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openqms.access.models import Role
from openqms.audit.models import AuditEntry
from openqms.organisations.models import Organisation, Unit, UnitKind
from openqms.people.models import User

OBJECT_NAMES = {
    "organisations.organisation": "organisation",
    "organisations.unit": "unit",
    "access.roleassignment": "role",
    "people.user": "person",
}
# Fields that hold another object's id, and where to find its name.
REFERENCES: dict[str, Any] = {"person": User, "unit": Unit, "parent": Unit, "organisation": Organisation}
CHOICES: dict[str, dict[str, str]] = {
    "role": {str(v): str(label) for v, label in Role.choices},
    "kind": {str(v): str(label) for v, label in UnitKind.choices},
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ChangeLine:
    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class EntryView:
    occurred_at: dt.datetime
    actor_name: str
    summary: str
    changes: list[ChangeLine]


def describe(entries: Iterable[AuditEntry]) -> list[EntryView]:
    entries = list(entries)
    wanted: dict[Any, set[int]] = {}
    for entry in entries:
        for name, pair in entry.changes.items():
            if name in REFERENCES:
                wanted.setdefault(REFERENCES[name], set()).update(v for v in pair if isinstance(v, int))
    # One query per kind of object named, whatever the number of entries.
    names = {model: {o.pk: str(o) for o in model.objects.filter(pk__in=ids)} for model, ids in wanted.items()}
    return [_view(entry, names) for entry in entries]


def _view(entry: AuditEntry, names: dict[Any, dict[int, str]]) -> EntryView:
    kind = OBJECT_NAMES.get(entry.object_type, entry.object_type)
    summary = f"{entry.get_action_display()} {kind}: {entry.object_repr}"
    lines = [
        ChangeLine(
            name.replace("_", " ").capitalize(),
            _show(name, pair[0], names),
            _show(name, pair[1], names),
        )
        for name, pair in entry.changes.items()
        if not (pair[0] is None and pair[1] in (None, ""))
    ]
    return EntryView(entry.occurred_at, entry.actor_name, summary, lines)


def _show(name: str, value: Any, names: dict[Any, dict[int, str]]) -> str | None:
    if value is None:
        return None
    if name in REFERENCES and isinstance(value, int):
        return names.get(REFERENCES[name], {}).get(value, f"#{value}")
    if name in CHOICES:
        return CHOICES[name].get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return f"{dt.date.fromisoformat(value):%-d %b %Y}"
    if isinstance(value, str) and len(value) > 19 and ISO_DATE.match(value):
        return "set"  # a timestamp, such as archived_at: when it happened is the entry's own time
    return str(value)
