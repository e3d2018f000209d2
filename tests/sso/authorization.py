"""The single sign-on pages answer nobody while single sign-on is not configured (as in the suite).

When it is, both are open to anyone, signed in or not: starting a sign-in, and the provider's
answer, which is checked against the state kept in the session (tests/sso/test_sign_on.py).
"""

from __future__ import annotations

from tests.authorization import EVERYONE, Case, only

EXPECTATIONS = {
    "sso:start": [Case("not configured", allowed=only(EVERYONE, 404))],
    "sso:callback": [Case("not configured", allowed=only(EVERYONE, 404))],
}
