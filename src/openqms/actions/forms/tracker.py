"""Forms for the action tracker: an action, a progress note, closing with evidence.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.actions.models import Priority as ActionPriority
from openqms.actions.models import Status as ActionStatus
from openqms.actions.services import is_local_path
from openqms.nhsuk.fields import DatePartsField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit

# Closing is a form of its own, with the evidence and a check that it worked (CloseForm).
OPEN_ACTION_STATUSES = [(s.value, s.label) for s in ActionStatus if s != ActionStatus.CLOSED]


class ActionForm(NHSForm):
    title = text_field("What needs doing", 200, missing="Say what needs doing")
    description = text_field("Details", 4000, required=False)
    owner: Any = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose the owner from the people on the unit"},
    )
    due_on = DatePartsField(label="Due date")
    priority = choice_field("Priority", ActionPriority.choices, "Choose the priority")
    source_label = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    source_url = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: QuerySet[Any], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        if editing:
            del self.fields["source_label"]
            del self.fields["source_url"]
            self.fields["status"] = choice_field("Status", OPEN_ACTION_STATUSES, "Choose the status")

    def clean_source_url(self) -> str:
        value = str(self.cleaned_data.get("source_url") or "")
        if value and not is_local_path(value):
            raise ValidationError("The link to what raised the action must be a page of OpenQMS")
        return value


class NoteForm(NHSForm):
    text = text_field("Progress note", 4000, missing="Enter the progress note")


class CloseForm(NHSForm):
    evidence = text_field("What was done", 4000, missing="Say what was done, and where the evidence is")
    effectiveness_check = text_field(
        "How you checked it worked", 4000, missing="Say how you checked that the action worked"
    )
    effective = forms.TypedChoiceField(
        choices=[("yes", "Yes, it worked"), ("no", "No, it did not work")],
        coerce=lambda v: v == "yes",
        error_messages={
            "required": "Say whether the action worked",
            "invalid_choice": "Say whether the action worked",
        },
    )


