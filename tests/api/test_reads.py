"""Reads: scoped like the pages, paged by cursor, filtered by unit, period and status."""

from __future__ import annotations

import datetime as dt

import pytest

from openqms.actions.services.tracker import raise_action
from tests.api.helpers import auth, token_for
from tests.control import pages_helpers as h


def test_cursor_pages_walk_every_item_once(client, trust):
    m = h.measure(trust.ward_a)
    h.monthly_values(m, [float(i) for i in range(25)])
    secret = token_for(trust, "mo_member")
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 10} | ({"cursor": cursor} if cursor else {})
        body = client.get(f"/api/v1/measures/{m.pk}/observations", query, **auth(secret)).json()
        seen += [o["value"] for o in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert sorted(seen) == [float(i) for i in range(25)]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"period_from": "yesterday"}, "period_from"),
    ],
)
def test_bad_query_parameters_are_named(client, trust, query, field):
    m = h.measure(trust.ward_a)
    response = client.get(
        f"/api/v1/measures/{m.pk}/observations", query, **auth(token_for(trust, "mo_member"))
    )
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422
    assert [e["field"] for e in body["errors"]] == [field]


def test_filters_by_period(client, trust):
    m = h.measure(trust.ward_a)
    h.monthly_values(m, [1.0, 2.0, 3.0, 4.0])  # January to April 2023
    body = client.get(
        f"/api/v1/measures/{m.pk}/observations",
        {"period_from": "2023-02-01", "period_to": "2023-03-01"},
        **auth(token_for(trust, "mo_member")),
    ).json()
    assert [o["period"] for o in body["items"]] == ["2023-02-01", "2023-03-01"]


def test_filters_by_unit_and_its_sub_tree(client, trust):
    a, b = h.measure(trust.ward_a), h.measure(trust.ward_b)
    secret = token_for(trust, "sam_senior")

    def ids(**query):
        return {x["id"] for x in client.get("/api/v1/measures", query, **auth(secret)).json()["items"]}

    assert ids(unit=trust.elderly_care.pk) == {a.pk, b.pk}
    assert ids(unit=trust.elderly_care.pk, subtree="false") == set()
    assert ids(unit=trust.ward_b.pk) == {b.pk}


def test_a_unit_filter_out_of_scope_answers_404(client, trust):
    response = client.get(
        "/api/v1/measures", {"unit": trust.ward_b.pk}, **auth(token_for(trust, "mo_member"))
    )
    assert response.status_code == 404
    assert response.json() == {"status": 404, "message": "Not found", "errors": []}


def test_filters_by_status(client, trust):
    due = dt.date(2030, 1, 1)
    raise_action(actor=None, unit=trust.ward_a, title="Open one", due_on=due)
    secret = token_for(trust, "mo_member")
    assert len(client.get("/api/v1/actions", {"status": "open"}, **auth(secret)).json()["items"]) == 1
    assert client.get("/api/v1/actions", {"status": "closed"}, **auth(secret)).json()["items"] == []
    bad = client.get("/api/v1/actions", {"status": "lost"}, **auth(secret))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "status"


def test_spc_is_the_engine_s_json(client, trust):
    m = h.measure(trust.ward_a)
    h.monthly_values(m, h.RISING)
    body = client.get(f"/api/v1/measures/{m.pk}/spc", **auth(token_for(trust, "mo_member"))).json()
    assert body["chart"] == "xmr"
    assert {"phases", "points", "variation_icon", "assurance_icon", "options"} <= set(body)


def test_service_users_see_only_what_is_shared_with_them(client, trust):
    shared = h.measure(trust.ward_a, shared_with_service_users=True)
    hidden = h.measure(trust.ward_a)
    secret = token_for(trust, "sue_service_user")
    items = client.get("/api/v1/measures", **auth(secret)).json()["items"]
    assert [m["id"] for m in items] == [shared.pk]
    assert client.get(f"/api/v1/measures/{hidden.pk}", **auth(secret)).status_code == 404


def test_the_browser_session_needs_csrf_for_writes(trust):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(trust.people["mo_member"])
    assert browser.get("/api/v1/units").status_code == 200
    m = h.measure(trust.ward_a)
    refused = browser.post(
        f"/api/v1/measures/{m.pk}/annotations",
        {"on": "2024-01-01", "kind": "event", "label": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not m.annotations.exists()
    browser.get("/api/tokens/")  # any page sets the CSRF cookie
    allowed = browser.post(
        f"/api/v1/measures/{m.pk}/annotations",
        {"on": "2024-01-01", "kind": "event", "label": "x"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )
    assert allowed.status_code == 201, allowed.content


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/measures", "definition"),
        ("/api/v1/actions", "owner"),
        ("/api/v1/priorities", "organisation"),
    ],
)
def test_an_id_no_database_holds_is_refused_by_name(client, trust, path, field):
    response = client.get(path, {field: 2**70}, **auth(token_for(trust, "mo_member")))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
