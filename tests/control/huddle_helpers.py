"""Huddles, escalations and proposals for tests, made through the services as in production."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from openqms.access import services as access
from openqms.control.models import Escalation, EscalationProposal, Huddle
from openqms.control.services.escalations import raise_escalation
from openqms.control.services.huddles import IssueInput, record_huddle
from openqms.organisations.models import Unit
from openqms.people import services as people
from tests.control.factories import measure

# Lower is better: a stable year, then seven points well above it, a special-cause concern.
STABLE = [10.0, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 12, 11, 10, 9]
CONCERN = [*STABLE, 20, 21, 20, 22, 21, 20, 23]


def huddle(trust: Any, unit: str = "ward_a", **issue: Any) -> Huddle:
    """A huddle of today with one open issue owned by the unit's team member or leader."""
    where: Unit = getattr(trust, unit)
    owner = trust.people["mo_member"] if unit == "ward_a" else trust.people["colin_clinician"]
    issue = {"description": "Hoist on bay 2 broken", "owner": owner, "due_on": tomorrow()} | issue
    return record_huddle(
        actor=owner,
        unit=where,
        held_on=timezone.localdate(),
        attendees=[owner],
        issues=[IssueInput(**issue)],
    )


def escalation(trust: Any, unit: str = "ward_a", title: str = "No hoist on the ward") -> Escalation:
    actor = trust.people["tess_team_leader"] if unit == "ward_a" else trust.people["colin_clinician"]
    return raise_escalation(
        actor=actor, origin_unit=getattr(trust, unit), title=title, description="Needs a new hoist."
    )


def proposal(trust: Any, unit: str = "ward_a") -> EscalationProposal:
    m = measure(getattr(trust, unit), CONCERN)
    return EscalationProposal.objects.get(measure=m, reason="concern")


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


def elderly_care_leader(trust: Any) -> Any:
    """A team leader on Elderly Care: the nearest leaders to that tier, before Dana on Medicine."""
    person = people.create_person(
        actor=None, username="eli_elderly", full_name="Eli Elderly", password="x-Quality-26"
    )
    access.grant_role(
        actor=None, person=person, unit=trust.elderly_care, role="team_leader", starts_on=dt.date(2024, 4, 1)
    )
    return person
