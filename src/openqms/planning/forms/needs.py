"""Forms for the needs register: raising a need (staff and service users), scoring it and setting
its status, its evidence, and what answers it."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.nhsuk.fields import DatePartsField, IdMultipleChoiceField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.planning.models import EvidenceSource, NeedStatus

IMPACT = [
    ("1", "1: a small difference to their experience"),
    ("2", "2: a noticeable difference"),
    ("3", "3: a real difference to their care or outcomes"),
    ("4", "4: a large difference to their outcomes or safety"),
    ("5", "5: without it they may come to serious harm"),
]
REACH = [
    ("1", "1: a few people"),
    ("2", "2: some of the people the service serves"),
    ("3", "3: about a quarter of them"),
    ("4", "4: about half of them"),
    ("5", "5: most of them, or a whole community"),
]


def _area(label: str, max_length: int, required: bool = True, missing: str | None = None) -> forms.CharField:
    field = text_field(label, max_length, required=required, missing=missing)
    field.widget = forms.Textarea()
    return field


class RaiseNeedForm(NHSForm):
    title = text_field("What is needed", 200, missing="Tell us what is needed")
    who_affected = _area("Who is affected", 1000, missing="Tell us who is affected")
    description = _area("Anything else we should know", 4000, required=False)


class TriageForm(NHSForm):
    impact = forms.TypedChoiceField(
        label="Impact", choices=IMPACT, coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": "Choose the impact from the list"},
    )  # fmt: skip
    reach = forms.TypedChoiceField(
        label="Reach", choices=REACH, coerce=int, required=False, empty_value=None,
        error_messages={"invalid_choice": "Choose the reach from the list"},
    )  # fmt: skip
    status = choice_field("Status", NeedStatus.choices, "Choose the status")
    decline_reason = _area("Why it is declined", 2000, required=False)


class EvidenceForm(NHSForm):
    source = choice_field("Source", EvidenceSource.choices, "Choose where the evidence comes from")
    on = DatePartsField(label="Date of the evidence")
    summary = text_field("What it shows", 300, missing="Enter what the evidence shows")
    link = forms.URLField(
        label="Link", required=False, max_length=500, assume_scheme="https",
        error_messages={"invalid": "Enter the link as a web address, like https://intranet.example/report"},
    )  # fmt: skip
    file = forms.FileField(required=False, label="File")


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


class MultipleChoiceMixin:
    """The checkbox macro's items for a many-to-many field, the chosen ones ticked."""

    def check_items(self, name: str) -> list[dict[str, Any]]:
        form: Any = self
        value = form[name].value() or []
        chosen = {str(v.pk if hasattr(v, "pk") else v) for v in value}
        field = form.fields[name]
        return [
            {"value": str(obj.pk), "text": field.label_from_instance(obj), "checked": str(obj.pk) in chosen}
            for obj in field.queryset
        ]


class LinksForm(MultipleChoiceMixin, NHSForm):
    priorities = _multiple("Strategic priorities")
    services = _multiple("Services")
    standards = _multiple("Standards")
    projects = _multiple("Improvement projects")

    def __init__(self, *args: Any, choices: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset  # type: ignore[attr-defined]
