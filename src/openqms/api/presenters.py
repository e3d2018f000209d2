"""What the tokens page shows of each token."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from openqms.api.models import ApiToken
from openqms.api.selectors.tokens import may_revoke
from openqms.nhsuk.dates import date_text


@dataclass(frozen=True)
class TokenRow:
    pk: int
    prefix: str
    name: str
    person: str
    unit: str
    permissions: str
    state: str
    expires: str
    last_used: str
    may_revoke: bool


def token_rows(user: Any, tokens: Iterable[ApiToken]) -> list[TokenRow]:
    now = timezone.now()
    rows = []
    for t in tokens:
        if t.revoked_at is not None:
            state = "Revoked"
        elif t.expires_at <= now:
            state = "Expired"
        else:
            state = "Live"
        rows.append(
            TokenRow(
                pk=t.pk,
                prefix=f"oqt_{t.prefix}",
                name=t.name,
                person=t.person.get_full_name() or t.person.get_username(),
                unit=t.unit.name,
                permissions=", ".join(p.replace("_", " ") for p in t.permissions),
                state=state,
                expires=date_text(timezone.localdate(t.expires_at)),
                last_used=date_text(timezone.localdate(t.last_used_at)) if t.last_used_at else "Never",
                may_revoke=state == "Live" and may_revoke(user, t),
            )
        )
    return rows
