"""The form for a new personal API token."""

from __future__ import annotations

from typing import Any

from django import forms

from openqms.access import policy
from openqms.nhsuk.fields import UnitChoiceField, choice_field, text_field
from openqms.nhsuk.forms import NHSForm

P = policy.Permission
# What a token may do, in three steps a person can choose between; each is a set of permissions
# that the policy then checks against the person's roles, as for a page.
ACCESS: dict[str, tuple[str, frozenset[P]]] = {
    "read": ("Read quality data", frozenset({P.VIEW_UNIT, P.VIEW_PEOPLE, P.VIEW})),
    "submit": (
        "Read quality data and send data in (observations, annotations, actions)",
        frozenset({P.VIEW_UNIT, P.VIEW_PEOPLE, P.VIEW, P.CONTRIBUTE}),
    ),
    "lead": (
        "Everything your roles allow, including changing actions as a leader",
        frozenset({P.VIEW_UNIT, P.VIEW_PEOPLE, P.VIEW, P.CONTRIBUTE, P.FEEDBACK, P.LEAD, P.ADMINISTER}),
    ),
}
EXPIRY = [("7", "7 days"), ("30", "30 days"), ("90", "90 days"), ("365", "A year")]


class TokenForm(NHSForm):
    name = text_field("Name", 120, missing="Say what the token is for, so you recognise it later")
    unit = UnitChoiceField(
        queryset=None,
        label="Unit",
        error_messages={
            "required": "Choose the unit the token reaches",
            "invalid_choice": "Choose a unit from the list",
        },
    )
    access = choice_field(
        "Access", [(k, words) for k, (words, _) in ACCESS.items()], "Choose what the token may do"
    )
    expires_in_days = choice_field("Expiry", EXPIRY, "Choose when the token expires")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            policy.units_where(user, P.VIEW_UNIT).filter(archived_at__isnull=True).order_by("path")
        )
