"""The one form base of OpenQMS: what the macros of `nhsuk/_forms.jinja` ask of a form.

Django's own rendering is not used. A page calls one macro per field
(`text_field(form, "title", "What needs doing")`), and the macro asks the form for the field's text,
its first error and, for the error summary, every error with the id of the box it leads to.

Forms check what was typed; the services still guard their invariants, and `add_service_errors`
puts a service's refusal on the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from openqms.nhsuk.fields import DATE_PARTS, DatePartsField


class NHSForm(forms.Form):
    def field_id(self, name: str) -> str:
        """The id of the box an error leads to; for a date, the first of its three boxes that is wrong."""
        if isinstance(self.fields[name], DatePartsField):
            return f"id_{name}_{self._first_wrong_part(name)}"
        return f"id_{name}"

    def _first_wrong_part(self, name: str) -> str:
        value = self[name].value()
        if isinstance(value, tuple):
            for part, text in zip(DATE_PARTS, value, strict=True):
                if not text.isdigit():
                    return part
        return "day"

    def add_service_errors(self, exc: ValidationError) -> None:
        """A service's refusal, on the fields it names that the form has, else above the form."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, exc)

    def error_for(self, name: str) -> dict[str, str] | None:
        errors = self.errors.get(name)
        return {"text": str(errors[0])} if errors else None

    def summary_errors(self) -> list[dict[str, str]]:
        """The error summary's list: errors above the form lead to its first field."""
        first = next(iter(self.fields))
        items = [{"text": str(e), "href": f"#{self.field_id(first)}"} for e in self.non_field_errors()]
        for name in self.fields:
            errors = self.errors.get(name)
            if errors:
                # errors[0], not a slice: only indexing turns an error added with add_error into its
                # text; a slice keeps the ValidationError, shown as a list's repr (['...']).
                items.append({"text": str(errors[0]), "href": f"#{self.field_id(name)}"})
        return items

    def text_of(self, name: str) -> str:
        """What the field's box shows: what was typed, or the initial value (12, not 12.0)."""
        value = self[name].value()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return "" if value is None else str(value)

    def date_parts(self, name: str) -> dict[str, str]:
        value = self[name].value()
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, tuple):
            return dict(zip(DATE_PARTS, value, strict=True))
        return {"day": "", "month": "", "year": ""}

    def select_items(self, name: str, empty: str | None = None) -> list[dict[str, Any]]:
        """The select macro's items, the current choice selected; `empty` heads the list when given."""
        current = self.text_of(name)
        field: Any = self.fields[name]
        found: list[dict[str, Any]] = [{"value": "", "text": empty}] if empty is not None else []
        for value, label in field.choices:
            if str(value) != "":
                found.append({"value": str(value), "text": str(label), "selected": str(value) == current})
        return found

    def radio_items(self, name: str) -> list[dict[str, Any]]:
        return [{**i, "checked": i.pop("selected")} for i in self.select_items(name)]
