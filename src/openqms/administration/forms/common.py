"""The form base and fields that the administration forms share, in the NHS.UK style.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

from openqms.access.models import Role
from openqms.organisations.models import Unit
from openqms.people.models import User


def _text(label: str, max_length: int, required: bool = True, missing: str | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


class DatePartsWidget(forms.Widget):
    """Day, month and year boxes, as the NHS.UK date input draws them (name_day, name_month, name_year)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str, str]:
        return tuple(str(data.get(f"{name}_{part}", "")).strip() for part in ("day", "month", "year"))  # type: ignore[return-value]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}_{part}" in data for part in ("day", "month", "year"))


class DatePartsField(forms.Field):
    widget = DatePartsWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"required": f"Enter the {label.lower()}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date) or value is None:
            return value
        day, month, year = value
        if not (day or month or year):
            return None
        label = str(self.label)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        if not all(re.fullmatch(r"\d+", part) for part in (day, month, year)):
            raise ValidationError(f"{label} must be a real date, in numbers", code="invalid")
        if len(year) != 4:
            raise ValidationError(f"Year in the {label.lower()} must include 4 numbers", code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{label} must be a real date", code="invalid") from exc


class NHSForm(forms.Form):
    """What the templates need to draw a form with the NHS.UK macros and an error summary."""

    def field_id(self, name: str) -> str:
        if isinstance(self.fields[name], DatePartsField):
            return f"id_{name}_{self._first_bad_part(name)}"
        return f"id_{name}"

    def _first_bad_part(self, name: str) -> str:
        value = self[name].value()
        if isinstance(value, tuple):
            for part, text in zip(("day", "month", "year"), value, strict=True):
                if not text or not text.isdigit():
                    return part
        return "day"

    def error_for(self, name: str) -> dict[str, str] | None:
        errors = self.errors.get(name)
        return {"text": str(errors[0])} if errors else None

    def summary_errors(self) -> list[dict[str, str]]:
        first = next(iter(self.fields), "")
        items = [{"text": str(e), "href": f"#{self.field_id(first)}"} for e in self.non_field_errors()]
        for name in self.fields:
            error = self.error_for(name)
            if error:
                items.append({**error, "href": f"#{self.field_id(name)}"})
        return items

    def value(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value)

    def date_parts(self, name: str) -> dict[str, str]:
        value = self[name].value()
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, tuple):
            return dict(zip(("day", "month", "year"), value, strict=True))
        return {"day": "", "month": "", "year": ""}

    def select_items(self, name: str, empty: str | None = None) -> list[dict[str, Any]]:
        current = self.value(name)
        items: list[dict[str, Any]] = [{"value": "", "text": empty}] if empty is not None else []
        for value, label in self.fields[name].choices:  # type: ignore[attr-defined]
            if value == "":
                continue
            items.append({"value": str(value), "text": str(label), "selected": str(value) == current})
        return items


if TYPE_CHECKING:
    _UnitChoiceField = forms.ModelChoiceField[Unit]
    _PersonChoiceField = forms.ModelChoiceField[User]
else:  # Django's form fields are not subscriptable at run time.
    _UnitChoiceField = _PersonChoiceField = forms.ModelChoiceField


class UnitChoiceField(_UnitChoiceField):
    """Units indented by depth, so the select reads as the tree."""

    def label_from_instance(self, obj: Unit) -> str:
        return f"{chr(0x2003) * obj.depth}{obj.name} ({obj.code})"


class PersonChoiceField(_PersonChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name()} ({obj.username})"


ROLE_CHOICES = Role.choices


