"""Forms for feedback: the short accessible form (signed in, or through the QR-code link), the
paper card typed in by staff, the answer, and turning feedback into a need, an action or a project."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from openqms.nhsuk.fields import DatePartsField, IdChoiceField, PersonChoiceField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.planning.models import FeedbackFrom, FeedbackKind

KIND_MISSING = "Choose whether it is a compliment, a concern or an idea"


def _text(label: str, missing: str, max_length: int = 2000) -> forms.CharField:
    field = text_field(label, max_length, missing=missing)
    field.widget = forms.Textarea()
    return field


class GiveFeedbackForm(NHSForm):
    """The short form for service users and carers: what kind, what you want to say, who you are."""

    kind = choice_field("Kind of feedback", FeedbackKind.choices, KIND_MISSING)
    text = _text("Your feedback", "Tell us what you want to say")
    given_by = choice_field(
        "Who is giving the feedback",
        [
            (FeedbackFrom.SERVICE_USER, "I use this service"),
            (FeedbackFrom.CARER, "I am a carer, relative or friend"),
        ],
        "Choose who is giving the feedback",
    )
    may_quote = forms.BooleanField(label="You may quote my words, without my name", required=False)


class PublicFeedbackForm(GiveFeedbackForm):
    # A box people cannot see or reach (hidden by CSS, out of the tab order): robots fill it in.
    website = forms.CharField(required=False, max_length=200)

    def clean_website(self) -> str:
        value = str(self.cleaned_data.get("website") or "")
        if value:
            raise ValidationError("Leave this box empty")
        return value


class CardForm(NHSForm):
    """Staff typing in a paper card, or giving feedback on a service user's behalf."""

    kind = choice_field("Kind of feedback", FeedbackKind.choices, KIND_MISSING)
    text = _text("What the card says", "Enter what the card says")
    given_by = choice_field("Who gave it", FeedbackFrom.choices, "Choose who gave the feedback")
    channel = choice_field(
        "How it came",
        [("card", "A paper card"), ("form", "In person: I am typing it on their behalf")],
        "Choose how the feedback came",
    )
    received_on = DatePartsField(label="Date it was given")
    may_quote = forms.BooleanField(
        label="They agreed their words may be quoted, without their name", required=False
    )


class AnswerForm(NHSForm):
    response = _text("Answer", "Enter the answer to the feedback")


class ToNeedForm(NHSForm):
    title = text_field("What is needed", 200, missing="Enter what is needed")
    who_affected = _text("Who is affected", "Enter who is affected", 1000)


class ToActionForm(NHSForm):
    title = text_field("What needs doing", 200, missing="Enter what needs doing")
    due_on = DatePartsField(label="Due date")
    owner = PersonChoiceField(queryset=None, required=False, label="Owner")

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        self.fields["owner"].error_messages["invalid_choice"] = "Choose an owner from the list"


class LinkProjectForm(NHSForm):
    project: IdChoiceField = IdChoiceField(
        queryset=None,
        label="Project",
        error_messages={"required": "Choose the project", "invalid_choice": "Choose a project from the list"},
    )

    def __init__(self, *args: Any, projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects  # type: ignore[attr-defined]
