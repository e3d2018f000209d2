from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from openqms.access import policy, services
from openqms.access.models import RoleAssignment
from openqms.access.policy import Permission
from openqms.organisations import services as organisations
from openqms.organisations.models import Unit

UNIT_NAMES = [
    "board",
    "medicine",
    "elderly_care",
    "ward_a",
    "ward_b",
    "surgery",
    "theatres",
    "other_board",
    "other_team",
]

# persona → units (by Trust attribute) on which each action is allowed. Everything else is denied.
MEDICINE_DOWN = {"medicine", "elderly_care", "ward_a", "ward_b"}
NORTHSHIRE = {"board", "medicine", "elderly_care", "ward_a", "ward_b", "surgery", "theatres"}
EXPECTED: dict[str, dict[Permission, set[str]]] = {
    "sam_senior": {a: NORTHSHIRE for a in Permission if a != Permission.ADMINISTER}
    | {Permission.ADMINISTER: set()},
    "dana_division": {a: MEDICINE_DOWN for a in Permission if a != Permission.ADMINISTER}
    | {Permission.ADMINISTER: set()},
    "tess_team_leader": {a: {"ward_a"} for a in Permission if a != Permission.ADMINISTER}
    | {Permission.ADMINISTER: set(), Permission.PROPOSE: set()},
    "colin_clinician": {a: {"elderly_care", "ward_a", "ward_b"} for a in Permission}
    | {Permission.LEAD: set(), Permission.ADMINISTER: set(), Permission.ASSESS: set()},
    "mo_member": {a: {"ward_a"} for a in Permission}
    | {
        Permission.LEAD: set(),
        Permission.ADMINISTER: set(),
        Permission.PROPOSE: set(),
        Permission.ASSESS: set(),
    },
    # Service users give feedback and raise needs on their own unit (docs/needs.md).
    "sue_service_user": {a: set() for a in Permission}
    | {Permission.VIEW_UNIT: {"ward_a"}, Permission.RAISE: {"ward_a"}},
    "ada_admin": {a: set() for a in Permission}
    | {
        Permission.VIEW_UNIT: NORTHSHIRE,
        Permission.VIEW_PEOPLE: NORTHSHIRE,
        Permission.ADMINISTER: NORTHSHIRE,
    },
    "otto_other_admin": {a: set() for a in Permission}
    | {
        a: {"other_board", "other_team"}
        for a in (Permission.VIEW_UNIT, Permission.VIEW_PEOPLE, Permission.ADMINISTER)
    },
    "nora_no_role": {a: set() for a in Permission},
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_role_reaches_exactly_its_subtree_for_each_action(trust, persona):
    user = trust.people[persona]
    for action in Permission:
        allowed = {name for name in UNIT_NAMES if policy.can(user, action, getattr(trust, name))}
        assert allowed == EXPECTED[persona][action], f"{persona} {action}"


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_the_queryset_form_agrees_with_the_single_object_form(trust, persona):
    user = trust.people[persona]
    for action in Permission:
        listed = set(policy.units_where(user, action).values_list("pk", flat=True))
        one_by_one = {u.pk for u in Unit.objects.all() if policy.can(user, action, u)}
        assert listed == one_by_one, f"{persona} {action}"


@dataclass
class SharedThing:
    """Stands in for quality data that its owners may share with service users."""

    unit: Unit
    shared_with_service_users: bool


def test_service_users_see_only_what_is_shared_with_them(trust):
    sue = trust.people["sue_service_user"]
    assert policy.can(sue, Permission.VIEW, SharedThing(trust.ward_a, True))
    assert not policy.can(sue, Permission.VIEW, SharedThing(trust.ward_a, False))
    assert not policy.can(sue, Permission.VIEW, SharedThing(trust.ward_b, True))
    assert not policy.can(sue, Permission.CONTRIBUTE, SharedThing(trust.ward_a, True))


def test_staff_see_unshared_quality_data_in_their_subtree(trust):
    assert policy.can(trust.people["mo_member"], Permission.VIEW, SharedThing(trust.ward_a, False))
    assert not policy.can(trust.people["mo_member"], Permission.VIEW, SharedThing(trust.ward_b, False))


def test_objects_without_a_unit_are_denied(trust):
    assert not policy.can(trust.people["sam_senior"], Permission.VIEW, object())


def test_anonymous_and_inactive_people_are_denied(trust):
    from django.contrib.auth.models import AnonymousUser

    assert not policy.can(AnonymousUser(), Permission.VIEW_UNIT, trust.ward_a)
    mo = trust.people["mo_member"]
    mo.is_active = False
    mo.save()
    policy.forget_grants(mo)
    assert not policy.can(mo, Permission.VIEW_UNIT, trust.ward_a)


def test_a_role_counts_only_between_its_start_and_end_dates(trust):
    nora = trust.people["nora_no_role"]
    today = timezone.localdate()
    services.grant_role(
        actor=None,
        person=nora,
        unit=trust.ward_b,
        role="team_member",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today - dt.timedelta(days=1),
    )
    services.grant_role(
        actor=None,
        person=nora,
        unit=trust.theatres,
        role="team_member",
        starts_on=today + dt.timedelta(days=1),
    )
    policy.forget_grants(nora)
    assert not policy.can(nora, Permission.VIEW, trust.ward_b)
    assert not policy.can(nora, Permission.VIEW, trust.theatres)
    services.grant_role(actor=None, person=nora, unit=trust.ward_b, role="team_member", starts_on=today)
    policy.forget_grants(nora)
    assert policy.can(nora, Permission.VIEW, trust.ward_b)


def test_roles_on_an_archived_unit_lapse(trust):
    organisations.archive_unit(actor=None, unit=trust.ward_a)
    mo = trust.people["mo_member"]
    policy.forget_grants(mo)
    assert not policy.can(mo, Permission.VIEW_UNIT, Unit.objects.get(pk=trust.ward_a.pk))


def test_moving_a_unit_moves_who_can_reach_it(trust):
    organisations.move_unit(actor=None, unit=trust.ward_b, new_parent=trust.surgery)
    dana = trust.people["dana_division"]
    assert not policy.can(dana, Permission.VIEW, Unit.objects.get(pk=trust.ward_b.pk))


def test_a_superuser_administers_every_organisation_but_has_no_clinical_powers(trust):
    root = trust.people["nora_no_role"]
    root.is_superuser = True
    root.save()
    policy.forget_grants(root)
    assert policy.can(root, Permission.ADMINISTER, trust.other_team)
    assert policy.can(root, Permission.ADMINISTER, trust.ward_a)
    assert not policy.can(root, Permission.VIEW, trust.ward_a)
    assert not policy.can(root, Permission.CONTRIBUTE, trust.ward_a)


def test_get_or_404_hides_out_of_scope_objects_as_if_missing(trust):
    mo = trust.people["mo_member"]
    assert (
        policy.get_or_404(mo, Permission.VIEW_UNIT, Unit.objects.all(), unit_field="", pk=trust.ward_a.pk)
        == trust.ward_a
    )
    with pytest.raises(Http404):
        policy.get_or_404(mo, Permission.VIEW_UNIT, Unit.objects.all(), unit_field="", pk=trust.ward_b.pk)
    with pytest.raises(Http404):
        policy.get_or_404(mo, Permission.VIEW_UNIT, Unit.objects.all(), unit_field="", pk=999999)
    with pytest.raises(Http404):
        policy.get_or_404(mo, Permission.VIEW_UNIT, Unit.objects.all(), unit_field="", pk="not-a-number")


def test_django_permission_checks_give_the_same_answers(trust):
    mo = trust.people["mo_member"]
    assert mo.has_perm("openqms.contribute", trust.ward_a)
    assert not mo.has_perm("openqms.contribute", trust.ward_b)
    assert not mo.has_perm("openqms.lead", trust.ward_a)


def test_the_same_role_cannot_be_given_twice_for_overlapping_dates(trust):
    with pytest.raises(ValidationError, match="already holds"):
        services.grant_role(
            actor=None,
            person=trust.people["mo_member"],
            unit=trust.ward_a,
            role="team_member",
            starts_on=dt.date(2025, 1, 1),
        )


def test_an_unknown_role_is_refused_by_name(trust):
    with pytest.raises(ValidationError, match="'matron' is not a role"):
        services.grant_role(actor=None, person=trust.people["nora_no_role"], unit=trust.ward_a, role="matron")


def test_ending_a_role_keeps_it_in_the_record(trust):
    assignment = RoleAssignment.objects.get(person=trust.people["mo_member"])
    services.end_role(actor=None, assignment=assignment, ends_on=timezone.localdate() - dt.timedelta(days=1))
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()
    mo = trust.people["mo_member"]
    policy.forget_grants(mo)
    assert not policy.can(mo, Permission.VIEW_UNIT, trust.ward_a)
