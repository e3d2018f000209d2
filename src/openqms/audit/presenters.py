"""The audit trail in people's words.

An entry keeps plain values (a foreign key as its id, a choice as its stored code) so that its
hash never depends on a name that may change later. Showing it, a person wants "Parent: Elderly
Care", not "Parent: 7": this turns each change into the field's label and the values' current
names, looking the named objects up in one query per model for a whole page of entries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from openqms.audit.models import AuditEntry

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ReadableChange:
    label: str
    before: str | None
    after: str | None


def _model(entry: AuditEntry) -> type[models.Model] | None:
    try:
        return apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        return None  # a model since removed: its entries still show, with raw values


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _ids(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _is_id(value: Any) -> bool:
    # Some services keep a name rather than an id (a huddle's attendees, an owner): shown as kept.
    return isinstance(value, int) and not isinstance(value, bool)


NOT_SHARED = "(not shared with you)"

# A model may name, in a class attribute of this name, the relations its name (`__str__`) and its
# unit (which the reader's `may_see` asks the policy about) read: they are fetched with the named
# objects, so that naming a page of entries takes one query per model, not one per object.
NAMED_WITH_ATTRIBUTE = "AUDIT_NAMED_WITH"


def readable(
    entries: Iterable[AuditEntry],
    may_see: Callable[[models.Model], bool] | None = None,
    known: Iterable[models.Model] = (),
) -> list[tuple[AuditEntry, list[ReadableChange]]]:
    """Each entry with its changes labelled and its ids and codes named.

    `may_see` answers whether the reader may see a named object; one they may not is not named
    (a project's history must not tell a partner the name of a measure they cannot open).
    `known` are objects the caller has read already in this request (a measure page's definition
    and unit): they are named as they are, and only the other ids are looked up.
    """
    entries = list(entries)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    fields: dict[tuple[str, str], models.Field[Any, Any] | None] = {}
    for entry in entries:
        model = _model(entry)
        for name, pair in entry.changes.items():
            key = (entry.object_type, name)
            if key not in fields:
                fields[key] = _field(model, name)
            field = fields[key]
            if field is not None and field.is_relation and field.related_model is not None:
                related: type[models.Model] = field.related_model
                for value in pair:
                    wanted[related].update(v for v in _ids(value) if _is_id(v))
    held: dict[type[models.Model], dict[Any, models.Model]] = defaultdict(dict)
    for obj in known:
        held[type(obj)][obj.pk] = obj
    names: dict[type[models.Model], dict[str, str]] = {}
    for model, ids in wanted.items():
        found = [held[model][pk] for pk in ids if pk in held[model]]
        missing = [pk for pk in ids if pk not in held[model]]
        if missing:
            found += model._default_manager.filter(pk__in=missing).select_related(
                *getattr(model, NAMED_WITH_ATTRIBUTE, ())
            )
        names[model] = {
            str(obj.pk): str(obj) if may_see is None or may_see(obj) else NOT_SHARED for obj in found
        }

    def show(field: models.Field[Any, Any] | None, value: Any) -> str | None:
        if value is None:
            return None
        if field is not None and field.is_relation and field.related_model is not None:
            named = names.get(field.related_model, {})
            # A deleted object keeps its id in the trail; say so rather than show a bare number.
            shown = [named.get(str(v), f"(removed, id {v})") if _is_id(v) else str(v) for v in _ids(value)]
            return ", ".join(shown) if shown else "(none)"
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, str) and ISO_DATE.fullmatch(value):
            return f"{dt.date.fromisoformat(value):%-d %b %Y}"
        if isinstance(value, str) and len(value) > 19 and ISO_DATE.match(value):
            return "set"  # a timestamp, such as archived_at: when it happened is the entry's own time
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)

    result = []
    for entry in entries:
        rows = []
        for name, (before, after) in entry.changes.items():
            if before is None and after in (None, ""):
                continue  # a field left empty at creation tells nothing
            field = fields[(entry.object_type, name)]
            label = str(field.verbose_name) if field is not None else name.replace("_", " ")
            label = label[:1].upper() + label[1:]
            rows.append(ReadableChange(label, show(field, before), show(field, after)))
        result.append((entry, rows))
    return result
