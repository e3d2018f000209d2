"""The test provider's claims, and the faults the tests ask of it, chosen by who signs in.

A real provider signs what it issues; these faults are what a client must refuse, made by the
provider itself rather than by a mock of the protocol:
- "expired": an ID token whose expiry has passed (issued 20 minutes ago, expired 10 minutes ago);
- "tampered": a genuine ID token whose claims were changed after signing (more groups);
- "stranger": an ID token correctly signed, but naming another issuer.
"""

import base64
import datetime as dt
import json

from oauth2_provider.oauth2_validators import OAuth2Validator

GROUPS = {
    "alice": ["ward-a-nurses"],
    "bob": ["ward-a-nurses", "elderly-care-leads"],
    "carol": [],
    "expired": ["ward-a-nurses"],
    "tampered": ["ward-a-nurses"],
    "stranger": ["ward-a-nurses"],
}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Validator(OAuth2Validator):
    # Every claim below is released, whatever scopes were asked for: this provider is only for tests.
    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        return {
            "email": user.email,
            "email_verified": True,
            "name": f"{user.first_name} {user.last_name}".strip(),
            "preferred_username": user.username,
            "groups": GROUPS.get(user.username, []),
        }

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration_time = super().get_id_token_dictionary(token, token_handler, request)
        if request.user.username == "expired":
            now = dt.datetime.now(dt.UTC)
            claims["iat"] = int((now - dt.timedelta(minutes=20)).timestamp())
            claims["exp"] = int((now - dt.timedelta(minutes=10)).timestamp())
        if request.user.username == "stranger":
            claims["iss"] = claims["iss"] + "-elsewhere"
        return claims, expiration_time

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if request.user.username != "tampered":
            return signed
        header, payload, signature = signed.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["groups"] = [*claims.get("groups", []), "elderly-care-leads"]
        return ".".join([header, _b64(json.dumps(claims).encode()), signature])
