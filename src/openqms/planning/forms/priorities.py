"""Forms for planning."""

from __future__ import annotations

from django import forms

from openqms.nhsuk.forms import NHSForm


class PriorityForm(NHSForm):
    title = forms.CharField(
        label="Priority",
        max_length=200,
        error_messages={
            "required": "Enter the priority, for example: No avoidable harm from falls",
            "max_length": "The priority must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="What it means",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"max_length": "The description must be 2,000 characters or fewer"},
    )
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
