"""Forms for people: their details, a new person with a first role, a new password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from openqms.administration.forms.units import RoleDatesMixin, role_field
from openqms.nhsuk.fields import DatePartsField, UnitChoiceField, text_field
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit
from openqms.people.models import User


def _check_password(password: str, person: User) -> None:
    try:
        validate_password(password, person)
    except ValidationError as exc:
        raise ValidationError(" ".join(exc.messages)) from exc


class PersonDetailsForm(NHSForm):
    full_name = text_field("Full name", 150)
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    job_title = text_field("Job title", 150, required=False)


class PersonEditForm(PersonDetailsForm):
    is_active = forms.BooleanField(label="This person can sign in", required=False)

    def __init__(self, *args: Any, person: User, actor: User | None, **kwargs: Any) -> None:
        self.person, self.actor = person, actor
        super().__init__(*args, **kwargs)

    def clean_is_active(self) -> bool:
        active: bool = self.cleaned_data["is_active"]
        if not active and self.person.pk == getattr(self.actor, "pk", None):
            raise ValidationError("You cannot switch off your own account")
        return active


class PersonCreateForm(PersonDetailsForm, RoleDatesMixin):
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
        with_code=True,
        label="Unit",
        queryset=Unit.objects.none(),
        error_messages={
            "required": "Select the unit for the first role",
            "invalid_choice": "Select a unit from the list",
        },
    )
    role = role_field()
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
