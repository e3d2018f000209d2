"""The security log (people.SecurityEvent) and the per-address limit on failed sign-ins (ADR 31).

django-axes locks a username from an address after a few failures (ADR 7); trying many usernames
from one address (password spraying) is not slowed by that. `address_is_limited` counts failures
from an address across all usernames, so the sign-in page refuses an address that passed
OPENQMS_LOGIN_ADDRESS_LIMIT failures in the last hour. The limit is far above axes' own, since a
ward's computers may share one address.

`record` is the one way to write the log: the sign-in signals, role grants (openqms.access) and the
API's token check call it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from openqms.people.models import SecurityEvent, User

Kind = SecurityEvent.Kind
ADDRESS_WINDOW = dt.timedelta(hours=1)
# How a person signed in, when not with a password: a request attribute the single sign-on view
# (openqms.sso) sets before login(), so that the log's row for the sign-in says so.
SIGN_IN_DETAIL = "openqms_sign_in_detail"
# Where sign-out sends the person after ending the session here: the identity provider's own sign-out
# (set by openqms.sso at sign-on), so that signing out of OpenQMS ends the provider's session too.
SIGN_OUT_REDIRECT = "openqms_sign_out_redirect"


def address_of(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    # Axes has worked out the client's address (behind a proxy as configured for it) by now.
    found = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")
    return str(found) if found else None


def record(
    kind: str,
    *,
    request: HttpRequest | None = None,
    person: User | None = None,
    username: str = "",
    detail: str = "",
) -> SecurityEvent:
    """One entry of the security log; `username` defaults to the person's."""
    return SecurityEvent.objects.create(
        kind=kind,
        person=person if getattr(person, "pk", None) else None,
        username=(username or getattr(person, "username", "") or "")[:150],
        ip_address=address_of(request),
        detail=detail[:300],
    )


def address_limit() -> int:
    return int(getattr(settings, "OPENQMS_LOGIN_ADDRESS_LIMIT", 50))


def address_is_limited(request: HttpRequest) -> bool:
    """Whether this address failed to sign in as often as the limit allows within the last hour."""
    address = address_of(request)
    if address is None:
        return False
    failures = SecurityEvent.objects.filter(
        kind=Kind.SIGN_IN_FAILED, ip_address=address, occurred_at__gte=timezone.now() - ADDRESS_WINDOW
    ).count()
    return failures >= address_limit()


def on_signed_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    record(Kind.SIGNED_IN, request=request, person=user, detail=str(getattr(request, SIGN_IN_DETAIL, "")))


def on_sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))
    person = User.objects.filter(username=username).first()
    record(Kind.SIGN_IN_FAILED, request=request, person=person, username=username)


def on_locked_out(sender: Any, request: HttpRequest, username: str = "", **kwargs: Any) -> None:
    person = User.objects.filter(username=username).first() if username else None
    record(Kind.LOCKED_OUT, request=request, person=person, username=username or "")


def record_token_use(*, request: HttpRequest | None, person: User | None, token: str) -> SecurityEvent:
    """For the API: one call per request authenticated by a token, named (never its secret) in `token`.

    Every token request writes one, reads too; committed on its own, each would wait for a WAL
    flush (about 10 ms, and a queue under many callers), so on PostgreSQL this row's commit does not
    wait for the disk. It is still written, in order, and flushed within a fraction of a second;
    only a crash in that moment could lose it (docs/adr/0034-the-token-use-log-does-not-wait-for-the-disk.md).
    Never inside a transaction, whose own commit (with audit entries) must stay synchronous.
    """
    detail = f"token {token}"
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return record(Kind.TOKEN_USED, request=request, person=person, detail=detail)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return record(Kind.TOKEN_USED, request=request, person=person, detail=detail)
