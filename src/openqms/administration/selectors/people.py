"""Reads for administering people, always through the access policy's ADMINISTER right.

A person has no unit of their own, so "may this administrator see this person" is answered through
the roles the person holds on units the administrator administers.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.audit.models import AuditEntry
from openqms.people.models import User

ADMINISTER = policy.Permission.ADMINISTER


def _visible_assignments(user: Any) -> QuerySet[RoleAssignment]:
    return policy.visible(user, ADMINISTER, RoleAssignment.objects.all())


def people_in_scope(user: Any, search: str = "") -> QuerySet[User]:
    """Everyone who holds or held a role on a unit the person administers."""
    people = User.objects.filter(pk__in=_visible_assignments(user).values("person_id"))
    search = search.strip()
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(username__icontains=search))
    return people.order_by("full_name", "username")


def person_or_404(user: Any, pk: Any) -> User:
    try:
        return people_in_scope(user).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found") from exc


def roles_of(user: Any, person: User) -> QuerySet[RoleAssignment]:
    """The person's roles on units the administrator administers (others stay out of sight)."""
    return (
        _visible_assignments(user)
        .filter(person=person)
        .select_related("unit", "unit__organisation")
        .order_by("ends_on", "unit__path", "role")
    )


def roles_elsewhere_count(user: Any, person: User) -> int:
    return person.role_assignments.exclude(pk__in=_visible_assignments(user).values("pk")).count()


def may_manage_person(user: Any, person: User) -> bool:
    """May this administrator change the person's details or password?

    Only when every role the person holds lies within what the administrator administers, and
    the person is not an installation superuser: otherwise the administrator of one ward could take
    over the account of someone who administers the whole board, or another organisation.
    """
    if person.is_superuser and not getattr(user, "is_superuser", False):
        return False
    return roles_elsewhere_count(user, person) == 0


def managed_person_or_404(user: Any, pk: Any) -> User:
    person = person_or_404(user, pk)
    if not may_manage_person(user, person):
        raise Http404("Not found")
    return person


def person_history(user: Any, person: User) -> QuerySet[AuditEntry]:
    """Changes to the person and to their roles on units the administrator administers."""
    role_ids = [str(pk) for pk in roles_of(user, person).values_list("pk", flat=True)]
    return AuditEntry.objects.filter(
        Q(object_type=person._meta.label_lower, object_id=str(person.pk))
        | Q(object_type=RoleAssignment._meta.label_lower, object_id__in=role_ids)
    ).order_by("-sequence")
