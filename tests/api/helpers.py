"""Tokens for personas, and the calls the API tests make with them."""

from __future__ import annotations

from typing import Any

from openqms.access import policy
from openqms.api.services.tokens import create_token

ALL = frozenset(policy.Permission)


def token_for(trust: Any, persona: str, unit: Any = None, permissions: Any = ALL, days: int = 30) -> str:
    """A live token of the persona, on the unit their role is held on unless another is given."""
    person = trust.people[persona]
    if unit is None:
        from openqms.access.models import RoleAssignment

        unit = RoleAssignment.objects.filter(person=person).first().unit
    return create_token(
        actor=person, person=person, unit=unit, name="test", permissions=permissions, expires_in_days=days
    ).secret


def auth(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
