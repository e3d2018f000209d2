"""Signing a person on from the claims of a verified ID token (ADR 32).

`sign_on` finds the person (by issuer and subject, then once by e-mail address), creates them on
their first sign-in when the mapping gives them a role, and brings the roles the mapping gave in
line with what it gives now. Everything happens in one transaction: a refusal part-way leaves
nothing half-written. Roles are given and ended through openqms.access, whose audit entries and
security-log rows name the mapping (`MAPPING`) as who acted and carry the rule that applied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import services as access
from openqms.access.models import RoleAssignment
from openqms.audit.services import attributed_via
from openqms.organisations.models import Unit
from openqms.people import services as people
from openqms.people.models import User
from openqms.sso.mapping import RoleMapping
from openqms.sso.models import Identity, MappedRole


class SignOnRefused(Exception):
    """A sign-in that must not go ahead. `message` is for the person, `detail` for the security log."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(detail)
        self.message, self.detail = message, detail


@dataclass(frozen=True)
class ProcessActor:
    """Who acted when no person did: the trail's actor name is this name, with no person's id."""

    name: str
    pk: None = None

    def get_full_name(self) -> str:
        return self.name

    def get_username(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


SIGN_ON = ProcessActor("Single sign-on")
MAPPING = ProcessActor("Single sign-on role mapping")


@dataclass
class SignOn:
    person: User
    created: bool = False
    granted: list[str] = field(default_factory=list)
    ended: list[str] = field(default_factory=list)


def _full_name(claims: Mapping[str, Any]) -> str:
    name = str(claims.get("name") or "").strip()
    if not name:
        name = " ".join(str(claims.get(k) or "").strip() for k in ("given_name", "family_name")).strip()
    return (name or str(claims.get("email") or "") or "Unnamed person")[:150]


def _new_username(issuer: str, subject: str, claims: Mapping[str, Any]) -> str:
    wanted = str(claims.get("preferred_username") or claims.get("email") or "").strip()[:150]
    try:
        UnicodeUsernameValidator()(wanted)
    except ValidationError:
        wanted = ""
    if wanted and not User.objects.filter(username__iexact=wanted).exists():
        return wanted
    # The provider's subject is opaque and may be long: a short hash of it is stable and unique enough.
    return "sso-" + hashlib.sha256(f"{issuer} {subject}".encode()).hexdigest()[:16]


def _email(claims: Mapping[str, Any]) -> str:
    email = claims.get("email")
    return email.strip()[:254] if isinstance(email, str) else ""


def _find_or_create(issuer: str, subject: str, claims: Mapping[str, Any], gives_roles: bool) -> SignOn:
    identity = Identity.objects.select_related("person").filter(issuer=issuer, subject=subject).first()
    if identity is not None:
        return SignOn(identity.person)
    email = _email(claims)
    # A provider that says an address is unverified cannot be taken at its word about it.
    if email and claims.get("email_verified") is not False and settings.OPENQMS_OIDC_MATCH_EMAIL:
        found = list(User.objects.filter(email__iexact=email)[:2])
        if len(found) > 1:
            raise SignOnRefused(
                "More than one person in OpenQMS has your e-mail address, so your account could not be "
                "chosen. Ask your administrator to correct it.",
                f"single sign-on: {len(found)}+ people have the e-mail address {email}",
            )
        if found:
            person = found[0]
            if Identity.objects.filter(issuer=issuer, person=person).exists():
                # Someone else at the provider now has this address: never hand them this account.
                raise SignOnRefused(
                    "Your e-mail address belongs to an OpenQMS account that signs in with another "
                    "account at your identity provider. Ask your administrator.",
                    f"single sign-on: {email} is linked to another subject than {subject}",
                )
            Identity.objects.create(person=person, issuer=issuer, subject=subject)
            return SignOn(person)
    if not settings.OPENQMS_OIDC_CREATE_PEOPLE:
        raise SignOnRefused(
            "You do not have an OpenQMS account yet. Ask your administrator to add you.",
            "single sign-on: no one matches and creating people is switched off",
        )
    if not gives_roles:
        # A person with no role would be invisible to every administrator, so nobody could fix them.
        raise SignOnRefused(
            "Your account at your identity provider gives you no role in OpenQMS. Ask your "
            "administrator for access.",
            "single sign-on: not created, since the role mapping gives no role",
        )
    person = people.create_person(
        actor=SIGN_ON,
        username=_new_username(issuer, subject, claims),
        full_name=_full_name(claims),
        email=email,
    )
    Identity.objects.create(person=person, issuer=issuer, subject=subject)
    return SignOn(person, created=True)


def _keep_details_current(person: User, claims: Mapping[str, Any]) -> None:
    """The provider is the source of a person's name and address: follow it when it changes."""
    full_name = _full_name(claims) if claims.get("name") or claims.get("family_name") else person.full_name
    email = _email(claims) or person.email
    if (full_name, email) != (person.full_name, person.email):
        people.update_person(
            actor=SIGN_ON,
            person=person,
            full_name=full_name,
            email=email,
            job_title=person.job_title,
            is_active=person.is_active,
        )


Wanted = dict[tuple[int, str], str]  # (unit id, role) → the rule that gives it


def _wanted(mapping: RoleMapping, claims: Mapping[str, Any]) -> tuple[Wanted, dict[int, Unit]]:
    """The roles the mapping gives now, on units that exist and are not archived (a rule naming a
    unit that is gone gives nothing, rather than refusing everyone's sign-in)."""
    wanted: Wanted = {}
    units: dict[int, Unit] = {}
    for (organisation, code, role), rule in mapping.roles_for(claims).items():
        unit = Unit.objects.filter(
            organisation__code=organisation, code=code, archived_at__isnull=True
        ).first()
        if unit is not None:
            units[unit.pk] = unit
            wanted.setdefault((unit.pk, role), rule)
    return wanted, units


def _reconcile_roles(result: SignOn, wanted: Wanted, units: dict[int, Unit]) -> None:
    person, today = result.person, timezone.localdate()
    # Roles the mapping gave earlier and nobody has ended since: the only ones it may end.
    open_mapped = MappedRole.objects.filter(
        assignment__person=person, assignment__ends_on__isnull=True
    ).select_related("assignment__unit", "assignment__person")
    held = set()
    for mapped in open_mapped:
        assignment = mapped.assignment
        key = (assignment.unit_id, assignment.role)
        if key in wanted:
            held.add(key)
            continue
        # Ended yesterday where it can be, so the role goes now; one given today ends today (a role
        # always lasts at least the day it starts, as one ended by hand does).
        ends_on = max(assignment.starts_on, today - dt.timedelta(days=1))
        with attributed_via(f"single sign-on role mapping: {mapped.rule} no longer applies"):
            access.end_role(actor=MAPPING, assignment=assignment, ends_on=ends_on)
        result.ended.append(str(assignment))
    for (unit_pk, role), rule in sorted(wanted.items()):
        if (unit_pk, role) in held:
            continue
        unit = units[unit_pk]
        if (
            RoleAssignment.objects.filter(person=person, unit=unit, role=role)
            .exclude(ends_on__lt=today)
            .exists()
        ):
            # Held already, by hand (or ending on a day someone chose): the mapping leaves it alone.
            continue
        with attributed_via(f"single sign-on role mapping: {rule}"):
            assignment = access.grant_role(
                actor=MAPPING, person=person, unit=unit, role=role, starts_on=today
            )
        MappedRole.objects.create(assignment=assignment, rule=rule[:300])
        result.granted.append(str(assignment))


@transaction.atomic
def sign_on(*, issuer: str, claims: Mapping[str, Any], mapping: RoleMapping) -> SignOn:
    """The person these verified claims name, with the roles the mapping gives them now."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignOnRefused("Your identity provider did not say who you are.", "single sign-on: no subject")
    for claim in mapping.claims:
        names = claims.get("_claim_names")
        if isinstance(names, dict) and claim in names:
            # Entra ID leaves out the groups of a person in too many and points elsewhere: read as
            # "in no group", it would end all their roles.
            raise SignOnRefused(
                "Your identity provider left out the groups OpenQMS needs. Ask your administrator.",
                f"single sign-on: the provider sent '{claim}' by reference (too many groups)",
            )
    wanted, units = _wanted(mapping, claims)
    result = _find_or_create(issuer, subject, claims, gives_roles=bool(wanted))
    if not result.person.is_active:
        raise SignOnRefused(
            "This account has been switched off. Ask your administrator.",
            "single sign-on: the account is switched off",
        )
    if not result.created:
        _keep_details_current(result.person, claims)
    _reconcile_roles(result, wanted, units)
    Identity.objects.filter(issuer=issuer, subject=subject).update(last_signed_in_at=timezone.now())
    return result
