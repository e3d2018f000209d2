"""Forms for evidence, accreditations and their findings.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from openqms.assurance.models import (
    AccreditationKind,
    AccreditationStatus,
    FindingSeverity,
)
from openqms.control.forms.measures import DateField, NHSForm, _choice, _text
from openqms.organisations.models import Unit


class EvidenceForm(NHSForm):
    title = _text("What it is", 200, missing="Say what the evidence is")
    file = forms.FileField(required=False, allow_empty_file=True)
    link = _text("Or a link to the record", 500, required=False)


class AccreditationForm(NHSForm):
    kind = _choice(
        "Kind", AccreditationKind.choices, "Choose whether it is an accreditation or an inspection"
    )
    scheme = _text("Scheme or inspector", 200, missing="Enter the scheme or the inspecting body")
    framework: Any = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a framework from the list"},
    )
    status = _choice("Status", AccreditationStatus.choices, "Choose the status")
    assessed_on = DateField(label="Date assessed", required=False)
    awarded_on = DateField(label="Date awarded", required=False)
    expires_on = DateField(label="Expiry date", required=False)
    notes = _text("Notes", 4000, required=False)
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(self, *args: Any, frameworks: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]


class FindingForm(NHSForm):
    severity = _choice("Severity", FindingSeverity.choices, "Choose how serious the finding is")
    text = _text("Finding", 4000, missing="Enter the finding")
