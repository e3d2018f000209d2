"""The one authorization policy of OpenQMS.

"May this person do this action on this object?" is answered here and nowhere else, through the
object's unit and the person's current roles: a role on a unit reaches the unit's whole sub-tree.
Everything not granted is denied. `can` answers for one object; `visible` is the same rule as a
queryset filter, for lists; `get_or_404` fetches one object for a view and answers 404 (never 403)
when it is missing or out of scope, so a person cannot learn that something exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404
from rules.permissions import add_perm
from rules.predicates import Predicate

from openqms.access.models import Role, RoleAssignment
from openqms.organisations.models import Organisation, Unit


class Permission(StrEnum):
    VIEW_UNIT = "view_unit"  # see that a unit exists: its name, kind and place in the tree
    VIEW_PEOPLE = "view_people"  # see who holds which role on a unit
    VIEW = "view"  # see quality data (measures, audits, projects, plans); service users: shared items only
    CONTRIBUTE = "contribute"  # add and change quality data: data entry, huddles, PDSA cycles, audits
    FEEDBACK = "feedback"  # say what you think of quality work; service users: of items shared with them
    RAISE = "raise"  # give feedback on a service and raise a need: service users on their own units too
    PROPOSE = "propose"  # propose service models: consultants and senior clinicians, and senior leaders
    LEAD = "lead"  # approve, sign off, assign owners, close actions and escalations
    ADMINISTER = "administer"  # manage the tree, people and roles; no clinical powers
    # Run a unit's QMS maturity self-assessment and rate its statements: the unit's leaders, who are
    # answerable for the balance of its quality management. Everyone with VIEW reads the results.
    ASSESS = "assess"


STAFF = frozenset({Role.SENIOR_LEADER, Role.TEAM_LEADER, Role.CLINICIAN, Role.TEAM_MEMBER})

GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_UNIT: STAFF | {Role.ADMINISTRATOR, Role.SERVICE_USER},
    Permission.VIEW_PEOPLE: STAFF | {Role.ADMINISTRATOR},
    Permission.VIEW: STAFF,
    Permission.CONTRIBUTE: STAFF,
    Permission.FEEDBACK: STAFF,
    # Planning (docs/needs.md): service users say what a service is like and what is needed, and
    # follow what they raised; consultants propose the service model that meets the need.
    Permission.RAISE: STAFF | {Role.SERVICE_USER},
    Permission.PROPOSE: frozenset({Role.CLINICIAN, Role.SENIOR_LEADER}),
    Permission.LEAD: frozenset({Role.SENIOR_LEADER, Role.TEAM_LEADER}),
    Permission.ADMINISTER: frozenset({Role.ADMINISTRATOR}),
    Permission.ASSESS: frozenset({Role.SENIOR_LEADER, Role.TEAM_LEADER}),
}

# What service users may do with an item shared with them: see it, and say what they think of it.
SHARED_ACTIONS = frozenset({Permission.VIEW, Permission.FEEDBACK})

# The one thing service users are given beyond the units they belong to: quality data that its
# owners have explicitly shared with service users (a model field of this name).
SHARED_FIELD = "shared_with_service_users"
# Or shared with named people: a model may name, in a class attribute of this name, the lookup from
# itself to the people it is shared with (an improvement project's team: "members__person"). A
# service user whose role reaches the object's unit and who is one of those people may view it.
MEMBERS_ATTRIBUTE = "SHARED_WITH_MEMBERS"


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int
    path: str


@dataclass(frozen=True)
class Narrowing:
    """What a request may use of a person's roles: those reaching one unit's sub-tree, for a few
    permissions only. An API token carries one (openqms.api); a page request carries none."""

    unit_id: int
    path: str
    permissions: frozenset[Permission]


NARROWING_ATTRIBUTE = "_openqms_narrowing"


def narrow(user: Any, *, unit: Unit, permissions: frozenset[Permission]) -> None:
    """From now on, answer for this user object as if the person held their roles only within
    `unit`'s sub-tree and had only `permissions`: never more than the roles give."""
    setattr(user, NARROWING_ATTRIBUTE, Narrowing(unit.pk, unit.path, frozenset(permissions)))
    forget_grants(user)


