"""Forms for organisations, units and roles. Each says precisely what is wrong, per field."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.access.models import Role
from openqms.nhsuk.fields import DatePartsField, PersonChoiceField, UnitChoiceField, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Organisation, Unit, UnitKind
from openqms.people.models import User


class OrganisationForm(NHSForm):
    name = text_field("Name", 200, missing="Enter the organisation's name")
    code = text_field("ODS code", 20, missing="Enter the organisation's ODS code")

    def __init__(self, *args: Any, instance: Organisation | None = None, **kwargs: Any) -> None:
        self.instance = instance
        super().__init__(*args, **kwargs)

    def _others(self) -> QuerySet[Organisation]:
        others = Organisation.objects.all()
        return others.exclude(pk=self.instance.pk) if self.instance else others

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if self._others().filter(name__iexact=name).exists():
            raise ValidationError("Another organisation already has this name")
        return name

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip().upper()
        if not re.fullmatch(r"[A-Z0-9]+", code):
            raise ValidationError("ODS code must contain only letters and numbers, like RXX")
        if self._others().filter(code=code).exists():
            raise ValidationError("Another organisation already has this ODS code")
        return code


class UnitDetailsForm(NHSForm):
    name = text_field("Name", 200, missing="Enter the unit's name")
    kind = forms.ChoiceField(
        label="Kind of unit",
        choices=UnitKind.choices,
        error_messages={
            "required": "Select the kind of unit",
            "invalid_choice": "Select a kind of unit from the list",
        },
    )
    code = text_field("Code", 30, missing="Enter the unit's code")

    def __init__(
        self, *args: Any, organisation: Organisation, unit: Unit | None = None, **kwargs: Any
    ) -> None:
        self.organisation, self.unit = organisation, unit
        super().__init__(*args, **kwargs)

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip().upper()
        if re.search(r"[\s,]", code):
            raise ValidationError("Code must not contain spaces or commas")
        taken = Unit.objects.filter(organisation=self.organisation, code=code)
        if self.unit is not None:
            taken = taken.exclude(pk=self.unit.pk)
        if taken.exists():
            raise ValidationError(f"Another unit in {self.organisation.name} already has the code {code}")
        return code


class MoveUnitForm(NHSForm):
    parent = UnitChoiceField(
        with_code=True,
        label="New parent unit",
        queryset=Unit.objects.none(),
        error_messages={
            "required": "Select the unit to move it under",
            "invalid_choice": "Select a unit from the list",
        },
    )

    def __init__(self, *args: Any, targets: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = targets  # type: ignore[attr-defined]


class RoleDatesMixin(NHSForm):
    """A role's dates: it may not end before it starts (giving a role here and with a new person)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "End date must be the same as or after the start date")
        return cleaned


def role_field() -> forms.ChoiceField:
    """The role to give; administration says "Select", as the service manual does for a choice."""
    return forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )


class GrantRoleForm(RoleDatesMixin):
    person = PersonChoiceField(
        label="Person",
        queryset=User.objects.none(),
        error_messages={"required": "Select the person", "invalid_choice": "Select a person from the list"},
    )
    role = role_field()
    starts_on = DatePartsField(label="Start date")
    ends_on = DatePartsField(label="End date", required=False)

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class EndRoleForm(NHSForm):
    ends_on = DatePartsField(label="End date")

    def __init__(self, *args: Any, starts_on: dt.date, **kwargs: Any) -> None:
        self.starts_on = starts_on
        super().__init__(*args, **kwargs)

    def clean_ends_on(self) -> dt.date:
        ends_on: dt.date = self.cleaned_data["ends_on"]
        if ends_on < self.starts_on:
            raise ValidationError(f"End date must be on or after the start date, {self.starts_on:%-d %B %Y}")
        return ends_on
