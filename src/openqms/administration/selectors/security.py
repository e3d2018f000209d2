"""The security log as an administrator may read it (ADR 31)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from openqms.administration.selectors.people import people_in_scope
from openqms.people.models import SecurityEvent


def security_log(user: Any, kind: str = "") -> QuerySet[SecurityEvent]:
    """Events of the people this administrator manages, and those that name no known person.

    A failed sign-in for an unknown username, or an address refused for trying many, belongs to no
    organisation: every administrator sees those, since spraying is aimed at all of them.
    """
    events = SecurityEvent.objects.filter(
        Q(person__in=people_in_scope(user).values("pk")) | Q(person__isnull=True)
    ).select_related("person")
    if kind in SecurityEvent.Kind.values:
        events = events.filter(kind=kind)
    return events
