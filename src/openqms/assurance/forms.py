"""Forms for the assurance pages; each message says exactly what is wrong and how to put it right."""

from __future__ import annotations

import math
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.actions.models import Priority as ActionPriority
from openqms.actions.models import Status as ActionStatus
from openqms.actions.services import is_local_path
from openqms.assurance.models import (
    AccreditationKind,
    AccreditationStatus,
    AnswerType,
    FindingSeverity,
    Recurrence,
    StandardStatus,
)
from openqms.control.forms import DateField, NHSForm, UnitChoice, _choice, _number, _text
from openqms.organisations.models import Unit

OPEN_ACTION_STATUSES = [(s.value, s.label) for s in ActionStatus if s != ActionStatus.CLOSED]

MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024


class FrameworkUploadForm(NHSForm):
    organisation = UnitChoice(
        queryset=Unit.objects.none(),
        label="Organisation",
        error_messages={
            "required": "Choose the organisation the framework is for",
            "invalid_choice": "Choose an organisation you administer",
        },
    )
    file = forms.FileField(
        label="Framework file",
        error_messages={"required": "Choose a CSV or JSON framework file", "empty": "The file is empty"},
    )

    def __init__(self, *args: Any, organisations: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].label_from_instance = lambda u: u.organisation.name  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FRAMEWORK_BYTES:
            raise ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB: a framework file must be 5 MB or smaller"
            )
        return upload


CODE_PATTERN = r"[A-Z0-9][A-Z0-9_.-]*"


