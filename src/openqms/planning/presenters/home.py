"""The planning home page's links to feedback, needs and service models, for the unit the person
is working in, each shown only to those who may follow it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from openqms.access import policy
from openqms.access.models import Role

P = policy.Permission


def needs_links(user: Any, unit: Any) -> list[tuple[str, str]]:
    links = [
        (
            "Needs register" if policy.units_where(user, P.VIEW).exists() else "Needs you raised",
            reverse("planning:needs"),
        )
    ]
    if unit is None:
        return links
    roles = policy.roles_on(user, unit)
    if policy.can(user, P.VIEW, unit):
        links.append((f"Feedback on {unit.name}", reverse("planning:feedback", args=[unit.pk])))
        links.append((f"You said, we did: {unit.name}", reverse("planning:you-said", args=[unit.pk])))
    elif policy.can(user, P.RAISE, unit):
        links.append((f"Give feedback on {unit.name}", reverse("planning:feedback-new", args=[unit.pk])))
    if policy.can(user, P.RAISE, unit):
        links.append((f"Raise a need for {unit.name}", reverse("planning:need-new", args=[unit.pk])))
    if roles & policy.STAFF or Role.SERVICE_USER in roles:
        links.append((f"Service models of {unit.name}", reverse("planning:service-models", args=[unit.pk])))
    return links
