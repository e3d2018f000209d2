"""Writes through the services: annotations and actions, audited, refused with the field named."""

from __future__ import annotations

from openqms.actions.models import Action
from openqms.audit.models import AuditEntry
from tests.api.helpers import auth, token_for
from tests.control import pages_helpers as h

JSON = "application/json"


def test_an_action_is_raised_changed_and_closed(client, trust):
    lead = auth(token_for(trust, "tess_team_leader"))
    created = client.post(
        "/api/v1/actions",
        {
            "unit": trust.ward_a.pk,
            "title": "Order a hoist",
            "due_on": "2030-01-01",
            "owner": trust.people["mo_member"].pk,
        },
        content_type=JSON,
        **lead,
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = client.patch(f"/api/v1/actions/{pk}", {"status": "in_progress"}, content_type=JSON, **lead)
    assert changed.json()["status"] == "in_progress"
    refused = client.patch(f"/api/v1/actions/{pk}", {"status": "closed"}, content_type=JSON, **lead)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "status"
    closed = client.post(
        f"/api/v1/actions/{pk}/close",
        {"evidence": "Delivered", "effectiveness_check": "Used daily", "effective": True},
        content_type=JSON,
        **lead,
    )
    assert closed.json()["status"] == "closed"
    kinds = list(
        AuditEntry.objects.filter(object_type="actions.action", object_id=str(pk)).values_list(
            "action", flat=True
        )
    )
    assert kinds == ["create", "update", "update"]


def test_a_member_cannot_change_an_action_as_a_leader_does(client, trust):
    pk = Action.objects.create(unit=trust.ward_a, title="x", due_on="2030-01-01").pk
    member = auth(token_for(trust, "mo_member"))
    assert (
        client.patch(f"/api/v1/actions/{pk}", {"priority": "high"}, content_type=JSON, **member).status_code
        == 404
    )


def test_an_owner_must_reach_the_unit(client, trust):
    response = client.post(
        "/api/v1/actions",
        {
            "unit": trust.ward_a.pk,
            "title": "x",
            "due_on": "2030-01-01",
            "owner": trust.people["otto_other_admin"].pk,
        },
        content_type=JSON,
        **auth(token_for(trust, "mo_member")),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "owner"
    assert not Action.objects.exists()


def test_bad_bodies_name_every_field(client, trust):
    response = client.post(
        "/api/v1/actions",
        {"title": "", "due_on": "soon"},
        content_type=JSON,
        **auth(token_for(trust, "mo_member")),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"unit", "title", "due_on"}


def test_a_body_that_is_not_json_is_422(client, trust):
    response = client.post(
        "/api/v1/actions", "{not json", content_type=JSON, **auth(token_for(trust, "mo_member"))
    )
    assert response.status_code == 400
    assert response.json()["status"] == response.status_code


def test_an_annotation_is_added(client, trust):
    m = h.measure(trust.ward_a)
    response = client.post(
        f"/api/v1/measures/{m.pk}/annotations",
        {"on": "2024-01-01", "kind": "recalculation", "label": "New pathway"},
        content_type=JSON,
        **auth(token_for(trust, "mo_member")),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    assert not m.annotations.exists()
