"""Password spraying is limited per address, and the security log records access (issue 17, finding 11)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.access import services as access
from openqms.people import security
from openqms.people.models import SecurityEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind


@pytest.fixture(autouse=True)
def an_empty_log(trust):
    SecurityEvent.objects.all().delete()  # the personas' role grants


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_many_usernames_tried_from_one_address_are_refused_past_the_address_limit(client, trust, settings):
    settings.OPENQMS_LOGIN_ADDRESS_LIMIT = 6
    # One failure per username: axes' username-and-address lock-out never triggers.
    for n in range(6):
        response = client.post(reverse("login"), {"username": f"guess{n}", "password": "Winter-2026!"})
        assert response.status_code == 200
    refused = client.post(reverse("login"), {"username": "mo_member", "password": PASSWORD})
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert kinds() == [Kind.SIGN_IN_FAILED] * 6 + [Kind.ADDRESS_LIMITED]
    # Another address is not affected.
    other = client.post(
        reverse("login"), {"username": "mo_member", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_sign_ins_failures_and_lockouts_are_logged_with_the_address(client, trust, settings):
    client.post(reverse("login"), {"username": "mo_member", "password": PASSWORD})
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sue_service_user", "password": "wrong-password-123"})
    logged = list(SecurityEvent.objects.order_by("pk"))
    assert logged[0].kind == Kind.SIGNED_IN
    assert logged[0].person == trust.people["mo_member"]
    assert logged[0].ip_address == "127.0.0.1"
    assert Kind.SIGN_IN_FAILED in kinds()
    assert Kind.LOCKED_OUT in kinds()
    assert all(e.person == trust.people["sue_service_user"] for e in logged[1:])


def test_role_grants_and_ends_and_token_use_are_logged(trust):
    assignment = access.grant_role(
        actor=trust.people["ada_admin"],
        person=trust.people["nora_no_role"],
        unit=trust.ward_a,
        role="clinician",
    )
    access.end_role(actor=trust.people["ada_admin"], assignment=assignment)
    security.record_token_use(request=None, person=trust.people["mo_member"], token="reporting-1")
    events = list(SecurityEvent.objects.order_by("pk"))
    assert [e.kind for e in events] == [Kind.ROLE_GRANTED, Kind.ROLE_ENDED, Kind.TOKEN_USED]
    assert events[0].detail == "Consultant or senior clinician on Ward A, given by Ada Admin"
    assert events[2].detail == "token reporting-1"


def test_administrators_read_the_log_of_the_people_they_administer(client, trust, signed_in):
    client.post(reverse("login"), {"username": "mo_member", "password": "wrong-password-123"})
    client.post(reverse("login"), {"username": "nobody-at-all", "password": "wrong-password-123"})
    security.record(Kind.SIGNED_IN, person=trust.people["otto_other_admin"])
    html = signed_in("ada_admin").get(reverse("administration:security")).content.decode()
    assert "Security log" in html
    assert "mo_member" in html
    assert "nobody-at-all" in html  # no person: every administrator sees it
    assert "otto_other_admin" not in html  # another organisation's person
    filtered = signed_in("ada_admin").get(reverse("administration:security") + "?kind=role_granted")
    assert "Nothing has been recorded of this kind yet" in filtered.content.decode()
    assert signed_in("mo_member").get(reverse("administration:security")).status_code == 404
