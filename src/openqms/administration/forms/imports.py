"""The form for importing the unit tree or people from a CSV file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from openqms.administration.imports import MAX_BYTES, MAX_ROWS
from openqms.nhsuk.forms import NHSForm


class ImportForm(NHSForm):
    what = forms.ChoiceField(
        label="What are you importing?",
        choices=[("units", "Units (the tree)"), ("people", "People and their roles")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what you are importing",
            "invalid_choice": "Select units or people",
        },
    )
    file = forms.FileField(
        label="CSV file",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
        },
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV (its name ends in .csv)")
        if upload.size > MAX_BYTES:
            raise ValidationError(
                f"The selected file must be smaller than {MAX_BYTES // (1024 * 1024)} MB: "
                f"split it into files of at most {MAX_ROWS:,} rows"
            )
        return upload
