from __future__ import annotations

import pytest

from tests.personas import Trust, build_trust


@pytest.fixture
def trust(db: None) -> Trust:
    return build_trust()


@pytest.fixture
def signed_in(client, trust):  # type: ignore[no-untyped-def]
    """Sign the test client in as a persona: signed_in("mo_member")."""

    def sign_in(username: str):  # type: ignore[no-untyped-def]
        client.force_login(trust.people[username])
        return client

    return sign_in
