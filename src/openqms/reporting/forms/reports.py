"""The report's forms: start one, its cover, ask for commentary, write it, and the schedule."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.nhsuk.fields import PersonChoiceField, choice_field, number_field
from openqms.nhsuk.forms import NHSForm
from openqms.reporting.models import AssuranceLevel, Section
from openqms.reporting.periods import Period

KINDS = [("month", "A month"), ("quarter", "The quarter holding that month")]


class StartForm(NHSForm):
    def __init__(self, *args: Any, periods: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"] = choice_field(
            "Period", [(p.code, p.label) for p in periods], "Choose the month the report is for"
        )
        self.fields["kind"] = choice_field("Kind of report", KINDS, "Choose a month or a quarter")


class CoverForm(NHSForm):
    purpose = forms.CharField(
        label="Purpose", max_length=2000, error_messages={"required": "Enter the report's purpose"}
    )
    ask = forms.CharField(
        label="What the meeting is asked to do",
        max_length=2000,
        error_messages={"required": "Enter what the meeting is asked to do"},
    )
    assurance_level = choice_field(
        "Overall assurance level",
        [c for c in AssuranceLevel.choices if c[0]],
        "Choose the overall assurance level",
    )


class RequestForm(NHSForm):
    def __init__(self, *args: Any, people: Any, measures: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requested_of"] = PersonChoiceField(
            queryset=people, label="Ask", error_messages={"required": "Choose who to ask for commentary"}
        )
        self.fields["about"] = choice_field(
            "Commentary on",
            [(f"section:{v}", f"Section: {label}") for v, label in Section.choices]
            + [(f"measure:{pk}", label) for pk, label in measures],
            "Choose the measure or the section the commentary is on",
        )


class CommentaryForm(NHSForm):
    text = forms.CharField(
        label="Commentary", max_length=5000, error_messages={"required": "Enter the commentary"}
    )


class ScheduleForm(NHSForm):
    kind = choice_field("Report", [KINDS[0], ("quarter", "Quarterly")], "Choose monthly or quarterly")
    day_of_month = number_field("Day of the month", missing="Enter the day of the month, from 1 to 28")
    recipients = forms.CharField(
        label="Distribution list",
        max_length=5000,
        error_messages={"required": "Enter at least one e-mail address"},
    )
    attach_pdf = choice_field(
        "Send", [("pdf", "The PDF, attached"), ("link", "A link to the report")], "Choose what to send"
    )

    def clean_day_of_month(self) -> int:
        value = self.cleaned_data["day_of_month"]
        if value != int(value) or not 1 <= value <= 28:
            raise forms.ValidationError("Enter a whole day from 1 to 28, so that every month has it")
        return int(value)