class StandardForm(NHSForm):
    code = _text("Code", 40, missing="Enter a short code for the standard, for example SC-01")
    owner_unit = UnitChoice(
        queryset=Unit.objects.none(),
        label="Owned by",
        error_messages={
            "required": "Choose the unit that owns the standard",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    title = _text("Title", 200, missing="Enter the title of the standard")
    domain = _text("Domain", 100, missing="Enter the domain the standard belongs to, for example Safe care")
    statement = _text("Statement", 4000, missing="Say what the standard expects, in a sentence or two")
    evidence_expected = _text("Evidence expected", 4000, required=False)
    status = _choice("Status", StandardStatus.choices, "Choose the status of the standard")
    shared_with_service_users = forms.BooleanField(required=False)
    applies_to = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose units from the list",
            "invalid_pk_value": "Choose units from the list",
        },
    )
    requirements: Any = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose requirements from the list",
            "invalid_pk_value": "Choose requirements from the list",
        },
    )
    measures: Any = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose measures from the list",
            "invalid_pk_value": "Choose measures from the list",
        },
    )

    def __init__(
        self,
        *args: Any,
        owner_units: QuerySet[Unit] | None,
        units: QuerySet[Unit],
        requirements: QuerySet[Any],
        measures: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if owner_units is None:
            del self.fields["code"]
            del self.fields["owner_unit"]
        else:
            self.fields["owner_unit"].queryset = owner_units  # type: ignore[attr-defined]
        self.fields["applies_to"].queryset = units  # type: ignore[attr-defined]
        self.fields["requirements"].queryset = requirements  # type: ignore[attr-defined]
        self.fields["measures"].queryset = measures  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not re.fullmatch(CODE_PATTERN, code):
            raise ValidationError("Code must use only letters, numbers, full stops, hyphens and underscores")
        return code

    def chosen(self, name: str) -> set[str]:
        value = self[name].value() or []
        return {str(v) for v in value}

    def many_items(self, name: str) -> list[dict[str, Any]]:
        """Checkbox items for a many-to-many field, with what was chosen ticked."""
        chosen = self.chosen(name)
        items = []
        for obj in self.fields[name].queryset:  # type: ignore[attr-defined]
            if name == "applies_to":
                text = f"{chr(0x2003) * obj.depth}{obj.name}"
            elif name == "requirements":
                text = f"{obj.framework.code} {obj.code}: {obj.title}"
            else:
                text = str(obj)
            items.append({"value": str(obj.pk), "text": text, "checked": str(obj.pk) in chosen})
        return items


class InviteForm(NHSForm):
    person: Any = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Service user",
        error_messages={
            "required": "Choose the service user to invite",
            "invalid_choice": "Choose a service user from the list",
        },
    )

    def __init__(self, *args: Any, people: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class CommentForm(NHSForm):
    text = _text("Comment", 4000, missing="Enter your comment")


# --- templates -----------------------------------------------------------------------------------


def _positive_int(label: str, missing: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=500,
        error_messages={
            "required": missing,
            "invalid": f"{label} must be a whole number, like 10",
            "min_value": f"{label} must be at least 1",
            "max_value": f"{label} must be 500 or fewer",
        },
    )


class TemplateForm(NHSForm):
    code = _text("Code", 40, missing="Enter a short code for the template, for example HH")
    owner_unit = UnitChoice(
        queryset=Unit.objects.none(),
        label="Owned by",
        error_messages={
            "required": "Choose the unit that owns the template",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    name = _text("Name", 200, missing="Enter the name of the audit")
    purpose = _text("Purpose", 4000, required=False)
    sample_size = _positive_int(
        "Records per audit", "Enter how many records each audit looks at, for example 10"
    )
    pass_threshold = _number("Pass threshold", missing="Enter the percentage needed to pass, for example 85")

    def __init__(self, *args: Any, owner_units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owner_units is None:
            for name in ("code", "owner_unit", "name"):
                del self.fields[name]
        else:
            self.fields["owner_unit"].queryset = owner_units  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip().upper()
        if not re.fullmatch(CODE_PATTERN, code):
            raise ValidationError("Code must use only letters, numbers, full stops, hyphens and underscores")
        return code

    def clean_pass_threshold(self) -> float:
        value = self.cleaned_data["pass_threshold"]
        if not math.isfinite(value) or not 0 <= value <= 100:
            raise ValidationError("Pass threshold must be a percentage from 0 to 100")
        return float(value)


class QuestionForm(NHSForm):
    text = _text("Question", 300, missing="Enter the question")
    guidance = _text("Guidance", 4000, required=False)
    answer_type = forms.ChoiceField(
        label="Answer",
        choices=AnswerType.choices,
        error_messages={
            "required": "Choose the kind of answer",
            "invalid_choice": "Choose yes or no, a list of choices, a number, text or a date",
        },
    )
    choices = _text("Choices", 2000, required=False)
    passing = _text("Choices that meet the standard", 2000, required=False)
    minimum = _number("Lowest value that meets the standard", required=False)
    maximum = _number("Highest value that meets the standard", required=False)
    standard: Any = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a standard from the list"},
    )
    weight = _number("Weight", missing="Enter the weight of the question, for example 1")

    def __init__(self, *args: Any, standards: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standard"].queryset = standards  # type: ignore[attr-defined]

    def clean_weight(self) -> float:
        value = self.cleaned_data["weight"]
        if not math.isfinite(value) or value < 0:
            raise ValidationError("Weight must be 0 or more; 0 means the question is not scored")
        return float(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("answer_type")
        if kind == AnswerType.CHOICE:
            choices = [c.strip() for c in str(data.get("choices", "")).splitlines() if c.strip()]
            if len(choices) < 2:
                self.add_error("choices", "Enter at least two choices, one a line")
            for passing in [p.strip() for p in str(data.get("passing", "")).splitlines() if p.strip()]:
                if passing not in choices:
                    self.add_error("passing", f"“{passing}” is not one of the choices")
                    break
        elif data.get("choices") or data.get("passing"):
            self.add_error("choices", "Only a question answered from a list of choices has choices")
        for name in ("minimum", "maximum"):
            value = data.get(name)
            if value is not None and not math.isfinite(value):
                self.add_error(name, "Enter a number, like 12 or 3.5")
        low, high = data.get("minimum"), data.get("maximum")
        if kind != AnswerType.NUMBER and (low is not None or high is not None):
            self.add_error("minimum", "Only a number question has a range that meets the standard")
        elif low is not None and high is not None and low > high:
            self.add_error(
                "maximum", "The highest value that meets the standard must not be below the lowest"
            )
        return data


class ScheduleForm(NHSForm):
    unit = UnitChoice(
        queryset=Unit.objects.none(),
        label="Unit to audit",
        error_messages={"required": "Choose the unit to audit", "invalid_choice": "Choose a unit you lead"},
    )
    due_on = DateField(label="Due date")
    recurrence = forms.ChoiceField(
        label="Repeats",
        choices=Recurrence.choices,
        error_messages={
            "required": "Choose whether and how often the audit repeats",
            "invalid_choice": "Choose once, every month, every quarter or every year",
        },
    )
    assignees: Any = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose people from the list",
            "invalid_pk_value": "Choose people from the list",
        },
    )
    shared_with_service_users = forms.BooleanField(required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], people: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["assignees"].queryset = people  # type: ignore[attr-defined]

    def chosen(self, name: str) -> set[str]:
        return {str(v) for v in (self[name].value() or [])}


# --- actions -------------------------------------------------------------------------------------


class ActionForm(NHSForm):
    title = _text("What needs doing", 200, missing="Say what needs doing")
    description = _text("Details", 4000, required=False)
    owner: Any = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose the owner from the people on the unit"},
    )
    due_on = DateField(label="Due date")
    priority = _choice("Priority", ActionPriority.choices, "Choose the priority")
    source_label = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)
    source_url = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: QuerySet[Any], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        if editing:
            del self.fields["source_label"]
            del self.fields["source_url"]
            self.fields["status"] = _choice("Status", OPEN_ACTION_STATUSES, "Choose the status")

    def clean_source_url(self) -> str:
        value = str(self.cleaned_data.get("source_url") or "")
        if value and not is_local_path(value):
            raise ValidationError("The link to what raised the action must be a page of OpenQMS")
        return value


class NoteForm(NHSForm):
    text = _text("Progress note", 4000, missing="Enter the progress note")


class CloseForm(NHSForm):
    evidence = _text("What was done", 4000, missing="Say what was done, and where the evidence is")
    effectiveness_check = _text(
        "How you checked it worked", 4000, missing="Say how you checked that the action worked"
    )
    effective = forms.TypedChoiceField(
        choices=[("yes", "Yes, it worked"), ("no", "No, it did not work")],
        coerce=lambda v: v == "yes",
        error_messages={
            "required": "Say whether the action worked",
            "invalid_choice": "Say whether the action worked",
        },
    )


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
