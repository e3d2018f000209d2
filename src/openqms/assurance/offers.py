"""The assurance work a person may start from control's pages (control.responses, ADR 0023): an audit
of the team an escalation came from, for those who lead there."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from openqms.access import policy
from openqms.control.models import Escalation
from openqms.control.responses import Offer
from openqms.people.models import User

ORDER = 20  # after improvement's project


def on_escalation(user: User, escalation: Escalation) -> list[Offer]:
    unit = escalation.origin_unit
    if not policy.can(user, policy.Permission.LEAD, unit):
        return []
    # The templates page schedules an audit from one of the templates, on the unit it is given.
    url = f"{reverse('assurance:templates')}?{urlencode({'unit': unit.pk})}"
    return [Offer(f"Schedule an assurance check (an audit) of {unit.name}", url, ORDER)]
