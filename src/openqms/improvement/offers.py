"""The improvement work a person may start from control's pages (control.responses, ADR 0023): a
project to answer an escalation, or on a measure's concern, for those who may contribute there."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from openqms.access import policy
from openqms.control.models import Escalation, Measure
from openqms.control.responses import Offer
from openqms.people.models import User

ORDER = 10  # before assurance's audit


def _new_project(**carried: int) -> str:
    # The new project's form takes the escalation or measure into its charter.
    return f"{reverse('improvement:project-new')}?{urlencode(carried)}"


def on_escalation(user: User, escalation: Escalation) -> list[Offer]:
    if not policy.can(user, policy.Permission.CONTRIBUTE, escalation):
        return []
    return [
        Offer(
            "Start an improvement project to answer this escalation",
            _new_project(escalation=escalation.pk),
            ORDER,
        )
    ]


def on_concern(user: User, measure: Measure) -> list[Offer]:
    if not policy.can(user, policy.Permission.CONTRIBUTE, measure):
        return []
    return [Offer("Start an improvement project on this concern", _new_project(measure=measure.pk), ORDER)]
