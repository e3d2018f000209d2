"""Forms for the driver diagram, change ideas and PDSA cycles.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from openqms.control.forms.measures import DateField, NHSForm, _choice, _text
from openqms.improvement.models import (
    ActDecision,
    IdeaStatus,
    NodeKind,
)


class NodeForm(NHSForm):
    """Add a node to the driver diagram: its kind comes from where it is added."""

    kind = _choice("Kind", NodeKind.choices, "Choose what to add")
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = _text("Words", 300, missing="Enter the words for the diagram")


class RenameForm(NHSForm):
    text = _text("New words", 300, missing="Enter the new words for the diagram")


class MoveForm(NHSForm):
    parent = forms.ChoiceField(
        label="Move under",
        error_messages={
            "required": "Choose where to move it",
            "invalid_choice": "Choose a place from the list",
        },
    )
    position = forms.IntegerField(
        label="Position",
        min_value=1,
        required=False,
        error_messages={
            "invalid": "Position must be a whole number, like 1 or 2",
            "min_value": "Position must be 1 or more",
        },
    )

    def __init__(self, *args: Any, places: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = places  # type: ignore[attr-defined]


class StatusForm(NHSForm):
    status = _choice("Status", IdeaStatus.choices, "Choose the change idea's status")


class FlagForm(NHSForm):
    standard: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="The standard it should become part of",
        error_messages={"invalid_choice": "Choose one of the organisation’s standards in use"},
    )
    note = _text(
        "What should change in the standard", 2000, missing="Say what should change in the standard, and why"
    )

    def __init__(self, *args: Any, standards: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards  # type: ignore[attr-defined]


class CycleForm(NHSForm):
    title = _text(
        "Title", 200, missing="Enter a short title for the cycle, for example: Cycle 1, one bay for a week"
    )
    previous: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="Follows cycle",
        error_messages={"invalid_choice": "Choose a cycle of this change idea"},
    )
    question = _text("Question", 2000, missing="Enter the question the cycle will answer")
    prediction = _text("Prediction", 2000, missing="Write what the team predicts will happen")
    who = _text("Who", 300, missing="Say who will carry out the test")
    what = _text("What", 2000, missing="Say what will be done")
    where = _text("Where", 300, missing="Say where the test will happen")
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date")
    data_to_collect = _text("Data to collect", 2000, missing="Say what data will be collected, and how")
    what_happened = _text("What happened", 4000, required=False)
    observations = _text("Observations", 4000, required=False)
    study = _text("Study: compared with the prediction", 4000, required=False)
    decision = forms.ChoiceField(
        label="Act",
        required=False,
        choices=[("", "Not decided yet"), *ActDecision.choices],
        error_messages={"invalid_choice": "Choose adopt, adapt or abandon"},
    )
    act_notes = _text("What next", 2000, required=False)

    def __init__(self, *args: Any, previous: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["previous"].queryset = previous  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be on or after the start date")
        if data.get("decision") and not str(data.get("study", "")).strip():
            self.add_error(
                "study",
                "Study the results (compare them with the prediction) "
                "before deciding to adopt, adapt or abandon",
            )
        return data


