"""Forms for the improvement methods: the organisation's choice, a DMAIC gate review, and one A3
section; each message says exactly what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from openqms.improvement.forms.projects import ProjectForm
from openqms.improvement.models import GateOutcome, Method
from openqms.improvement.models.methods import METHOD_HINTS
from openqms.improvement.services.a3 import LONGEST
from openqms.nhsuk.fields import choice_field, text_field
from openqms.nhsuk.forms import NHSForm


def method_items(chosen: list[str], offered: list[str] | None = None) -> list[dict[str, Any]]:
    """Radio or checkbox items for the methods, each with what it is as its hint."""
    return [
        {"value": m, "text": Method(m).label, "hint": {"text": METHOD_HINTS[m]}, "checked": m in chosen}
        for m in (offered if offered is not None else Method.values)
    ]


class MethodsForm(NHSForm):
    methods = forms.MultipleChoiceField(
        label="Improvement methods",
        choices=Method.choices,
        error_messages={
            "required": "Choose at least one improvement method for staff to use",
            "invalid_choice": "Choose methods from the list",
        },
    )

    def items(self) -> list[dict[str, Any]]:
        value = self["methods"].value() or []
        return method_items([str(v) for v in value])


class GateForm(NHSForm):
    # The phase last: errors about it (a form from before the gate passed) lead to the radios.
    outcome = choice_field(
        "Gate review", GateOutcome.choices, "Choose whether the phase's gate is passed or not yet"
    )
    note = text_field("Note", 4000, required=False)
    phase = forms.CharField(widget=forms.HiddenInput, error_messages={"required": "The phase is missing"})

    def add_service_errors(self, exc: ValidationError) -> None:
        """A refusal about the phase is about the whole review: above the form, not on a hidden field."""
        if hasattr(exc, "error_dict") and "phase" in exc.error_dict:
            self.add_error(None, exc.error_dict.pop("phase"))
            if not exc.error_dict:
                return
        super().add_service_errors(exc)


class A3SectionForm(NHSForm):
    text = text_field("Text", LONGEST, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class NewProjectForm(ProjectForm):
    """The charter of a new project, and the method it follows: one of those its organisation offers."""

    method = forms.ChoiceField(
        label="Improvement method",
        choices=Method.choices,
        required=False,
        error_messages={
            "invalid_choice": "Choose one of the improvement methods your organisation offers",
        },
    )

    def __init__(self, *args: Any, methods: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offered = methods
        field: Any = self.fields["method"]
        field.choices = [(m, Method(m).label) for m in methods]
        field.initial = methods[0]  # the Model for Improvement first, when offered: the default

    def clean_method(self) -> str:
        """Left out, the project follows the Model for Improvement, or the one method offered."""
        chosen = str(self.cleaned_data.get("method") or "")
        if chosen:
            return chosen
        if Method.MODEL_FOR_IMPROVEMENT in self.offered or len(self.offered) == 1:
            return (
                Method.MODEL_FOR_IMPROVEMENT
                if Method.MODEL_FOR_IMPROVEMENT in self.offered
                else self.offered[0]
            )
        raise forms.ValidationError("Choose the improvement method the project follows")

    def method_items(self) -> list[dict[str, Any]]:
        return method_items([self.text_of("method")], self.offered)
