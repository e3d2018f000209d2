# ruff: noqa: E501  (the demo's stories: sentences read better unbroken)
"""The demo trust's improvement projects: four projects at different stages, told through the services.

Falls on the demo ward is in the middle of testing (a ramp of three PDSA cycles ending in "adopt", an
abandoned idea, an untested one), with the ward's patient partner on its team; sepsis screening on the
acute medical unit is implementing after measured success; discharge before noon is still being
scoped; outpatient waits closed last quarter and handed its measure back with a new baseline. Dates
are relative to the day the demo is loaded, like the rest of the demo. `load` does nothing when the
organisation already has projects, so `openqms demo` can add them to a demo loaded before them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from openqms.control.models import Escalation
from openqms.demo.falls_project import falls_project
from openqms.demo.logins import DEMO_WARD
from openqms.demo.project_parts import (
    PRIORITIES,
    cycle,
    driver_diagram,
    login,
    measure_reported,
    months_ago,
    start_project,
)
from openqms.improvement.models import Project
from openqms.improvement.services.projects import close_project, record_progress
from openqms.improvement.services.tools import save_tool
from openqms.organisations import services as organisation_services
from openqms.organisations.models import Organisation, StrategicPriority


def _sepsis(organisation: Organisation, today: dt.date) -> None:
    measure = measure_reported(organisation, "SEPSIS-1H", "AMED-AMU")
    if measure is None:
        return
    p = start_project(
        organisation,
        measure.unit,
        measure,
        today,
        title=f"Sepsis screening and antibiotics within the hour on {measure.unit.name}",
        problem="Patients with red-flag sepsis waited on average 95 minutes for antibiotics.",
        aim="95% of patients with red-flag sepsis get antibiotics within 1 hour, sustained for 3 months, by the end of next quarter.",
        aim_target=95.0,
        aim_by=months_ago(today, -3),
        quality_domain="safe",
        stakeholders="Emergency department, pharmacy, the sepsis nurse specialist.",
        starts_on=months_ago(today, 11),
        ends_on=months_ago(today, -3),
    )
    if p is None:
        return
    ideas = driver_diagram(
        p,
        [
            (
                "Sepsis is recognised early",
                [("NEWS2 triggers a screen", ["Sepsis screening tool in the observations app"])],
            ),
            (
                "Antibiotics are given quickly",
                [("Antibiotics at hand", ["Sepsis grab bags with first-dose antibiotics"])],
            ),
        ],
    )
    bags = ideas["Sepsis grab bags with first-dose antibiotics"]
    first = cycle(
        bags,
        p.lead,
        months_ago(today, 8),
        14,
        title="Grab bags: one bay",
        question="Do grab bags shorten the time to antibiotics?",
        prediction="Under 60 minutes for most patients.",
        who="Nurses in bay A",
        what="Grab bag on the resus trolley",
        where="Bay A",
        data_to_collect="Minutes to antibiotics",
        what_happened="Used for 9 patients.",
        study="Median 48 minutes, better than predicted.",
        decision="adopt",
        act_notes="Spread to every bay.",
    )
    cycle(
        bags,
        p.lead,
        months_ago(today, 7),
        28,
        previous=first,
        title="Grab bags: every bay",
        question="Does it hold across the unit?",
        prediction="90% within the hour.",
        who="All nurses",
        what="Grab bag in every bay",
        where="The whole unit",
        data_to_collect="Minutes to antibiotics",
        what_happened="Used for 41 patients.",
        study="93% within the hour.",
        decision="adopt",
        act_notes="Keep; restock daily.",
    )
    record_progress(actor=p.lead, project=p, stage="testing", score=Decimal("3.0"), on=months_ago(today, 8))
    record_progress(
        actor=p.lead,
        project=p,
        stage="implementing",
        score=Decimal("4.0"),
        on=months_ago(today, 5),
        note="Grab bags in every bay; 93% within the hour.",
    )


def _discharge(organisation: Organisation, today: dt.date) -> None:
    measure = measure_reported(organisation, "TTO-2H", "ELD-W2", DEMO_WARD)
    if measure is None:
        return
    # The ward that escalated late discharge medicines at its huddles runs the project that answers
    # it, measured by pharmacy's TTO turnaround; a small demo without that escalation uses the measure's unit.
    escalation = Escalation.objects.filter(
        origin_unit__organisation=organisation, title__startswith="Pharmacy TTO delays"
    ).first()
    unit = escalation.origin_unit if escalation else measure.unit
    p = start_project(
        organisation,
        unit,
        measure,
        today,
        escalation=escalation,
        title=f"Discharge before noon on {unit.name}",
        problem="Only one discharge in five leaves before noon, so admissions from the acute unit wait into the evening.",
        aim="Discharge medicines ready within 2 hours for 80% of discharges within six months.",
        aim_target=80.0,
        aim_by=months_ago(today, -6),
        quality_domain="timely",
        starts_on=today - dt.timedelta(days=20),
        ends_on=months_ago(today, -6),
    )
    if p is None:
        return
    driver_diagram(
        p,
        [
            (
                "Discharges are planned the day before",
                [
                    (
                        "Medicines ordered the day before",
                        ["Criteria-led discharge with TTOs written the evening before"],
                    )
                ],
            )
        ],
    )
    record_progress(
        actor=p.lead,
        project=p,
        stage="scoping",
        score=Decimal("1.5"),
        on=today - dt.timedelta(days=10),
        note="Process map of a discharge day under way.",
    )
    save_tool(
        actor=p.lead,
        project=p,
        kind="process_map",
        title="A discharge day as it is now",
        source="Start: Ward round decides the patient can go home\n"
        "? Medicines to take home (TTO) written? | yes -> 4 | no -> 3\n"
        "Junior doctor writes the TTO after the ward round\nPharmacy checks and dispenses the TTO\n"
        "? Transport needed? | yes -> 6 | no -> 7\nBook hospital transport\nEnd: Patient leaves the ward",
    )


def _outpatients(organisation: Organisation, today: dt.date) -> None:
    measure = measure_reported(organisation, "OPD-WAIT", "OPD-MAIN")
    if measure is None:
        return
    p = start_project(
        organisation,
        measure.unit,
        measure,
        today,
        title="Shorter waits for a first outpatient appointment",
        problem="Patients waited a median of 11 weeks for a first appointment in the main outpatient department.",
        aim="Cut the median wait for a first appointment from 11 to 8 weeks within a year.",
        aim_target=8.0,
        aim_by=months_ago(today, 2),
        quality_domain="timely",
        starts_on=months_ago(today, 14),
        ends_on=months_ago(today, 2),
    )
    if p is None:
        return
    ideas = driver_diagram(
        p,
        [
            (
                "Clinic slots are used",
                [("Fewer missed appointments", ["Text reminders 7 days and 2 days before"])],
            )
        ],
    )
    cycle(
        ideas["Text reminders 7 days and 2 days before"],
        p.lead,
        months_ago(today, 12),
        28,
        title="Text reminders: one clinic",
        question="Do two reminders cut missed appointments?",
        prediction="Missed appointments fall from 9% to 6%.",
        who="Booking team",
        what="Two text reminders",
        where="Dermatology clinic",
        data_to_collect="Appointments missed",
        what_happened="Sent to 600 patients.",
        study="5% missed, better than predicted.",
        decision="adopt",
        act_notes="Every clinic.",
    )
    record_progress(actor=p.lead, project=p, stage="spreading", score=Decimal("4.0"), on=months_ago(today, 6))
    pm = p.project_measures.get(measure=measure)
    close_project(
        actor=p.sponsor,
        project=p,
        score=Decimal("4.5"),
        on=months_ago(today, 2),
        baselines={pm.pk: months_ago(today, 6)},
        lessons="Text reminders were the single biggest change: missed appointments fell by a third and the freed slots "
        "shortened the wait. Start with the booking team's data on which clinics lose most slots.",
    )


def _priorities(organisation: Organisation) -> int:
    """The demo trust's strategic priorities, unless it has recorded some already."""
    if StrategicPriority.objects.filter(organisation=organisation).exists():
        return 0
    for title, description, _domain in PRIORITIES:
        organisation_services.add_priority(
            actor=login("demo.senior"), organisation=organisation, title=title, description=description
        )
    return len(PRIORITIES)


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """Add the demo priorities and projects unless the organisation has them already; the number
    of projects added."""
    _priorities(organisation)
    if Project.objects.filter(unit__organisation=organisation).exists():
        return 0
    for story in (falls_project, _sepsis, _discharge, _outpatients):
        story(organisation, today)
    return Project.objects.filter(unit__organisation=organisation).count()
