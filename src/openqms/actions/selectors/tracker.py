"""Reads of actions, scoped through the access policy: everyone whose role reaches an action's unit
(from the unit itself or any tier above) sees it, overdue or not."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from openqms.access import policy
from openqms.actions.models import OPEN_STATUSES, Action
from openqms.links import registry as links
from openqms.organisations.models import Unit
from openqms.people.models import User


def _open() -> Q:
    return Q(status__in=OPEN_STATUSES)


def _overdue() -> Q:
    return _open() & Q(due_on__lt=timezone.localdate())


def visible(user: Any, action: policy.Permission = policy.Permission.VIEW) -> QuerySet[Action]:
    return policy.visible(user, action, Action.objects.select_related("unit", "owner"))


def in_subtree(user: Any, unit: Unit) -> QuerySet[Action]:
    return visible(user).filter(unit__path__startswith=unit.path)


def overdue_in_subtree(user: Any, unit: Unit) -> QuerySet[Action]:
    return in_subtree(user, unit).filter(_overdue()).order_by("due_on")


def mine(user: Any) -> QuerySet[Action]:
    """Open actions the person owns."""
    return visible(user).filter(_open(), owner=user).order_by("due_on")


def overdue_below_me(user: Any) -> QuerySet[Action]:
    """Overdue actions on the units the person leads and everything below them."""
    return policy.visible(
        user, policy.Permission.LEAD, Action.objects.select_related("unit", "owner")
    ).filter(_overdue())


def source_link(user: User, action: Action) -> links.Link | None:
    """The page of what raised the action, if this person may open it (its app decides)."""
    return links.resolve(user, action.source)
