"""The self-assessment's forms: the year to start, and one statement's rating with its evidence."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.evaluation.framework import Framework
from openqms.nhsuk.fields import choice_field
from openqms.nhsuk.forms import NHSForm


class StartForm(NHSForm):
    year = forms.IntegerField(
        label="Year",
        error_messages={
            "required": "Enter the year the self-assessment covers",
            "invalid": "Year must be a year, like 2026",
        },
    )


class RatingForm(NHSForm):
    level = choice_field("Level", [], "Choose the level that describes this part of your QMS")
    evidence = forms.CharField(
        label="Evidence",
        max_length=4000,
        error_messages={
            "required": "Enter the evidence for this rating",
            "max_length": "Evidence must be 4,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level: Any = self.fields["level"]
        level.choices = [
            (str(lv.level), f"{lv.level}. {lv.label}: {lv.description}") for lv in framework.scale
        ]
