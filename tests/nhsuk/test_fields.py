"""The NHS.UK fields' messages: each says exactly what is wrong, in the service manual's words."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError

from openqms.nhsuk.fields import (
    DatePartsField,
    UnitChoiceField,
    choice_field,
    number_field,
    text_field,
)
from openqms.organisations.models import Unit


class Form(forms.Form):
    due_on = DatePartsField(label="Due date")
    starts_on = DatePartsField(label="Start date", required=False)
    title = text_field("Title", 10)
    target = number_field("Target", required=False)
    priority = choice_field("Priority", [("high", "High")], "Choose the priority")


def _errors(**data: str) -> dict[str, list[str]]:
    return dict(Form(data).errors)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the due date"),
        ("1", "", "", "Due date must include a month and a year"),
        ("a", "4", "2026", "Due date must be a real date, in numbers"),
        ("1", "4", "26", "Year in the due date must include 4 numbers"),
        ("31", "2", "2026", "Due date must be a real date"),
    ],
)
def test_a_date_in_three_boxes_says_what_is_wrong(day, month, year, message):
    errors = _errors(due_on_day=day, due_on_month=month, due_on_year=year)
    assert errors["due_on"] == [message]


def test_a_date_is_read_back_from_its_three_boxes_and_an_empty_optional_one_is_none():
    data = {"due_on_day": " 1", "due_on_month": "4", "due_on_year": "2026", "title": "x", "priority": "high"}
    form = Form(data)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["due_on"], form.cleaned_data["starts_on"]) == (dt.date(2026, 4, 1), None)


def test_text_number_and_choice_fields_name_what_is_wrong():
    errors = _errors(title="much too long", target="lots", priority="urgent")
    assert errors["title"] == ["Title must be 10 characters or fewer"]
    assert errors["target"] == ["Target must be a number, like 12 or 3.5"]
    assert errors["priority"] == ["Choose a priority from the list"]
    assert _errors()["title"] == ["Enter the title"]
    assert _errors()["priority"] == ["Choose the priority"]


def test_units_read_as_the_tree_and_administrators_also_see_their_codes(trust):
    units = Unit.objects.filter(pk=trust.ward_a.pk)
    indent = chr(0x2003) * trust.ward_a.depth
    assert list(UnitChoiceField(queryset=units).choices)[1][1] == f"{indent}Ward A"
    with_code = UnitChoiceField(queryset=units, with_code=True)
    assert list(with_code.choices)[1][1] == f"{indent}Ward A ({trust.ward_a.code})"


def test_a_choice_that_is_no_id_is_refused_before_the_database_is_asked(trust):
    from openqms.nhsuk.fields import IdChoiceField, IdMultipleChoiceField
    from openqms.organisations.models import Unit

    one, several = IdChoiceField(Unit.objects.all()), IdMultipleChoiceField(Unit.objects.all())
    for value in ("9" * 30, "²", "NaN", "-1"):
        with pytest.raises(ValidationError):
            one.clean(value)
        with pytest.raises(ValidationError):
            several.clean([str(trust.ward_a.pk), value])
    assert one.clean(str(trust.ward_a.pk)) == trust.ward_a
    assert list(several.clean([str(trust.ward_a.pk)])) == [trust.ward_a]


def test_no_form_uses_djangos_model_choice_fields_directly():
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "openqms"
    found = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if "forms.ModelChoiceField(" in path.read_text()
        or "forms.ModelMultipleChoiceField(" in path.read_text()
    ]
    assert not found, f"use nhsuk.fields.IdChoiceField or IdMultipleChoiceField in {found}"
