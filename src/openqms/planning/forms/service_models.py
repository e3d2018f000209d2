"""Forms for service models: the model in words, a pathway step, a team role, a quality
requirement, a comment, and the planning decision."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.access.models import Role
from openqms.nhsuk.fields import IdChoiceField, IdMultipleChoiceField, choice_field, number_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.planning.forms.needs import MultipleChoiceMixin
from openqms.planning.models import ChangeKind, Comparison


def _area(label: str, required: bool = True, missing: str | None = None) -> forms.CharField:
    field = text_field(label, 2000, required=required, missing=missing)
    field.widget = forms.Textarea()
    return field


class ModelForm(NHSForm):
    title = text_field("Name of the service model", 200)
    population = _area("Population served", missing="Enter the population the service serves")
    what = _area("What the service does", missing="Enter what the service does")
    where = _area("Where it is delivered", missing="Enter where the service is delivered")
    who = _area("Who delivers it", missing="Enter who delivers the service")
    team_structure = _area("Team structure", required=False)


def _multiple(label: str) -> forms.ModelMultipleChoiceField:  # type: ignore[type-arg]
    return IdMultipleChoiceField(
        queryset=None,
        label=label,
        required=False,
        error_messages={
            "invalid_choice": f"Choose {label.lower()} from the list",
            "invalid_pk_value": "Choose from the list",
        },
    )


class StepForm(MultipleChoiceMixin, NHSForm):
    title = text_field("Step", 120, missing="Enter the step, for example: Assessment within 24 hours")
    description = _area("What happens", required=False)
    standards = _multiple("Standards that apply")
    measures = _multiple("Measures that apply")

    def __init__(self, *args: Any, standards: Any = None, measures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standards"].queryset = standards  # type: ignore[attr-defined]
        self.fields["measures"].queryset = measures  # type: ignore[attr-defined]


class TeamRoleForm(NHSForm):
    title = text_field("Job role", 120, missing="Enter the job role, for example: Falls specialist nurse")
    seed_role = forms.ChoiceField(
        label="Its part in quality management",
        choices=[
            ("", "The trust's own role"),
            *[(v, str(lbl)) for v, lbl in Role.choices if v != Role.ADMINISTRATOR],
        ],
        required=False,
        error_messages={"invalid_choice": "Choose its part in quality management from the list"},
    )
    how_many = forms.IntegerField(
        label="How many", min_value=1, max_value=999, initial=1,
        error_messages={
            "required": "Enter how many people hold the role",
            "invalid": "Enter how many as a whole number, like 2",
            "min_value": "How many must be 1 or more", "max_value": "How many must be 999 or fewer",
        },
    )  # fmt: skip
    responsibilities = _area("Responsibilities", required=False)


class RequirementForm(NHSForm):
    measure: IdChoiceField = IdChoiceField(
        queryset=None,
        label="Measure",
        error_messages={"required": "Choose the measure", "invalid_choice": "Choose a measure from the list"},
    )
    comparison = choice_field("Threshold", Comparison.choices, "Choose at least or at most")
    threshold = number_field("Threshold value")
    note = text_field("Note", 300, required=False)

    def __init__(self, *args: Any, measures: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures  # type: ignore[attr-defined]


class CommentForm(NHSForm):
    text = _area("Your comment", missing="Enter your comment")


class DecisionForm(MultipleChoiceMixin, NHSForm):
    change_kind = choice_field(
        "The decision", ChangeKind.choices, "Choose whether the service is new, changed or stopped"
    )
    rationale = _area("Rationale", missing="Say why: the rationale is part of the planning decision")
    needs = _multiple("The needs behind it")

    def __init__(self, *args: Any, needs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs  # type: ignore[attr-defined]
