"""Forms for the organisation's quality language: its domains and its four questions."""

from __future__ import annotations

from django import forms

from openqms.nhsuk.fields import choice_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import DomainKind
from openqms.organisations.presets import PRESETS


class DomainForm(NHSForm):
    label = text_field("Name", 100, missing="Enter the domain's name, for example: Safe")
    description = text_field("What it means", 1000, required=False)
    kind = choice_field("Kind", DomainKind.choices, "Choose whether it is a domain or an enabler")
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


class PresetForm(NHSForm):
    preset = choice_field(
        "Preset", [(p.key, p.name) for p in PRESETS.values()], "Choose the preset list to add"
    )


class QuestionsForm(NHSForm):
    plan_question = text_field("Planning", 300, required=False)
    control_question = text_field("Control", 300, required=False)
    assure_question = text_field("Assurance", 300, required=False)
    improve_question = text_field("Improvement", 300, required=False)
