from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.personas import Trust


@pytest.fixture
def trust(db: None) -> Trust:
    # Imported here so that the pure SPC tests can run without Django (`-p no:django`).
    from tests.personas import build_trust

    return build_trust()


@pytest.fixture
def signed_in(client: Any, trust: Trust) -> Any:
    """Sign the test client in as a persona: signed_in("mo_member")."""

    def sign_in(username: str) -> Any:
        client.force_login(trust.people[username])
        return client

    return sign_in
