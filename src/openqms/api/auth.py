"""Who is calling the API: a token (Authorization: Bearer oqt_…) or a signed-in browser session.

Both end in the same place: `request.user` is the person, and every read and write goes through
`access.policy` exactly as a page does. A token narrows the person to its unit's sub-tree and its
permissions (`policy.narrow`), so it never gives more than the person's roles. Every audit entry a
token request writes names the token (`audit.services.attribute_rest_of_context`). Each caller is
rate limited per minute through Django's cache (429 with Retry-After).

`AUTH` is the list an API passes to NinjaAPI(auth=…): /api/v1/ uses it, and FHIR's API will too.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from openqms.access import policy
from openqms.api.errors import RateLimited
from openqms.api.services import tokens
from openqms.audit.services import attribute_rest_of_context
from openqms.people.security import record_token_use

WINDOW = 60  # seconds


def per_minute() -> int:
    return int(getattr(settings, "OPENQMS_API_RATE_LIMIT", 1200))


def limit(caller: str) -> None:
    """Count this request against the caller's minute; refuse past the limit until the next one."""
    now = time.time()
    window = int(now // WINDOW)
    key = f"openqms-api-rate:{caller}:{window}"
    count = 1 if cache.add(key, 1, timeout=WINDOW * 2) else cache.incr(key)
    if count > per_minute():
        raise RateLimited(max(1, WINDOW - int(now) % WINDOW))


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.find_live(token)
        if found is None:
            return None
        limit(f"token:{found.pk}")
        person = found.person
        policy.narrow(
            person, unit=found.unit, permissions=frozenset(policy.Permission(p) for p in found.permissions)
        )
        tokens.mark_used(found)
        request.user = person
        request.api_token = found  # type: ignore[attr-defined]
        attribute_rest_of_context(f"API token {found.prefix} ({found.name})")
        record_token_use(request=request, person=person, token=f"{found.prefix} ({found.name})")
        return person


class BrowserSession(APIKeyCookie):
    """Django's session, as ninja's `django_auth`, with its CSRF check for unsafe methods; a request
    without a signed-in session falls through to 401 rather than a CSRF error."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        limit(f"user:{user.pk}")
        return user


AUTH = [TokenAuth(), BrowserSession()]


def token_of(request: HttpRequest) -> Any:
    return getattr(request, "api_token", None)


def require_permission(request: HttpRequest, permission: policy.Permission) -> None:
    """A write a token was not given the permission for is refused plainly (403), not as a 404:
    the client's configuration is wrong, and saying so reveals nothing about the data."""
    token = token_of(request)
    if token is not None and permission.value not in token.permissions:
        raise HttpError(403, f"This token does not carry the '{permission.value}' permission")
