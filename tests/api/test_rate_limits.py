from django.core.cache import cache
from django.test import override_settings

from tests.api.helpers import auth, token_for


@override_settings(OPENQMS_API_RATE_LIMIT=3)
def test_past_the_limit_a_token_gets_429_with_retry_after(client, trust):
    cache.clear()
    secret = token_for(trust, "mo_member")
    answers = [client.get("/api/v1/units", **auth(secret)) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["status"] == 429
    # Another token of the same person has its own count.
    assert client.get("/api/v1/units", **auth(token_for(trust, "mo_member"))).status_code == 200
    cache.clear()


@override_settings(OPENQMS_API_RATE_LIMIT=2)
def test_sessions_are_limited_too(client, trust):
    cache.clear()
    client.force_login(trust.people["mo_member"])
    assert [client.get("/api/v1/units").status_code for _ in range(3)] == [200, 200, 429]
    cache.clear()
