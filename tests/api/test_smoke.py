from tests.api.helpers import auth, token_for


def test_units_with_a_token(client, trust):
    secret = token_for(trust, "tess_team_leader")
    response = client.get("/api/v1/units", **auth(secret))
    assert response.status_code == 200, response.content
    body = response.json()
    assert [u["code"] for u in body["items"]] == ["WA"]
    assert "no-store" in response["Cache-Control"]
