"""What every demo improvement project is built from: the measure it aims at, the people who lead
and sponsor it, its driver diagram, its PDSA cycles, and the strategic priority it serves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from openqms.control.models import Measure
from openqms.demo.selectors import person_on
from openqms.improvement.models import DriverNode, Project
from openqms.improvement.services.cycles import create_cycle
from openqms.improvement.services.diagram import add_node
from openqms.improvement.services.projects import create_project
from openqms.organisations.models import Organisation, StrategicPriority, Unit
from openqms.people.models import User

# The trust's strategic priorities (written for the demo), and the domain whose projects serve each.
PRIORITIES = (
    (
        "No avoidable harm",
        "Fewer falls and pressure ulcers, and every deteriorating patient recognised and treated in time.",
        "safe",
    ),
    (
        "Care without waiting",
        "Shorter waits for a first appointment, for tests and for going home when ready.",
        "timely",
    ),
    (
        "Working with patients and carers",
        "Service users help design services, take part in audits and tell us what changed.",
        None,
    ),
    (
        "A great place to work",
        "Staff have the time, skills and support to improve the care they give.",
        None,
    ),
)


def measure_reported(organisation: Organisation, code: str, *units: str) -> Measure | None:
    found = Measure.objects.filter(
        definition__organisation=organisation, definition__code=code, archived_at__isnull=True
    )
    for unit_code in units:
        measure = found.filter(unit__code=unit_code).first()
        if measure is not None:
            return measure
    measure = found.order_by("unit__path").first()
    if measure is None:  # a small demo (the tests') may not report it: any measure tells the story
        measure = Measure.objects.filter(definition__organisation=organisation).order_by("pk").first()
    return measure


def login(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def months_ago(today: dt.date, n: int, day: int = 1) -> dt.date:
    month = today.month - 1 - n
    return dt.date(today.year + month // 12, month % 12 + 1, day)


def driver_diagram(
    project: Project, drivers: list[tuple[str, list[tuple[str, list[str]]]]]
) -> dict[str, DriverNode]:
    ideas: dict[str, DriverNode] = {}
    for primary_text, secondaries in drivers:
        primary = add_node(actor=project.lead, project=project, kind="primary", text=primary_text)
        for secondary_text, changes in secondaries:
            secondary = add_node(
                actor=project.lead, project=project, kind="secondary", text=secondary_text, parent=primary
            )
            for change in changes:
                ideas[change] = add_node(
                    actor=project.lead, project=project, kind="change", text=change, parent=secondary
                )
    project.diagram_edits.all().delete()  # a loaded demo starts with nothing to undo
    return ideas


def cycle(idea: DriverNode, actor: User | None, start: dt.date, days: int, **fields: Any) -> Any:
    return create_cycle(
        actor=actor, idea=idea, starts_on=start, ends_on=start + dt.timedelta(days=days), **fields
    )


def start_project(
    organisation: Organisation, unit: Unit, measure: Measure, today: dt.date, **fields: Any
) -> Project | None:
    sponsor = fields.pop("sponsor", None) or person_on(unit, "senior_leader")
    lead = fields.pop("lead", None) or person_on(unit, "team_leader", "clinician")
    if sponsor is None or lead is None:
        return None
    fields.setdefault("strategic_priority", priority_for(organisation, fields["quality_domain"]))
    return create_project(actor=lead, unit=unit, aim_measure=measure, sponsor=sponsor, lead=lead, **fields)


def priority_for(organisation: Organisation, domain: str) -> StrategicPriority | None:
    title = next((t for t, _d, served in PRIORITIES if served == domain), None)
    return StrategicPriority.objects.filter(organisation=organisation, title=title).first()
