"""The sign-on backend: mozilla-django-oidc's code flow, with the ID token checked in full.

The library exchanges the code (with the PKCE verifier), fetches the provider's keys and the
userinfo; we add what it leaves out. Its token check verifies the signature and expiry only, so
`verify_token` checks the rest of OpenID Connect Core 1.0, 3.1.3.7: the issuer exactly, this
client among the audiences (and as `azp` when there are several), the algorithm we expect (never
"none"), the expiry and issue time with a small leeway, and the nonce.
"""

from __future__ import annotations

from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from openqms.people.models import User
from openqms.sso import mapping, provider
from openqms.sso.services import SignOnRefused, sign_on

TROUBLE = "Your sign-in could not be completed. Try again, or tell your IT service desk if it happens again."


class SignOnBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Used only by the sign-on callback view (openqms.sso.views), which passes the nonce and PKCE
    verifier it kept in the session. A password sign-in reaches `authenticate` too (it is in
    AUTHENTICATION_BACKENDS, so that Django can load the person of a sign-on session) and gets None."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No settings lookups, no network: Django builds a backend for every request it loads a
        # session's person with. The endpoints are read from the provider when signing in.
        self.UserModel = get_user_model()
        self.refusal: SignOnRefused | None = None

    def _use(self, found: provider.Provider) -> None:
        self.OIDC_OP_TOKEN_ENDPOINT = found.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = found.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if request is None or "nonce" not in kwargs or "username" in kwargs or "password" in kwargs:
            return None
        self.refusal = None
        try:
            self._use(provider.current())
            user: User | None = super().authenticate(request, **kwargs)
        except SignOnRefused as refused:
            self.refusal = refused
            return None
        except provider.ProviderError as error:
            self.refusal = SignOnRefused(TROUBLE, f"single sign-on: {error}")
            return None
        except requests.RequestException as error:
            # The token exchange or the userinfo request failed; the provider's answer names why.
            self.refusal = SignOnRefused(TROUBLE, f"single sign-on: the provider refused: {error}"[:300])
            return None
        except SuspiciousOperation as error:
            self.refusal = SignOnRefused(TROUBLE, f"single sign-on: {error}")
            return None
        return user

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        if not isinstance(token, str) or not token:
            raise SignOnRefused(TROUBLE, "single sign-on: the provider sent no ID token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise SignOnRefused(TROUBLE, f"single sign-on: the ID token is not a JWT ({error})") from error
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignOnRefused(
                TROUBLE,
                f"single sign-on: the ID token is signed with {header.get('alg')!r}, not the one expected",
            )
        key = self.retrieve_matching_jwk(token)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=provider.issuer(),
                leeway=settings.OPENQMS_OIDC_LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.InvalidIssuerError as error:
            found = jwt.decode(token, options={"verify_signature": False}).get("iss")
            raise SignOnRefused(
                "Your sign-in was refused: the answer came from an identity provider that OpenQMS "
                "does not trust. Tell your IT service desk.",
                f"single sign-on: refused issuer {found!r}; only {provider.issuer()!r} is trusted",
            ) from error
        except jwt.ExpiredSignatureError as error:
            raise SignOnRefused(
                "Your sign-in took too long and has expired. Sign in again.",
                "single sign-on: the ID token has expired",
            ) from error
        except jwt.InvalidSignatureError as error:
            raise SignOnRefused(
                TROUBLE, "single sign-on: the ID token's signature does not verify"
            ) from error
        except jwt.PyJWTError as error:
            raise SignOnRefused(TROUBLE, f"single sign-on: the ID token is not valid ({error})") from error
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SignOnRefused(TROUBLE, "single sign-on: the ID token was issued to another client (azp)")
        if claims.get("nonce") != kwargs.get("nonce"):
            raise SignOnRefused(TROUBLE, "single sign-on: the ID token's nonce is not this sign-in's")
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The ID token's claims, with what the userinfo endpoint adds (Entra ID puts groups and
        roles in the token; Keycloak and CIS2 may answer more at userinfo)."""
        if not self.OIDC_OP_USER_ENDPOINT or not access_token:
            return payload
        info = super().get_userinfo(access_token, id_token, payload)
        if not isinstance(info, dict) or info.get("sub") != payload["sub"]:
            # OpenID Connect Core 1.0, 5.3.2: a userinfo answer about someone else must not be used.
            raise SignOnRefused(TROUBLE, "single sign-on: the userinfo answer is about another subject")
        return {**info, **payload}

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            role_mapping = mapping.load()
        except mapping.MappingError as error:
            raise SignOnRefused(TROUBLE, f"single sign-on: {error}"[:300]) from error
        self.claims = claims
        self.signed_on = sign_on(issuer=provider.issuer(), claims=claims, mapping=role_mapping)
        return self.signed_on.person

    def get_user(self, user_id: Any) -> User | None:
        # The library's get_user loads a switched-off person too; Django's own backends do not, and
        # a session begun with single sign-on must end when the account is switched off.
        person: User | None = super().get_user(user_id)
        return person if person is not None and person.is_active else None

    def store_tokens(self, access_token: str, id_token: str) -> None:
        # Kept on the backend, not in the session: the view stores what sign-out needs after
        # login(), which gives the session a new key.
        self.id_token = id_token
