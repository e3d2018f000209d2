"""Single sign-on against a real OpenID Connect provider on loopback (tests/sso/conftest.py).

Each test signs a person in through the provider's own sign-in and consent pages; the provider
makes the bad tokens itself (tests/sso/provider/validators.py), so what is refused is refused by
OpenQMS's checks of a token from a real provider, not by a mock's say-so.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from openqms.access.models import Role, RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.people.models import SecurityEvent, User
from openqms.sso.models import Identity, MappedRole
from tests.sso.conftest import MAPPING, sign_in_at_provider

pytestmark = pytest.mark.django_db


def _roles(person: User) -> set[tuple[str, str]]:
    return {(a.unit.code, a.role) for a in RoleAssignment.objects.current().filter(person=person)}


def _last_event(kind: str) -> SecurityEvent:
    event = SecurityEvent.objects.filter(kind=kind).order_by("-pk").first()
    assert event is not None
    return event


def _is_signed_in(client: Any) -> bool:
    return bool(client.get("/").status_code == 200)


def test_a_first_sign_in_creates_the_person_with_the_roles_the_mapping_gives(
    client: Any, trust: Any, sso: Path, settings: Any
) -> None:
    journey = sign_in_at_provider(client, "alice")

    assert journey.answer.status_code == 302
    assert journey.answer["Location"] == "/"
    # The code flow with PKCE: the provider requires it, and OpenQMS sent an S256 challenge.
    assert journey.authorization["code_challenge_method"] == ["S256"]
    assert journey.authorization["response_type"] == ["code"]
    person = User.objects.get(email="alice@example.nhs.uk")
    assert (person.username, person.full_name) == ("alice", "Alice Tester")
    assert not person.has_usable_password()
    assert Identity.objects.get(person=person).issuer == settings.OPENQMS_OIDC_ISSUER
    assert _roles(person) == {("WA", Role.TEAM_MEMBER)}
    assert _is_signed_in(client)
    signed_in = _last_event(SecurityEvent.Kind.SIGNED_IN)
    assert signed_in.person == person
    assert signed_in.detail.startswith("single sign-on (http://127.0.0.1:")
    granted = _last_event(SecurityEvent.Kind.ROLE_GRANTED)
    assert granted.detail == "Team member on Ward A, given by Single sign-on role mapping"
    entry = AuditEntry.objects.filter(object_type="access.roleassignment").order_by("-sequence").first()
    assert entry is not None
    assert entry.actor_id is None
    assert entry.actor_name == "Single sign-on role mapping"
    assert json.loads(entry.changes_json)["via"] == [
        None,
        "single sign-on role mapping: groups = ward-a-nurses",
    ]


def test_a_person_is_found_by_e_mail_once_and_by_their_subject_after(
    client: Any, trust: Any, sso: Path
) -> None:
    mo = trust.people["mo_member"]
    mo.email = "bob@example.nhs.uk"
    mo.save(update_fields=["email"])

    sign_in_at_provider(client, "bob")
    identity = Identity.objects.get(person=mo)
    # The provider now says another address: the person is still found, by issuer and subject.
    User.objects.filter(pk=mo.pk).update(email="changed@example.nhs.uk")
    client.logout()
    sign_in_at_provider(client, "bob")

    assert Identity.objects.get(pk=identity.pk).person == mo
    assert User.objects.get(pk=mo.pk).email == "bob@example.nhs.uk"  # kept in step with the provider
    assert User.objects.filter(email="bob@example.nhs.uk").count() == 1


def test_roles_follow_the_groups_at_each_sign_in_and_roles_given_by_hand_stay(
    client: Any, trust: Any, sso: Path
) -> None:
    mo = trust.people["mo_member"]  # a team member on Ward A, given by hand
    mo.email = "bob@example.nhs.uk"
    mo.save(update_fields=["email"])

    sign_in_at_provider(client, "bob")

    # Ward A's team member role was already held by hand: the mapping added only the leader role.
    assert _roles(mo) == {("WA", Role.TEAM_MEMBER), ("ELD", Role.TEAM_LEADER)}
    mapped = MappedRole.objects.get(assignment__person=mo)
    assert (mapped.assignment.unit.code, mapped.rule) == ("ELD", "groups = elderly-care-leads")
    # As if that sign-in were a week ago, then the mapping stops giving the leader role.
    week_ago = timezone.localdate() - dt.timedelta(days=7)
    RoleAssignment.objects.filter(pk=mapped.assignment_id).update(starts_on=week_ago)
    sso.write_text(json.dumps({"rules": [MAPPING["rules"][0]]}))
    client.logout()
    sign_in_at_provider(client, "bob")

    assert _roles(mo) == {("WA", Role.TEAM_MEMBER)}
    ended = RoleAssignment.objects.get(pk=mapped.assignment_id)
    assert ended.ends_on == timezone.localdate() - dt.timedelta(days=1)
    hand_given = RoleAssignment.objects.get(person=mo, unit=trust.ward_a)
    assert hand_given.ends_on is None
    entry = AuditEntry.objects.filter(object_id=str(ended.pk), action=AuditEntry.Action.UPDATE).get()
    assert entry.actor_name == "Single sign-on role mapping"
    assert "no longer applies" in json.loads(entry.changes_json)["via"][1]
    assert _last_event(SecurityEvent.Kind.ROLE_ENDED).detail.endswith("ended by Single sign-on role mapping")


def test_the_mapping_never_ends_a_role_given_by_hand(client: Any, trust: Any, sso: Path) -> None:
    sso.write_text(json.dumps({"rules": []}))
    mo = trust.people["mo_member"]
    mo.email = "alice@example.nhs.uk"
    mo.save(update_fields=["email"])

    sign_in_at_provider(client, "alice")

    assert _is_signed_in(client)
    assert _roles(mo) == {("WA", Role.TEAM_MEMBER)}


def test_switching_the_account_off_ends_a_single_sign_on_session(client: Any, trust: Any, sso: Path) -> None:
    sign_in_at_provider(client, "alice")
    assert _is_signed_in(client)

    User.objects.filter(email="alice@example.nhs.uk").update(is_active=False)

    assert not _is_signed_in(client)


def test_a_token_from_another_issuer_is_refused(client: Any, trust: Any, sso: Path) -> None:
    journey = sign_in_at_provider(client, "stranger")

    assert journey.answer.status_code == 302
    assert journey.answer["Location"] == "/sign-in/"
    page = client.get("/sign-in/").content.decode()
    assert "an identity provider that OpenQMS does not trust" in page
    event = _last_event(SecurityEvent.Kind.SIGN_IN_FAILED)
    assert event.detail.startswith("single sign-on: refused issuer 'http://127.0.0.1:")
    assert "-elsewhere'" in event.detail
    assert not User.objects.filter(email="stranger@example.nhs.uk").exists()
    assert not _is_signed_in(client)


def test_a_provider_whose_discovery_names_another_issuer_is_refused(
    client: Any, trust: Any, sso: Path, settings: Any
) -> None:
    # Exactly the issuer: the same address with a trailing slash is another issuer.
    settings.OPENQMS_OIDC_ISSUER = settings.OPENQMS_OIDC_ISSUER + "/"

    answer = client.get("/sign-in/single-sign-on/start/")

    assert answer["Location"] == "/sign-in/"
    assert "not the configured issuer" in _last_event(SecurityEvent.Kind.SIGN_IN_FAILED).detail


def test_a_tampered_token_is_refused(client: Any, trust: Any, sso: Path) -> None:
    journey = sign_in_at_provider(client, "tampered")

    assert journey.answer["Location"] == "/sign-in/"
    assert _last_event(SecurityEvent.Kind.SIGN_IN_FAILED).detail == (
        "single sign-on: the ID token's signature does not verify"
    )
    assert not User.objects.filter(email="tampered@example.nhs.uk").exists()
    assert not _is_signed_in(client)


def test_an_expired_token_is_refused(client: Any, trust: Any, sso: Path) -> None:
    journey = sign_in_at_provider(client, "expired")

    assert journey.answer["Location"] == "/sign-in/"
    assert "has expired" in client.get("/sign-in/").content.decode()
    assert _last_event(SecurityEvent.Kind.SIGN_IN_FAILED).detail == "single sign-on: the ID token has expired"
    assert not _is_signed_in(client)


def test_an_answer_replayed_after_use_is_refused(client: Any, trust: Any, sso: Path) -> None:
    journey = sign_in_at_provider(client, "alice")
    callback = journey.answer.request["PATH_INFO"] + "?" + journey.answer.request["QUERY_STRING"]
    client.logout()

    again = client.get(callback)

    assert again["Location"] == "/sign-in/"
    assert "unknown state" in _last_event(SecurityEvent.Kind.SIGN_IN_FAILED).detail


def test_a_person_the_mapping_gives_no_role_is_not_created(client: Any, trust: Any, sso: Path) -> None:
    journey = sign_in_at_provider(client, "carol")

    assert journey.answer["Location"] == "/sign-in/"
    assert not User.objects.filter(email="carol@example.nhs.uk").exists()
    assert "gives no role" in _last_event(SecurityEvent.Kind.SIGN_IN_FAILED).detail


def test_signing_out_ends_the_providers_session_too(
    client: Any, trust: Any, sso: Path, settings: Any
) -> None:
    journey = sign_in_at_provider(client, "alice")

    answer = client.post("/sign-out/")

    assert not _is_signed_in(client)
    assert answer.status_code == 302
    assert answer["Location"].startswith(settings.OPENQMS_OIDC_ISSUER + "/logout/?id_token_hint=")
    back = journey.browser.get(answer["Location"], allow_redirects=False, timeout=10)
    assert back.status_code == 302
    assert back.headers["Location"] == "http://testserver/sign-in/"
    # Signed out at the provider as well: the next sign-in asks for the password again.
    start = client.get("/sign-in/single-sign-on/start/")
    assert "/accounts/login/" in journey.browser.get(start["Location"], timeout=10).url
