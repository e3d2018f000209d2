"""The period of a "you said, we did" page."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.nhsuk.forms import NHSForm


class PeriodForm(NHSForm):
    starts_on = forms.DateField(
        label="From",
        error_messages={
            "required": "Enter the date the period starts",
            "invalid": "Enter the start as a date, like 2026-04-01",
        },
    )
    ends_on = forms.DateField(
        label="To",
        error_messages={
            "required": "Enter the date the period ends",
            "invalid": "Enter the end as a date, like 2026-06-30",
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", "The period must end on or after the day it starts")
        return cleaned
