"""Forms for the strategy pages: a new version of the strategy, a goal, a priority in full."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from openqms.nhsuk.fields import IdChoiceField, IdMultipleChoiceField, PersonChoiceField, text_field
from openqms.nhsuk.forms import NHSForm


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": f"Enter the {label.lower()}, like 2025",
            "invalid": f"Enter the {label.lower()} as four digits, like 2025",
            "min_value": f"The {label.lower()} must be 2000 or later",
            "max_value": f"The {label.lower()} must be 2100 or earlier",
        },
    )


class StrategyVersionForm(NHSForm):
    title = text_field(
        "Title", 200, missing="Enter the strategy's title, for example: Quality strategy 2025–2028"
    )
    starts = _year("First year")
    ends = _year("Last year")
    vision = text_field("Vision", 2000, missing="Enter the vision: where the organisation means to be")
    mission = text_field("Mission", 2000, missing="Enter the mission: what the organisation is for")
    summary = text_field("Strategy", 6000, required=False)
    change_note = text_field("What changed", 300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts is not None and ends is not None and ends < starts:
            self.add_error("ends", "The last year must be the same as or after the first year")
        return data


class GoalForm(NHSForm):
    title = text_field("Goal", 200, missing="Enter the goal, for example: The safest care we can give")
    description = text_field("What it means", 2000, required=False)
    position = forms.IntegerField(
        label="Order",
        min_value=1,
        max_value=999,
        required=False,
        error_messages={
            "invalid": "Enter the order as a whole number, like 1",
            "min_value": "The order must be 1 or more",
            "max_value": "The order must be 999 or less",
        },
    )


class StrategyPriorityForm(GoalForm):
    """A priority in full: its goal, quality domains, executive owner and outcome measures."""

    title = text_field(
        "Priority", 200, missing="Enter the priority, for example: No avoidable harm from falls"
    )
    goal: forms.ModelChoiceField = IdChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,  # left out, a priority keeps its goal (a new one is given its goal's)
        label="Goal",
        error_messages={"invalid_choice": "Choose a goal from the list"},
    )
    domains: forms.ModelMultipleChoiceField = IdMultipleChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="Quality domains it serves",
        error_messages={"invalid_choice": "Choose quality domains from the organisation's list"},
    )
    executive_owner = PersonChoiceField(
        queryset=None,
        required=False,
        label="Executive owner",
        error_messages={"invalid_choice": "Choose a senior leader of the organisation"},
    )
    outcome_measures: forms.ModelMultipleChoiceField = IdMultipleChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="Outcome measures",
        error_messages={"invalid_choice": "Choose measures from the organisation's library"},
    )

    def __init__(
        self,
        *args: Any,
        goals: QuerySet[Any],
        domains: QuerySet[Any],
        owners: QuerySet[Any],
        definitions: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]
        self.fields["domains"].queryset = domains  # type: ignore[attr-defined]
        self.fields["executive_owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["outcome_measures"].queryset = definitions  # type: ignore[attr-defined]

    def checkbox_items(self, name: str) -> list[dict[str, Any]]:
        """The checkboxes macro's items for a multiple choice, the chosen ones ticked."""
        field: Any = self.fields[name]
        value = self[name].value() or []
        chosen = {str(v.pk if hasattr(v, "pk") else v) for v in value}
        return [
            {"value": str(obj.pk), "text": field.label_from_instance(obj), "checked": str(obj.pk) in chosen}
            for obj in field.queryset
        ]
