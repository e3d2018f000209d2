"""The identity provider, as its discovery document describes it.

Only the issuer is configured: the endpoints come from `<issuer>/.well-known/openid-configuration`
(OpenID Connect Discovery 1.0), whose `issuer` must be the configured one exactly, character for
character, as section 4.3 of that standard requires. The document is kept for an hour.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings

DISCOVERY_SECONDS = 3600


class ProviderError(Exception):
    """The provider cannot be used: unreachable, or not the one configured."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    end_session_endpoint: str


_found: dict[str, tuple[float, Provider]] = {}


def enabled() -> bool:
    return bool(getattr(settings, "OPENQMS_OIDC_ISSUER", ""))


def issuer() -> str:
    return str(settings.OPENQMS_OIDC_ISSUER)


def forget() -> None:
    """Read the discovery document again at the next use (tests; a provider that moved)."""
    _found.clear()


def current() -> Provider:
    configured = issuer()
    cached = _found.get(configured)
    if cached is not None and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    address = configured.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(address, timeout=getattr(settings, "OIDC_TIMEOUT", 10))
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderError(f"the provider's discovery document could not be read ({error})") from error
    if not isinstance(document, dict) or document.get("issuer") != configured:
        found = document.get("issuer") if isinstance(document, dict) else None
        raise ProviderError(f"the provider calls itself {found!r}, not the configured issuer {configured!r}")
    try:
        provider = Provider(
            issuer=configured,
            authorization_endpoint=str(document["authorization_endpoint"]),
            token_endpoint=str(document["token_endpoint"]),
            jwks_uri=str(document["jwks_uri"]),
            userinfo_endpoint=str(document.get("userinfo_endpoint") or ""),
            end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        )
    except KeyError as error:
        raise ProviderError(f"the provider's discovery document has no {error.args[0]}") from error
    _found[configured] = (time.monotonic(), provider)
    return provider


def sign_out_url(provider: Provider, *, id_token: str, after: str) -> str:
    """Where to send a person who signs out, so that the provider ends its session too (OpenID
    Connect RP-Initiated Logout 1.0); empty when the provider does not offer it."""
    if not provider.end_session_endpoint:
        return ""
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": after,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return f"{provider.end_session_endpoint}{separator}{query}"