def _narrowed(grants: list[Grant], narrowing: Narrowing) -> list[Grant]:
    kept = []
    for grant in grants:
        if grant.path.startswith(narrowing.path):
            kept.append(grant)  # held inside the sub-tree: unchanged
        elif narrowing.path.startswith(grant.path):
            kept.append(Grant(grant.role, narrowing.unit_id, narrowing.path))  # held above: cut down
    return kept


def _permitted(user: Any, action: Permission) -> bool:
    narrowing: Narrowing | None = getattr(user, NARROWING_ATTRIBUTE, None)
    return narrowing is None or action in narrowing.permissions


def grants_of(user: Any) -> tuple[Grant, ...]:
    """The person's roles in force today, fetched once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    cached: tuple[Grant, ...] | None = getattr(user, "_openqms_grants", None)
    if cached is None:
        rows = (
            RoleAssignment.objects.current().filter(person=user).values_list("role", "unit_id", "unit__path")
        )
        found = [Grant(role, unit_id, path) for role, unit_id, path in rows]
        if user.is_superuser:
            # An installation's superuser administers every organisation, with no clinical powers.
            roots = Unit.objects.filter(parent__isnull=True).values_list("pk", "path")
            found += [Grant(Role.ADMINISTRATOR, pk, path) for pk, path in roots]
        narrowing: Narrowing | None = getattr(user, NARROWING_ATTRIBUTE, None)
        if narrowing is not None:
            found = _narrowed(found, narrowing)
        cached = tuple(found)
        user._openqms_grants = cached
    return cached


def forget_grants(user: Any) -> None:
    """Call after changing a person's roles within the same request (a narrowing stays)."""
    if hasattr(user, "_openqms_grants"):
        del user._openqms_grants


def unit_of(obj: Any) -> Unit | None:
    if isinstance(obj, Unit):
        return obj
    if isinstance(obj, Organisation):
        return obj.units.filter(parent__isnull=True).first()
    unit = getattr(obj, "unit", None)
    return unit if isinstance(unit, Unit) else None


def _is_shared(obj: Any, user: Any = None) -> bool:
    if getattr(obj, SHARED_FIELD, False):
        return True
    members = getattr(type(obj), MEMBERS_ATTRIBUTE, None)
    if members and user is not None and isinstance(obj, models.Model) and obj.pk is not None:
        return type(obj)._default_manager.filter(pk=obj.pk, **{members: user}).exists()
    return False


def can(user: Any, action: Permission | str, obj: Any) -> bool:
    """May this person do this action on this object? Default deny."""
    action = Permission(action)
    unit = unit_of(obj)
    if unit is None or not _permitted(user, action):
        return False
    allowed = GRANTS[action]
    for grant in grants_of(user):
        if not unit.path.startswith(grant.path):
            continue
        if grant.role in allowed:
            return True
        if grant.role == Role.SERVICE_USER and action in SHARED_ACTIONS and _is_shared(obj, user):
            return True
    return False


M = TypeVar("M", bound=models.Model)


def visible(
    user: Any, action: Permission | str, queryset: models.QuerySet[M], unit_field: str = "unit"
) -> models.QuerySet[M]:
    """The queryset form of `can`: only the objects this person may do the action on.

    `unit_field` is the path from the model to its Unit ("" when the model is Unit itself).
    """
    action = Permission(action)
    if not _permitted(user, action):
        return queryset.none()
    prefix = f"{unit_field}__" if unit_field else ""
    has_shared_field = any(f.name == SHARED_FIELD for f in queryset.model._meta.get_fields())
    members = getattr(queryset.model, MEMBERS_ATTRIBUTE, None)
    condition = Q()
    granted = False
    for grant in grants_of(user):
        within = Q(**{f"{prefix}path__startswith": grant.path})
        if grant.role in GRANTS[action]:
            condition |= within
            granted = True
        elif grant.role == Role.SERVICE_USER and action in SHARED_ACTIONS and has_shared_field:
            condition |= within & Q(**{SHARED_FIELD: True})
            granted = True
        elif grant.role == Role.SERVICE_USER and action in SHARED_ACTIONS and members:
            shared_with_them = queryset.model._default_manager.filter(**{members: user}).values("pk")
            condition |= within & Q(pk__in=shared_with_them)
            granted = True
    if not granted:
        return queryset.none()
    return queryset.filter(condition)


