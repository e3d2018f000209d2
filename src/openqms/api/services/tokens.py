"""Writes of API tokens: created (the secret shown once), revoked, and marked as used.

Creating and revoking are audited like any other change. A token's secret is 32 random bytes; only
its SHA-256 is kept, with a public prefix that finds the row (docs/adr/0030-api-tokens-and-scope.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.api.models import ApiToken
from openqms.audit.models import AuditEntry
from openqms.audit.services import created, record
from openqms.organisations.models import Unit
from openqms.people.models import User

SCHEME = "oqt"  # every token starts "oqt_": a secret scanner can recognise one that leaked
PREFIX_BYTES = 6
DEFAULT_PERMISSIONS = frozenset(
    {policy.Permission.VIEW_UNIT, policy.Permission.VIEW_PEOPLE, policy.Permission.VIEW}
)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the whole token, to show once; never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def split(presented: str) -> tuple[str, str] | None:
    """The prefix of a presented token ("oqt_<prefix>_<secret>"), or None when it is not one."""
    parts = presented.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME or not parts[1] or not parts[2]:
        return None
    return parts[1], presented.strip()


def max_days() -> int:
    return int(getattr(settings, "OPENQMS_API_TOKEN_MAX_DAYS", 365))


@transaction.atomic
def create_token(
    *,
    actor: User | None,
    person: User,
    unit: Unit,
    name: str,
    permissions: Iterable[str] = DEFAULT_PERMISSIONS,
    kind: str = ApiToken.Kind.PERSONAL,
    expires_in_days: int = 90,
) -> NewToken:
    """A new token for `person`, reaching `unit`'s sub-tree with `permissions`, for a number of days.

    The person must hold a role reaching the unit: a token never gives more than its person's roles.
    """
    chosen = sorted({policy.Permission(p).value for p in permissions})
    if not chosen:
        raise ValidationError({"permissions": "Choose at least one permission"})
    if not 1 <= expires_in_days <= max_days():
        raise ValidationError({"expires_in_days": f"A token lasts between 1 and {max_days()} days"})
    if not policy.roles_on(person, unit):
        raise ValidationError({"unit": f"{person.get_username()} holds no role reaching {unit.name}"})
    if kind not in ApiToken.Kind.values:
        raise ValidationError({"kind": "A token is personal or a service's"})
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    token = ApiToken.objects.create(
        kind=kind,
        name=name.strip() or "API token",
        person=person,
        unit=unit,
        permissions=chosen,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        created_at=now,
        created_by=actor,
        expires_at=now + dt.timedelta(days=expires_in_days),
    )
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=token,
        changes=created(
            {
                "kind": kind,
                "name": token.name,
                "person": person.pk,
                "unit": unit.pk,
                "permissions": chosen,
                "prefix": prefix,
                "expires_at": token.expires_at,
            }
        ),
        unit_id=unit.pk,
    )
    return NewToken(token, secret)


@transaction.atomic
def revoke_token(*, actor: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor=actor,
        action=AuditEntry.Action.ARCHIVE,
        target=token,
        changes={"revoked_at": [None, token.revoked_at]},
        unit_id=token.unit_id,
    )
    return token


def find_live(presented: str) -> ApiToken | None:
    """The live token a client presented, or None (unknown, wrong secret, revoked or expired)."""
    found = split(presented)
    if found is None:
        return None
    prefix, whole = found
    token = ApiToken.objects.select_related("person", "unit").filter(prefix=prefix).first()
    if token is None or not secrets.compare_digest(token.secret_hash, hash_secret(whole)):
        return None
    if not token.is_live() or not token.person.is_active:
        return None
    return token


def mark_used(token: ApiToken) -> None:
    """Last use, to the minute: one UPDATE a minute per token, not one per request."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
