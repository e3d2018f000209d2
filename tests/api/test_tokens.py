"""The token lifecycle: created and shown once, stored hashed, narrowed, expired, revoked, attributed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from openqms.access import policy
from openqms.api.models import ApiToken
from openqms.api.services.tokens import create_token, hash_secret, revoke_token
from openqms.audit.models import AuditEntry
from tests.api.helpers import auth, token_for
from tests.control import pages_helpers as h

P = policy.Permission


def test_a_token_is_stored_as_a_hash_with_a_public_prefix(trust):
    new = create_token(actor=None, person=trust.people["mo_member"], unit=trust.ward_a, name="Sheet")
    token = new.token
    assert new.secret.startswith(f"oqt_{token.prefix}_")
    assert token.secret_hash == hash_secret(new.secret)
    assert new.secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert AuditEntry.objects.filter(object_type="api.apitoken", object_id=str(token.pk)).exists()


def test_no_token_reaches_a_unit_its_person_holds_no_role_on(trust):
    with pytest.raises(Exception, match="holds no role"):
        create_token(actor=None, person=trust.people["mo_member"], unit=trust.ward_b, name="x")


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer oqt_abc_def", "Basic bW86cGFzcw==", ""],
)
def test_unknown_tokens_get_401_with_the_error_body(client, trust, header):
    response = client.get("/api/v1/units", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_secret_with_a_real_prefix_is_refused(client, trust):
    secret = token_for(trust, "mo_member")
    response = client.get("/api/v1/units", **auth(secret[:-2] + "xx"))
    assert response.status_code == 401


def test_revoked_and_expired_tokens_stop_working(client, trust):
    mo = trust.people["mo_member"]
    new = create_token(actor=mo, person=mo, unit=trust.ward_a, name="x")
    assert client.get("/api/v1/units", **auth(new.secret)).status_code == 200
    revoke_token(actor=mo, token=new.token)
    assert client.get("/api/v1/units", **auth(new.secret)).status_code == 401
    other = create_token(actor=mo, person=mo, unit=trust.ward_a, name="y")
    ApiToken.objects.filter(pk=other.token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/api/v1/units", **auth(other.secret)).status_code == 401


def test_a_switched_off_person_s_tokens_stop_working(client, trust):
    secret = token_for(trust, "mo_member")
    mo = trust.people["mo_member"]
    mo.is_active = False
    mo.save()
    assert client.get("/api/v1/units", **auth(secret)).status_code == 401


def test_a_token_is_narrowed_to_its_unit_sub_tree(client, trust):
    """Dana leads Medicine; her token on Ward A sees Ward A's measures, not Ward B's."""
    a, b = h.measure(trust.ward_a), h.measure(trust.ward_b)
    secret = token_for(trust, "dana_division", unit=trust.ward_a)
    listed = client.get("/api/v1/measures", **auth(secret)).json()["items"]
    assert [m["id"] for m in listed] == [a.pk]
    assert client.get(f"/api/v1/measures/{b.pk}", **auth(secret)).status_code == 404
    units = client.get("/api/v1/units", **auth(secret)).json()["items"]
    assert [u["code"] for u in units] == ["WA"]


def test_a_token_never_gives_more_than_the_person_s_roles(client, trust):
    """An administrator's token asking for every permission still sees no quality data."""
    h.measure(trust.ward_a)
    secret = token_for(trust, "ada_admin", unit=trust.board)
    assert client.get("/api/v1/measures", **auth(secret)).json()["items"] == []


def test_a_read_only_token_cannot_write(client, trust):
    m = h.measure(trust.ward_a)
    secret = token_for(trust, "mo_member", permissions={P.VIEW_UNIT, P.VIEW})
    assert client.get(f"/api/v1/measures/{m.pk}", **auth(secret)).status_code == 200
    response = client.post(
        f"/api/v1/measures/{m.pk}/observations",
        {"period": "2024-01-01", "value": 1},
        content_type="application/json",
        **auth(secret),
    )
    assert response.status_code == 403
    assert "contribute" in response.json()["message"]
    assert not m.observations.exists()


def test_every_write_by_token_names_the_token_in_the_audit_trail(client, trust):
    m = h.measure(trust.ward_a)
    secret = token_for(trust, "mo_member")
    prefix = secret.split("_")[1]
    response = client.post(
        f"/api/v1/measures/{m.pk}/observations",
        {"period": "2024-01-01", "value": 1},
        content_type="application/json",
        **auth(secret),
    )
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.filter(object_type="control.measure", object_id=str(m.pk)).last()
    assert entry.actor_id == trust.people["mo_member"].pk
    assert prefix in entry.changes["via"][1]
    # …and the attribution ends with the request: a later write without a token has none.
    from openqms.control.services.measures import add_annotation

    add_annotation(actor=None, measure=m, on=dt.date(2024, 1, 1), kind="event", label="x")
    assert "via" not in AuditEntry.objects.last().changes


def test_last_use_is_kept(client, trust):
    secret = token_for(trust, "mo_member")
    client.get("/api/v1/units", **auth(secret))
    assert ApiToken.objects.get().last_used_at is not None


def test_create_token_prints_a_working_token(client, trust):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_token", "mo_member", "--unit", "wa", "--expires", "7", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert secret.startswith("oqt_")
    assert client.get("/api/v1/units", **auth(secret)).status_code == 200
    token = ApiToken.objects.get()
    assert (token.expires_at - timezone.now()).days == 6
    call_command("revoke_token", token.prefix, stdout=io.StringIO())
    assert client.get("/api/v1/units", **auth(secret)).status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "--unit", "WA"], "No person"),
        (["mo_member", "--unit", "ZZ"], "No unit"),
        (["mo_member", "--unit", "WB"], "holds no role"),
        (["mo_member", "--unit", "WA", "--expires", "0"], "between 1 and"),
        (["mo_member", "--unit", "WA", "--permissions", "fly"], "Unknown permission"),
    ],
)
def test_create_token_refuses_with_a_reason(trust, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_token", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_tokens_page_creates_shows_once_and_revokes(client, trust):
    client.force_login(trust.people["mo_member"])
    page = client.get("/api/tokens/new/")
    assert page.status_code == 200
    created = client.post(
        "/api/tokens/new/",
        {"name": "My sheet", "unit": trust.ward_a.pk, "access": "submit", "expires_in_days": "30"},
    )
    assert created.status_code == 200
    assert "no-store" in created["Cache-Control"]
    token = ApiToken.objects.get()
    assert f"oqt_{token.prefix}_" in created.content.decode()
    assert sorted(token.permissions) == ["contribute", "view", "view_people", "view_unit"]
    listing = client.get("/api/tokens/").content.decode()
    assert "My sheet" in listing
    assert f"oqt_{token.prefix}_" not in listing.replace(f"oqt_{token.prefix}…", "")
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_new_token_form_names_what_is_missing(client, trust):
    client.force_login(trust.people["mo_member"])
    page = client.post("/api/tokens/new/", {"name": ""}).content.decode()
    for message in ("Say what the token is for", "Choose the unit", "Choose what the token may do"):
        assert message in page
    assert not ApiToken.objects.exists()


def test_each_use_of_a_token_is_in_the_security_log(client, trust):
    from openqms.people.models import SecurityEvent

    secret = token_for(trust, "tess_team_leader")
    client.get("/api/v1/units", **auth(secret))
    client.get("/api/v1/units", **auth(secret))
    used = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.TOKEN_USED)
    assert used.count() == 2
    assert all(e.person == trust.people["tess_team_leader"] and secret not in e.detail for e in used)
