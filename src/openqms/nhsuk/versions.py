"""Lost updates refused: every edit form carries the version it was opened at (ADR 31).

The version of an object is the sequence number of its latest entry in the audit trail. Every
change to quality data writes one in the change's own transaction (ADR 5), so the trail already
says whether, and how, an object changed since a form was opened: no version column is needed,
and the refusal can say who changed what. The process map's editor does the same with its own
version (improvement.services.process_maps).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from openqms.audit.models import AuditEntry
from openqms.nhsuk.forms import NHSForm
from openqms.nhsuk.ids import parse_id

STALE = "stale"


def _entries(obj: models.Model) -> Any:
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


def version_of(obj: models.Model) -> str:
    latest = _entries(obj).order_by("-sequence").values_list("sequence", flat=True).first()
    return str(latest or 0)


def _label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    label = getattr(field, "verbose_name", None) or name.replace("_", " ")
    return str(label).capitalize()


def _shown(value: Any) -> str:
    text = "nothing" if value in (None, "") else str(value)
    return f"“{text[:80]}{'…' if len(text) > 80 else ''}”"


def changes_since(obj: models.Model, version: str) -> list[str]:
    """What others changed after `version`, one line per change: who, and each field's old and new."""
    lines = []
    after = parse_id(version) or 0
    for entry in _entries(obj).filter(sequence__gt=after).order_by("sequence"):
        fields = "; ".join(
            f"{_label(type(obj), name)}: {_shown(values[0])} to {_shown(values[-1])}"
            for name, values in entry.changes.items()
            if isinstance(values, list) and values
        )
        lines.append(f"{entry.actor_name or 'The system'}: {fields or entry.get_action_display()}")
    return lines


def refuse_if_stale(obj: models.Model, version: str | None, what: str) -> None:
    """Within the saving service's transaction: lock the row, and refuse when it changed since.

    `version` None is a save that did not come from a form (a service, an import, the demo).
    """
    if version is None:
        return
    type(obj)._default_manager.select_for_update().filter(pk=obj.pk).exists()
    current = version_of(obj)
    if version == current:
        return
    changed = changes_since(obj, version)
    error = ValidationError(
        f"Someone else saved this {what} after you opened it, so your changes were not saved. "
        f"They changed: {' | '.join(changed) or 'it'}. Check their changes: save again to replace "
        "them with what is in the form now.",
        code=STALE,
    )
    error.current_version = current  # type: ignore[attr-defined]
    raise error


class VersionedForm(NHSForm):
    """An edit form: a hidden `version`, set to `version_of(obj)` in its initial values."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_version(self) -> str | None:
        value: str = self.cleaned_data.get("version") or ""
        return value or None

    def add_service_errors(self, exc: ValidationError) -> None:
        current = getattr(exc, "current_version", None)
        if current is not None:
            # A second save, once the person has seen what changed, is their decision to replace it.
            data: Any = self.data.copy()  # type: ignore[attr-defined]
            data["version"] = current
            self.data = data
        super().add_service_errors(exc)
