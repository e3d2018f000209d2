"""Form fields whose messages say exactly what is wrong, in the words of the NHS.UK service manual.

Each pairs with the macro of `nhsuk/_forms.jinja` that draws it:

- `text_field` with the `text_field` and `area_field` macros
- `number_field` with `number_field`
- `choice_field` with `select_field` and `radio_field`
- `DatePartsField` with `date_field`: the macro draws the day, month and year boxes that its widget
  reads back
- `UnitChoiceField` and `PersonChoiceField` with `select_field`
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from openqms.nhsuk.ids import parse_id
from openqms.organisations.models import Unit
from openqms.people.models import User

DATE_PARTS = ("day", "month", "year")


def text_field(
    label: str, max_length: int, *, required: bool = True, missing: str | None = None
) -> forms.CharField:
    """`missing` is the message when it is left empty; "Enter the <label>" unless given."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def number_field(label: str, *, required: bool = True, missing: str | None = None) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=required,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "invalid": f"{label} must be a number, like 12 or 3.5",
        },
    )


def choice_field(label: str, choices: Any, missing: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": missing, "invalid_choice": f"Choose a {label.lower()} from the list"},
    )


class DatePartsWidget(forms.Widget):
    """The NHS.UK date input posts three boxes: <name>_day, <name>_month and <name>_year."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str, str]:
        day, month, year = (str(data.get(f"{name}_{part}", "")).strip() for part in DATE_PARTS)
        return day, month, year

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}_{part}" not in data for part in DATE_PARTS)


class DatePartsField(forms.Field):
    """A date typed in three boxes, with the service manual's message for each way it can be wrong."""

    widget = DatePartsWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"required": f"Enter the {label.lower()}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        day, month, year = value
        if not (day or month or year):
            return None
        label = str(self.label)
        missing = [part for part, text in zip(DATE_PARTS, value, strict=True) if not text]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        if not all(re.fullmatch(r"\d{1,4}", text) for text in value):
            raise ValidationError(f"{label} must be a real date, in numbers", code="invalid")
        if len(year) != 4:
            raise ValidationError(f"Year in the {label.lower()} must include 4 numbers", code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{label} must be a real date", code="invalid") from exc


class IdChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of one object by its id. A value that is no id (letters, Unicode digits, more
    digits than any id has) is an invalid choice before the database is asked: SQLite cannot even
    hold a twenty-digit number, and would fail the request."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A choice of several objects by their ids, each checked as `IdChoiceField` checks one."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)  # type: ignore[misc]  # Django's own step, unstubbed


class UnitChoiceField(IdChoiceField):
    """Units indented by their depth, so that the list reads as the tree.

    `with_code` adds each unit's code, for administrators: they manage the codes that imports use.
    """

    def __init__(self, *args: Any, with_code: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.with_code = with_code

    def label_from_instance(self, obj: Unit) -> str:
        label = f"{chr(0x2003) * obj.depth}{obj.name}"
        return f"{label} ({obj.code})" if self.with_code else label


class PersonChoiceField(IdChoiceField):
    """People by name, with the username that tells two people of the same name apart."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name()} ({obj.username})"
