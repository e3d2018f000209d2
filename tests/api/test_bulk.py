"""Bulk observations: validated whole, all or nothing, idempotent by key and by (measure, period)."""

from __future__ import annotations

import uuid

from openqms.api.models import IdempotentRequest
from openqms.audit.models import AuditEntry
from openqms.control.models import Observation
from tests.api.helpers import auth, token_for
from tests.control import pages_helpers as h

JSON = "application/json"
URL = "/api/v1/observations/bulk"


def _items(m, values, start_month=1):
    return [
        {
            "measure": m.definition.code,
            "unit": m.unit.code,
            "period": f"2024-{start_month + i:02d}-01",
            "value": v,
        }
        for i, v in enumerate(values)
    ]


def test_a_bulk_submission_saves_with_one_audit_entry_per_measure(client, trust):
    a, b = h.measure(trust.ward_a), h.measure(trust.ward_a)
    items = _items(a, [1, 2, 3]) + _items(b, [4, 5])
    response = client.post(URL, {"items": items}, content_type=JSON, **auth(token_for(trust, "mo_member")))
    assert response.status_code == 200, response.content
    assert response.json() | {} == {
        "items": 5,
        "created": 5,
        "updated": 0,
        "unchanged": 0,
        "empty": 0,
        "measures": 2,
        "dry_run": False,
    }
    assert Observation.objects.count() == 5
    entries = AuditEntry.objects.filter(object_type="control.measure", action="import")
    assert entries.count() == 2
    assert all("via" in e.changes for e in entries)
    assert a.snapshot.n_points == 3  # SPC recomputed


def test_every_bad_item_is_reported_and_nothing_is_written(client, trust):
    m = h.measure(trust.ward_a)
    items = _items(m, [1, 2, 3, 4])
    items[1]["value"] = "lots"  # not a number: refused by the schema
    items[2]["period"] = "2024-03-15"  # not the first of the month: refused by control's checks
    items[3]["unit"] = "WB"  # out of scope reads as unknown
    response = client.post(URL, {"items": items}, content_type=JSON, **auth(token_for(trust, "mo_member")))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {(e["index"], e["field"]) for e in errors} == {(1, "value")}
    # Once the shape is right, the domain's checks report every item with its index and field.
    items[1]["value"] = 2
    response = client.post(URL, {"items": items}, content_type=JSON, **auth(token_for(trust, "mo_member")))
    errors = response.json()["errors"]
    assert {(e["index"], e["field"]) for e in errors} == {(2, "period"), (3, "unit")}
    assert "starts on 2024-03-01" in next(e["message"] for e in errors if e["index"] == 2)
    assert not Observation.objects.exists()


def test_a_repeated_period_is_reported(client, trust):
    m = h.measure(trust.ward_a)
    items = _items(m, [1]) + _items(m, [2])
    response = client.post(URL, {"items": items}, content_type=JSON, **auth(token_for(trust, "mo_member")))
    assert response.status_code == 422
    assert response.json()["errors"][0]["index"] == 1
    assert "Duplicate period" in response.json()["errors"][0]["message"]


def test_the_same_data_again_changes_nothing_natural_key(client, trust):
    m = h.measure(trust.ward_a)
    headers = auth(token_for(trust, "mo_member"))
    client.post(URL, {"items": _items(m, [1, 2])}, content_type=JSON, **headers)
    entries = AuditEntry.objects.count()
    again = client.post(URL, {"items": _items(m, [1, 3])}, content_type=JSON, **headers).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 1, 1)
    assert AuditEntry.objects.count() == entries + 1
    assert sorted(Observation.objects.values_list("value", flat=True)) == [1, 3]


def test_an_idempotency_key_replays_the_first_answer(client, trust):
    m = h.measure(trust.ward_a)
    headers = auth(token_for(trust, "mo_member")) | {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    body = {"items": _items(m, [1, 2])}
    first = client.post(URL, body, content_type=JSON, **headers)
    entries = AuditEntry.objects.count()
    second = client.post(URL, body, content_type=JSON, **headers)
    assert second.status_code == 200
    assert second.json() == first.json()  # "created": 2 again, though nothing was written this time
    assert AuditEntry.objects.count() == entries
    assert IdempotentRequest.objects.count() == 1


def test_an_idempotency_key_reused_for_other_data_is_refused(client, trust):
    m = h.measure(trust.ward_a)
    headers = auth(token_for(trust, "mo_member")) | {"HTTP_IDEMPOTENCY_KEY": "nightly-2024-01-31"}
    client.post(URL, {"items": _items(m, [1])}, content_type=JSON, **headers)
    response = client.post(URL, {"items": _items(m, [9])}, content_type=JSON, **headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert list(Observation.objects.values_list("value", flat=True)) == [1]


def test_a_refused_submission_keeps_no_key(client, trust):
    m = h.measure(trust.ward_a)
    headers = auth(token_for(trust, "mo_member")) | {"HTTP_IDEMPOTENCY_KEY": "k1"}
    bad = _items(m, [1])
    bad[0]["unit"] = "ZZ"
    assert client.post(URL, {"items": bad}, content_type=JSON, **headers).status_code == 422
    assert client.post(URL, {"items": _items(m, [1])}, content_type=JSON, **headers).status_code == 200


def test_a_dry_run_checks_and_writes_nothing(client, trust):
    m = h.measure(trust.ward_a)
    response = client.post(
        URL,
        {"items": _items(m, [1]), "dry_run": True},
        content_type=JSON,
        **auth(token_for(trust, "mo_member")),
    )
    assert response.json()["dry_run"] is True
    assert not Observation.objects.exists()


def test_an_empty_or_oversized_request_is_refused(client, trust, settings):
    headers = auth(token_for(trust, "mo_member"))
    response = client.post(URL, {"items": []}, content_type=JSON, **headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "items"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    m = h.measure(trust.ward_a)
    response = client.post(URL, {"items": _items(m, [1, 2, 3])}, content_type=JSON, **headers)
    assert response.status_code == 413


def test_more_items_than_the_limit_are_refused_whole(client, trust, settings):
    settings.OPENQMS_API_BULK_MAX = 2
    m = h.measure(trust.ward_a)
    response = client.post(
        URL, {"items": _items(m, [1, 2, 3])}, content_type=JSON, **auth(token_for(trust, "mo_member"))
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "items"
    assert "At most 2" in response.json()["errors"][0]["message"]
    assert not Observation.objects.exists()
