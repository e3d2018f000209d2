"""The committed schema is the code's: regenerate it with `make openapi` after changing the API."""

from openqms.api.schema import COMMITTED, schema_text


def test_docs_openapi_json_matches_the_code():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/openapi.json differs from the API: run `make openapi` and commit the file"
    )


def test_the_served_schema_is_the_committed_one(client):
    import json

    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(COMMITTED.read_text(encoding="utf-8"))
