"""Forms for administration. Each says precisely what is wrong, per field, in the NHS.UK style.

Forms check what the person typed (presence, length, format, dates in order, a code not already
taken); the services still decide, and a view turns any refusal of theirs into form errors.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.access.models import Role
from openqms.administration.imports import MAX_BYTES, MAX_ROWS
from openqms.organisations.models import Organisation, Unit, UnitKind
from openqms.people.models import User


def _text(label: str, max_length: int, required: bool = True, missing: str | None = None) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": missing or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


class DatePartsWidget(forms.Widget):
    """Day, month and year boxes, as the NHS.UK date input draws them (name_day, name_month, name_year)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str, str]:
        return tuple(str(data.get(f"{name}_{part}", "")).strip() for part in ("day", "month", "year"))  # type: ignore[return-value]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}_{part}" in data for part in ("day", "month", "year"))


class DatePartsField(forms.Field):
    widget = DatePartsWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"required": f"Enter the {label.lower()}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date) or value is None:
            return value
        day, month, year = value
        if not (day or month or year):
            return None
        label = str(self.label)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        if not all(re.fullmatch(r"\d+", part) for part in (day, month, year)):
            raise ValidationError(f"{label} must be a real date, in numbers", code="invalid")
        if len(year) != 4:
            raise ValidationError(f"Year in the {label.lower()} must include 4 numbers", code="invalid")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(f"{label} must be a real date", code="invalid") from exc


class NHSForm(forms.Form):
    """What the templates need to draw a form with the NHS.UK macros and an error summary."""

    def field_id(self, name: str) -> str:
        if isinstance(self.fields[name], DatePartsField):
            return f"id_{name}_{self._first_bad_part(name)}"
        return f"id_{name}"

    def _first_bad_part(self, name: str) -> str:
        value = self[name].value()
        if isinstance(value, tuple):
            for part, text in zip(("day", "month", "year"), value, strict=True):
                if not text or not text.isdigit():
                    return part
        return "day"

    def error_for(self, name: str) -> dict[str, str] | None:
        errors = self.errors.get(name)
        return {"text": str(errors[0])} if errors else None

    def summary_errors(self) -> list[dict[str, str]]:
        first = next(iter(self.fields), "")
        items = [{"text": str(e), "href": f"#{self.field_id(first)}"} for e in self.non_field_errors()]
        for name in self.fields:
            error = self.error_for(name)
            if error:
                items.append({**error, "href": f"#{self.field_id(name)}"})
        return items

    def value(self, name: str) -> str:
        value = self[name].value()
        return "" if value is None else str(value)

    def date_parts(self, name: str) -> dict[str, str]:
        value = self[name].value()
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, tuple):
            return dict(zip(("day", "month", "year"), value, strict=True))
        return {"day": "", "month": "", "year": ""}

    def select_items(self, name: str, empty: str | None = None) -> list[dict[str, Any]]:
        current = self.value(name)
        items: list[dict[str, Any]] = [{"value": "", "text": empty}] if empty is not None else []
        for value, label in self.fields[name].choices:  # type: ignore[attr-defined]
            if value == "":
                continue
            items.append({"value": str(value), "text": str(label), "selected": str(value) == current})
        return items


if TYPE_CHECKING:
    _UnitChoiceField = forms.ModelChoiceField[Unit]
    _PersonChoiceField = forms.ModelChoiceField[User]
else:  # Django's form fields are not subscriptable at run time.
    _UnitChoiceField = _PersonChoiceField = forms.ModelChoiceField


class UnitChoiceField(_UnitChoiceField):
    """Units indented by depth, so the select reads as the tree."""

    def label_from_instance(self, obj: Unit) -> str:
        return f"{chr(0x2003) * obj.depth}{obj.name} ({obj.code})"


class PersonChoiceField(_PersonChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name()} ({obj.username})"


ROLE_CHOICES = Role.choices


class OrganisationForm(NHSForm):
    name = _text("Name", 200, missing="Enter the organisation's name")
    code = _text("ODS code", 20, missing="Enter the organisation's ODS code")

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
    name = _text("Name", 200, missing="Enter the unit's name")
    kind = forms.ChoiceField(
        label="Kind of unit",
        choices=UnitKind.choices,
        error_messages={
            "required": "Select the kind of unit",
            "invalid_choice": "Select a kind of unit from the list",
        },
    )
    code = _text("Code", 30, missing="Enter the unit's code")

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


class _RoleDatesMixin(NHSForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "End date must be the same as or after the start date")
        return cleaned


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Role",
        choices=ROLE_CHOICES,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )


class GrantRoleForm(_RoleDatesMixin):
    person = PersonChoiceField(
        label="Person",
        queryset=User.objects.none(),
        error_messages={"required": "Select the person", "invalid_choice": "Select a person from the list"},
    )
    role = _role_field()
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


def _check_password(password: str, person: User) -> None:
    try:
        validate_password(password, person)
    except ValidationError as exc:
        raise ValidationError(" ".join(exc.messages)) from exc


class PersonDetailsForm(NHSForm):
    full_name = _text("Full name", 150)
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    job_title = _text("Job title", 150, required=False)


class PersonEditForm(PersonDetailsForm):
    is_active = forms.BooleanField(label="This person can sign in", required=False)

    def __init__(self, *args: Any, person: User, actor: Any, **kwargs: Any) -> None:
        self.person, self.actor = person, actor
        super().__init__(*args, **kwargs)

    def clean_is_active(self) -> bool:
        active: bool = self.cleaned_data["is_active"]
        if not active and self.person.pk == getattr(self.actor, "pk", None):
            raise ValidationError("You cannot switch off your own account")
        return active


class PersonCreateForm(PersonDetailsForm, _RoleDatesMixin):
    username = forms.CharField(
        label="Username",
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        error_messages={
            "required": "Enter a username",
            "max_length": "Username must be 150 characters or fewer",
            "invalid": "Username must contain only letters, numbers and the characters @ . + - _",
        },
    )
    password = forms.CharField(
        label="Initial password", strip=False, error_messages={"required": "Enter an initial password"}
    )
    unit = UnitChoiceField(
        label="Unit",
        queryset=Unit.objects.none(),
        error_messages={
            "required": "Select the unit for the first role",
            "invalid_choice": "Select a unit from the list",
        },
    )
    role = _role_field()
    starts_on = DatePartsField(label="Start date")
    ends_on = DatePartsField(label="End date", required=False)

    field_order = [
        "username",
        "full_name",
        "email",
        "job_title",
        "password",
        "role",
        "unit",
        "starts_on",
        "ends_on",
    ]

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError("This username is already taken: choose another")
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            # The similarity check compares the password with the name and e-mail just typed.
            candidate = User(
                username=cleaned.get("username", ""),
                full_name=cleaned.get("full_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                _check_password(password, candidate)
            except ValidationError as exc:
                self.add_error("password", exc)
        return cleaned


class PasswordForm(NHSForm):
    password = forms.CharField(
        label="New password", strip=False, error_messages={"required": "Enter a new password"}
    )

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        _check_password(password, self.person)
        return password


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
