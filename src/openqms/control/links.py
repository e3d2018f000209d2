"""Control's kinds of source, for the actions it raises: a huddle, an escalation (ADR 0023).

Each is named in the words the action keeps as its label, and resolved into its page only for a
person who may see that page, by the same rule the page applies.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from openqms.access import policy
from openqms.control.models import Escalation, Huddle
from openqms.links import registry as links
from openqms.links.registry import Link, Source
from openqms.people.models import User

HUDDLE = "control.huddle"
ESCALATION = "control.escalation"


def huddle_title(held_on: dt.date) -> str:
    return f"The huddle of {held_on.day} {held_on:%B %Y}"


def escalation_title(escalation: Escalation) -> str:
    return f"Escalation from {escalation.origin_unit.name}"


def huddle_source(huddle: Huddle) -> Source:
    return Source(HUDDLE, huddle.pk)


def escalation_source(escalation: Escalation) -> Source:
    return Source(ESCALATION, escalation.pk)


def huddle_link(user: User, pk: int) -> Link | None:
    huddle = Huddle.objects.select_related("unit").filter(pk=pk).first()
    if huddle is None or not policy.can(user, policy.Permission.VIEW, huddle):
        return None
    return Link(huddle_title(huddle.held_on), reverse("control:huddle", args=[pk]))


def escalation_link(user: User, pk: int) -> Link | None:
    escalation = Escalation.objects.select_related("origin_unit").filter(pk=pk).first()
    if escalation is None or not policy.can(user, policy.Permission.VIEW, escalation):
        return None
    return Link(escalation_title(escalation), reverse("control:escalation", args=[pk]))


def register() -> None:
    links.register(HUDDLE, huddle_link)
    links.register(ESCALATION, escalation_link)
