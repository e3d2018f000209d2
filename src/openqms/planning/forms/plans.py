"""Forms for annual quality plans and the measurement framework; each error names its field."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.assurance.models.audits import Recurrence
from openqms.control.models import Measure
from openqms.nhsuk.fields import (
    DatePartsField,
    IdChoiceField,
    PersonChoiceField,
    UnitChoiceField,
    number_field,
    text_field,
)
from openqms.nhsuk.forms import NHSForm


class MeasureChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Measure) -> str:
        return f"{obj.definition.name} ({obj.definition.unit_of_measurement})"


def _choice(label: str, missing: str, queryset: Any = None) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return IdChoiceField(
        label=label,
        queryset=queryset,
        error_messages={"required": missing, "invalid_choice": f"Choose a {label.lower()} from the list"},
    )


def _area(label: str, *, required: bool = False, missing: str | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        widget=forms.Textarea,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "max_length": f"{label} must be 4,000 characters or fewer",
        },
    )


class NewPlanForm(NHSForm):
    unit = UnitChoiceField(
        label="Unit",
        queryset=None,
        error_messages={
            "required": "Choose the unit the plan is for",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    year = forms.IntegerField(
        label="Year",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the year the plan starts in, like 2026",
            "invalid": "Enter the year as 4 numbers, like 2026",
            "min_value": "Enter a year from 2000",
            "max_value": "Enter a year up to 2100",
        },
    )
    summary = _area("Summary")
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class PlanForm(NHSForm):
    summary = _area("Summary")
    shared_with_service_users = forms.BooleanField(required=False)


class PlanPriorityForm(NHSForm):
    priority = _choice("Strategic priority", "Choose the strategic priority the unit takes on")
    is_improvement_priority = forms.BooleanField(required=False, initial=True)
    why = _area("Why this year")
    resources = _area("Resources it needs")

    def __init__(self, *args: Any, priorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities  # type: ignore[attr-defined]


class TargetForm(NHSForm):
    measure = MeasureChoiceField(
        label="Measure",
        queryset=None,
        error_messages={
            "required": "Choose the measure",
            "invalid_choice": "Choose one of the unit’s measures",
        },
    )
    target = number_field("Target")

    def __init__(self, *args: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]


class AuditForm(NHSForm):
    template = _choice("Audit", "Choose the audit to run")
    due_on = DatePartsField(label="Due date")
    recurrence = forms.ChoiceField(
        label="How often",
        choices=Recurrence.choices,
        initial=Recurrence.ONCE,
        error_messages={
            "required": "Choose how often the audit runs",
            "invalid_choice": "Choose how often from the list",
        },
    )

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class ProjectForm(NHSForm):
    title = text_field("Project title", 200)
    aim = _area("Aim", required=True, missing="Enter the aim: how much, by when")
    aim_measure = MeasureChoiceField(
        label="Aim measure",
        queryset=None,
        error_messages={
            "required": "Choose the measure that shows the aim is met",
            "invalid_choice": "Choose one of the unit’s measures",
        },
    )
    aim_target = number_field("Aim target")
    lead = PersonChoiceField(
        label="Lead",
        queryset=None,
        error_messages={
            "required": "Choose who leads the project",
            "invalid_choice": "Choose someone who works in the unit",
        },
    )

    def __init__(self, *args: Any, measures: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aim_measure"].queryset = measures  # type: ignore[attr-defined]
        self.fields["lead"].queryset = people  # type: ignore[attr-defined]


class CommentForm(NHSForm):
    text = _area("Comment", required=True, missing="Enter your comment")


class ReturnForm(NHSForm):
    text = _area(
        "What should change",
        required=True,
        missing="Say what the team should change before the plan is approved",
    )


class AmendForm(NHSForm):
    reason = _area("Reason for the amendment", required=True, missing="Enter the reason for the amendment")


class FrameworkMeasureForm(NHSForm):
    priority = _choice("Strategic priority", "Choose the strategic priority")
    definition = _choice("Measure", "Choose the measure from the library")
    service = UnitChoiceField(
        label="Service",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Choose a service from the list"},
    )

    def __init__(self, *args: Any, priorities: Any, definitions: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities  # type: ignore[attr-defined]
        self.fields["definition"].queryset = definitions  # type: ignore[attr-defined]
        self.fields["service"].queryset = services  # type: ignore[attr-defined]
