"""Forms for evidence, accreditations and their findings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from openqms.assurance.models import (
    AccreditationKind,
    AccreditationStatus,
    FindingSeverity,
)
from openqms.nhsuk.fields import DatePartsField, IdChoiceField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit


class EvidenceForm(NHSForm):
    title = text_field("What it is", 200, missing="Say what the evidence is")
    file = forms.FileField(required=False, allow_empty_file=True)
    link = text_field("Or a link to the record", 500, required=False)

    def clean_link(self) -> str:
        link: str = self.cleaned_data["link"].strip()
        if link and not link.lower().startswith("https://"):
            raise forms.ValidationError("Enter the full address of the record, starting https://")
        return link


class AccreditationForm(NHSForm):
    kind = choice_field(
        "Kind", AccreditationKind.choices, "Choose whether it is an accreditation or an inspection"
    )
    scheme = text_field("Scheme or inspector", 200, missing="Enter the scheme or the inspecting body")
    framework: Any = IdChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a framework from the list"},
    )
    status = choice_field("Status", AccreditationStatus.choices, "Choose the status")
    assessed_on = DatePartsField(label="Date assessed", required=False)
    awarded_on = DatePartsField(label="Date awarded", required=False)
    expires_on = DatePartsField(label="Expiry date", required=False)
    notes = text_field("Notes", 4000, required=False)
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(self, *args: Any, frameworks: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]


class FindingForm(NHSForm):
    severity = choice_field("Severity", FindingSeverity.choices, "Choose how serious the finding is")
    text = text_field("Finding", 4000, missing="Enter the finding")
