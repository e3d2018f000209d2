"""Signing on from verified claims: who is found, who is refused, and the roles that follow.

These call the service with claims as the backend hands them over after checking the token; the
checks of the token itself are tested against the real provider (test_sign_on.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from openqms.access.models import RoleAssignment
from openqms.people.models import User
from openqms.sso.mapping import parse
from openqms.sso.models import Identity, MappedRole
from openqms.sso.services import SignOnRefused, sign_on

pytestmark = pytest.mark.django_db
ISSUER = "https://login.example.nhs.uk/tenant/v2.0"
NURSES = parse(
    {
        "rules": [
            {"claim": "groups", "value": "nurses", "organisation": "NHT", "unit": "WA", "role": "team_member"}
        ]
    }
)


def _claims(**extra: Any) -> dict[str, Any]:
    return {
        "sub": "abc-123",
        "email": "new.nurse@example.nhs.uk",
        "name": "New Nurse",
        "groups": ["nurses"],
    } | extra


def test_an_unverified_e_mail_address_does_not_find_a_person(trust: Any) -> None:
    mo = trust.people["mo_member"]
    mo.email = "new.nurse@example.nhs.uk"
    mo.save(update_fields=["email"])

    result = sign_on(issuer=ISSUER, claims=_claims(email_verified=False), mapping=NURSES)

    assert result.created
    assert result.person != mo


def test_an_address_linked_to_another_subject_is_never_handed_over(trust: Any) -> None:
    mo = trust.people["mo_member"]
    mo.email = "new.nurse@example.nhs.uk"
    mo.save(update_fields=["email"])
    sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)

    with pytest.raises(SignOnRefused, match="linked to another subject"):
        sign_on(issuer=ISSUER, claims=_claims(sub="someone-else"), mapping=NURSES)
    assert Identity.objects.filter(person=mo).count() == 1


def test_two_people_with_the_address_are_refused_and_nothing_is_written(trust: Any) -> None:
    for username in ("mo_member", "tess_team_leader"):
        User.objects.filter(username=username).update(email="new.nurse@example.nhs.uk")
    people_before = User.objects.count()

    with pytest.raises(SignOnRefused, match="2\\+ people"):
        sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)
    assert User.objects.count() == people_before
    assert not Identity.objects.exists()


def test_a_switched_off_person_is_refused(trust: Any) -> None:
    sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)
    User.objects.filter(email="new.nurse@example.nhs.uk").update(is_active=False)

    with pytest.raises(SignOnRefused, match="switched off"):
        sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)


def test_groups_sent_by_reference_refuse_rather_than_end_every_role(trust: Any) -> None:
    result = sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)
    overage = _claims(_claim_names={"groups": "src1"}, _claim_sources={"src1": {"endpoint": "https://graph"}})
    del overage["groups"]

    with pytest.raises(SignOnRefused, match="by reference"):
        sign_on(issuer=ISSUER, claims=overage, mapping=NURSES)
    assert RoleAssignment.objects.current().filter(person=result.person).count() == 1


def test_creating_people_can_be_switched_off(trust: Any, settings: Any) -> None:
    settings.OPENQMS_OIDC_CREATE_PEOPLE = False

    with pytest.raises(SignOnRefused, match="creating people is switched off"):
        sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)


def test_a_role_given_and_taken_away_on_one_day_ends_that_day(trust: Any) -> None:
    result = sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES)

    again = sign_on(issuer=ISSUER, claims=_claims(groups=[]), mapping=NURSES)

    assert again.ended == ["Team member on Ward A"]
    assignment = MappedRole.objects.get(assignment__person=result.person).assignment
    assert assignment.ends_on == assignment.starts_on
    # Not ended again at the next sign-in of the day, and not given again while it lasts.
    assert sign_on(issuer=ISSUER, claims=_claims(groups=[]), mapping=NURSES).ended == []
    assert sign_on(issuer=ISSUER, claims=_claims(), mapping=NURSES).granted == []


def test_a_rule_naming_a_unit_that_is_gone_gives_nothing(trust: Any) -> None:
    mapping = parse(
        {
            "rules": [
                {
                    "claim": "groups",
                    "value": "nurses",
                    "organisation": "NHT",
                    "unit": "GONE",
                    "role": "clinician",
                }
            ]
        }
    )
    mo = trust.people["mo_member"]
    Identity.objects.create(person=mo, issuer=ISSUER, subject="abc-123")

    result = sign_on(issuer=ISSUER, claims=_claims(), mapping=mapping)

    assert (result.person, result.granted) == (mo, [])
