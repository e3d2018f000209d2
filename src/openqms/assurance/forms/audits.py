"""Forms for audit templates, their questions, and scheduling audits."""

from __future__ import annotations

import math
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.assurance.forms.standards import CODE_PATTERN
from openqms.assurance.models import (
    AnswerType,
    Recurrence,
)
from openqms.nhsuk.fields import (
    DatePartsField,
    IdChoiceField,
    IdMultipleChoiceField,
    UnitChoiceField,
    number_field,
    text_field,
)
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit

# --- templates -----------------------------------------------------------------------------------


def _positive_int(label: str, missing: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=500,
        error_messages={
            "required": missing,
            "invalid": f"{label} must be a whole number, like 10",
            "min_value": f"{label} must be at least 1",
            "max_value": f"{label} must be 500 or fewer",
        },
    )


class TemplateForm(NHSForm):
    code = text_field("Code", 40, missing="Enter a short code for the template, for example HH")
    owner_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Owned by",
        error_messages={
            "required": "Choose the unit that owns the template",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    name = text_field("Name", 200, missing="Enter the name of the audit")
    purpose = text_field("Purpose", 4000, required=False)
    sample_size = _positive_int(
        "Records per audit", "Enter how many records each audit looks at, for example 10"
    )
    pass_threshold = number_field(
        "Pass threshold", missing="Enter the percentage needed to pass, for example 85"
    )

    def __init__(self, *args: Any, owner_units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owner_units is None:
            for name in ("code", "owner_unit", "name"):
                del self.fields[name]
        else:
            self.fields["owner_unit"].queryset = owner_units  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not re.fullmatch(CODE_PATTERN, code):
            raise ValidationError("Code must use only letters, numbers, full stops, hyphens and underscores")
        return code

    def clean_pass_threshold(self) -> float:
        value = self.cleaned_data["pass_threshold"]
        if not math.isfinite(value) or not 0 <= value <= 100:
            raise ValidationError("Pass threshold must be a percentage from 0 to 100")
        return float(value)


class QuestionForm(NHSForm):
    text = text_field("Question", 300, missing="Enter the question")
    guidance = text_field("Guidance", 4000, required=False)
    answer_type = forms.ChoiceField(
        label="Answer",
        choices=AnswerType.choices,
        error_messages={
            "required": "Choose the kind of answer",
            "invalid_choice": "Choose yes or no, a list of choices, a number, text or a date",
        },
    )
    choices = text_field("Choices", 2000, required=False)
    passing = text_field("Choices that meet the standard", 2000, required=False)
    minimum = number_field("Lowest value that meets the standard", required=False)
    maximum = number_field("Highest value that meets the standard", required=False)
    standard: Any = IdChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a standard from the list"},
    )
    weight = number_field("Weight", missing="Enter the weight of the question, for example 1")

    def __init__(self, *args: Any, standards: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards  # type: ignore[attr-defined]

    def clean_weight(self) -> float:
        value = self.cleaned_data["weight"]
        if not math.isfinite(value) or value < 0:
            raise ValidationError("Weight must be 0 or more; 0 means the question is not scored")
        return float(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("answer_type")
        if kind == AnswerType.CHOICE:
            choices = [c.strip() for c in str(data.get("choices", "")).splitlines() if c.strip()]
            if len(choices) < 2:
                self.add_error("choices", "Enter at least two choices, one a line")
            for passing in [p.strip() for p in str(data.get("passing", "")).splitlines() if p.strip()]:
                if passing not in choices:
                    self.add_error("passing", f"“{passing}” is not one of the choices")
                    break
        elif data.get("choices") or data.get("passing"):
            self.add_error("choices", "Only a question answered from a list of choices has choices")
        for name in ("minimum", "maximum"):
            value = data.get(name)
            if value is not None and not math.isfinite(value):
                self.add_error(name, "Enter a number, like 12 or 3.5")
        low, high = data.get("minimum"), data.get("maximum")
        if kind != AnswerType.NUMBER and (low is not None or high is not None):
            self.add_error("minimum", "Only a number question has a range that meets the standard")
        elif low is not None and high is not None and low > high:
            self.add_error(
                "maximum", "The highest value that meets the standard must not be below the lowest"
            )
        return data


class ScheduleForm(NHSForm):
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Unit to audit",
        error_messages={"required": "Choose the unit to audit", "invalid_choice": "Choose a unit you lead"},
    )
    due_on = DatePartsField(label="Due date")
    recurrence = forms.ChoiceField(
        label="Repeats",
        choices=Recurrence.choices,
        error_messages={
            "required": "Choose whether and how often the audit repeats",
            "invalid_choice": "Choose once, every month, every quarter or every year",
        },
    )
    assignees: Any = IdMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose people from the list",
            "invalid_pk_value": "Choose people from the list",
        },
    )
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], people: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["assignees"].queryset = people  # type: ignore[attr-defined]

    def chosen(self, name: str) -> set[str]:
        return {str(v) for v in (self[name].value() or [])}
