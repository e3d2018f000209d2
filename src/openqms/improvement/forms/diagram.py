"""Forms for the driver diagram, change ideas and PDSA cycles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from openqms.improvement.models import (
    ActDecision,
    IdeaStatus,
    NodeKind,
)
from openqms.nhsuk.fields import DatePartsField, IdChoiceField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm


class NodeForm(NHSForm):
    """Add a node to the driver diagram: its kind comes from where it is added."""

    kind = choice_field("Kind", NodeKind.choices, "Choose what to add")
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = text_field("Words", 300, missing="Enter the words for the diagram")


class RenameForm(NHSForm):
    text = text_field("New words", 300, missing="Enter the new words for the diagram")


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
    status = choice_field("Status", IdeaStatus.choices, "Choose the change idea's status")


class FlagForm(NHSForm):
    standard: forms.ModelChoiceField = IdChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="The standard it should become part of",
        error_messages={"invalid_choice": "Choose one of the organisation’s standards in use"},
    )
    note = text_field(
        "What should change in the standard", 2000, missing="Say what should change in the standard, and why"
    )

    def __init__(self, *args: Any, standards: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards  # type: ignore[attr-defined]


class CycleForm(NHSForm):
    title = text_field(
        "Title", 200, missing="Enter a short title for the cycle, for example: Cycle 1, one bay for a week"
    )
    previous: forms.ModelChoiceField = IdChoiceField(  # type: ignore[type-arg]
        queryset=None,
        required=False,
        label="Follows cycle",
        error_messages={"invalid_choice": "Choose a cycle of this change idea"},
    )
    question = text_field("Question", 2000, missing="Enter the question the cycle will answer")
    prediction = text_field("Prediction", 2000, missing="Write what the team predicts will happen")
    who = text_field("Who", 300, missing="Say who will carry out the test")
    what = text_field("What", 2000, missing="Say what will be done")
    where = text_field("Where", 300, missing="Say where the test will happen")
    starts_on = DatePartsField(label="Start date")
    ends_on = DatePartsField(label="End date")
    data_to_collect = text_field("Data to collect", 2000, missing="Say what data will be collected, and how")
    what_happened = text_field("What happened", 4000, required=False)
    observations = text_field("Observations", 4000, required=False)
    study = text_field("Study: compared with the prediction", 4000, required=False)
    decision = forms.ChoiceField(
        label="Act",
        required=False,
        choices=[("", "Not decided yet"), *ActDecision.choices],
        error_messages={"invalid_choice": "Choose adopt, adapt or abandon"},
    )
    act_notes = text_field("What next", 2000, required=False)

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
