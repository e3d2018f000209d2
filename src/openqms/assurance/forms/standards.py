"""Forms for frameworks, standards and comments on them; each message says exactly what is wrong."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.assurance.models import (
    StandardStatus,
)
from openqms.nhsuk.fields import (
    IdChoiceField,
    IdMultipleChoiceField,
    UnitChoiceField,
    choice_field,
    text_field,
)
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit

MAX_FRAMEWORK_BYTES = 5 * 1024 * 1024


class FrameworkUploadForm(NHSForm):
    organisation = UnitChoiceField(
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
    code = text_field("Code", 40, missing="Enter a short code for the standard, for example SC-01")
    owner_unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        label="Owned by",
        error_messages={
            "required": "Choose the unit that owns the standard",
            "invalid_choice": "Choose a unit you lead",
        },
    )
    title = text_field("Title", 200, missing="Enter the title of the standard")
    domain = text_field(
        "Domain", 100, missing="Enter the domain the standard belongs to, for example Safe care"
    )
    statement = text_field("Statement", 4000, missing="Say what the standard expects, in a sentence or two")
    evidence_expected = text_field("Evidence expected", 4000, required=False)
    status = choice_field("Status", StandardStatus.choices, "Choose the status of the standard")
    shared_with_service_users = forms.BooleanField(required=False)
    applies_to = IdMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose units from the list",
            "invalid_pk_value": "Choose units from the list",
        },
    )
    requirements: Any = IdMultipleChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "Choose requirements from the list",
            "invalid_pk_value": "Choose requirements from the list",
        },
    )
    measures: Any = IdMultipleChoiceField(
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
    person: Any = IdChoiceField(
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
    text = text_field("Comment", 4000, missing="Enter your comment")