def get_or_404(
    user: Any, action: Permission | str, queryset: models.QuerySet[M], unit_field: str = "unit", **lookup: Any
) -> M:
    """One object for a view: 404 when it does not exist and when it is out of the person's scope."""
    try:
        obj = queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found") from exc
    if not can(user, action, obj):
        raise Http404("Not found")
    return obj


def units_where(user: Any, action: Permission | str) -> models.QuerySet[Unit]:
    """Every unit on which the person may do the action."""
    return visible(user, action, Unit.objects.all(), unit_field="")


def tier_above(unit: Unit) -> Unit:
    """The unit whose leaders approve this unit's work (a quality plan): its parent, or itself at
    the top of the tree, where there is no tier above."""
    return unit.parent if unit.parent_id and unit.parent is not None else unit


def can_on_tier_above(user: Any, action: Permission | str, obj: Any) -> bool:
    """`can`, asked of the tier above the object's unit: a role held only on the unit itself (a
    ward's team leader on their own plan) does not reach it."""
    unit = unit_of(obj)
    return unit is not None and can(user, action, tier_above(unit))


def can_at_top(user: Any, action: Permission | str, obj: Any) -> bool:
    """`can`, asked of the top unit of the object's organisation (signing off a plan)."""
    unit = unit_of(obj)
    if unit is None:
        return False
    top = Unit.objects.filter(organisation_id=unit.organisation_id, parent__isnull=True).first()
    return top is not None and can(user, action, top)


def roles_on(user: Any, unit: Unit) -> set[str]:
    """The roles that reach this unit for this person (held on it or on an ancestor)."""
    return {g.role for g in grants_of(user) if unit.path.startswith(g.path)}


# Reports (openqms.reporting). A unit's report is read by everyone who may see the unit's quality
# data (staff whose role reaches it; not service users, since a report gathers unshared items), and
# owned by its leaders: they start it, set its cover, ask for and approve commentary, publish it
# and schedule its distribution. Commentary is written by the person asked for it, while their role
# still lets them contribute to the unit, or by an owner.
def may_read_report(user: Any, unit: Unit) -> bool:
    return can(user, Permission.VIEW, unit)


def may_own_report(user: Any, unit: Unit) -> bool:
    return can(user, Permission.LEAD, unit)


def may_write_commentary(user: Any, unit: Unit, requested_of_id: int | None) -> bool:
    if may_own_report(user, unit):
        return True
    return (
        requested_of_id is not None
        and requested_of_id == getattr(user, "pk", None)
        and can(user, Permission.CONTRIBUTE, unit)
    )


@dataclass
class SystemReader:
    """Reads as a senior leader on the top unit of a unit's organisation, for commands that act
    as the system (writing a report from the command line); it is no person and is never saved."""

    grants: tuple[Grant, ...]
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False
    pk: None = None

    def __post_init__(self) -> None:
        self._openqms_grants = self.grants

    def get_full_name(self) -> str:
        return "OpenQMS"


def system_reader(unit: Unit) -> SystemReader:
    top = unit.path.split("/", 1)[0] + "/"
    return SystemReader((Grant(Role.SENIOR_LEADER, int(top.rstrip("/")), top),))


# The same rules, registered with django-rules, so that `user.has_perm("openqms.view", obj)` and
# templates asking through Django's permission API get the same answers as `can`.
def _predicate_for(action: Permission) -> Predicate:
    def allowed(user: Any, obj: Any) -> bool:
        return can(user, action, obj)

    return Predicate(allowed, name=f"can_{action.value}")


for _action in Permission:
    add_perm(f"openqms.{_action.value}", _predicate_for(_action))  # type: ignore[no-untyped-call]
