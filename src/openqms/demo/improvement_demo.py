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
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from openqms.access.models import RoleAssignment
from openqms.actions import services as action_services
from openqms.control.models import Escalation, Measure
from openqms.demo.logins import DEMO_WARD
from openqms.improvement.models import DriverNode, Project
from openqms.improvement.services import tasks as services_actions
from openqms.improvement.services.cycles import add_feedback, create_cycle
from openqms.improvement.services.diagram import add_node
from openqms.improvement.services.projects import close_project, create_project, record_progress
from openqms.improvement.services.team import add_member
from openqms.improvement.services.tools import save_tool
from openqms.organisations import services as organisation_services
from openqms.organisations.models import Organisation, StrategicPriority, Unit
from openqms.people.models import User


def _measure(organisation: Organisation, code: str, *units: str) -> Measure | None:
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


def _person(unit: Unit, *roles: str) -> Any:
    """Someone holding one of the roles on the unit or the nearest unit above it."""
    ancestors = [int(p) for p in unit.path.split("/") if p]
    holders = (
        RoleAssignment.objects.current()
        .filter(unit_id__in=ancestors, role__in=roles)
        .select_related("person", "unit")
        .order_by("-unit__depth", "person__username")
    )
    first = holders.first()
    return first.person if first else None


def _login(username: str) -> Any:
    return get_user_model().objects.filter(username=username).first()


def _months_ago(today: dt.date, n: int, day: int = 1) -> dt.date:
    month = today.month - 1 - n
    return dt.date(today.year + month // 12, month % 12 + 1, day)


def _tree(project: Project, drivers: list[tuple[str, list[tuple[str, list[str]]]]]) -> dict[str, DriverNode]:
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


def _cycle(idea: DriverNode, actor: User | None, start: dt.date, days: int, **fields: Any) -> Any:
    return create_cycle(
        actor=actor, idea=idea, starts_on=start, ends_on=start + dt.timedelta(days=days), **fields
    )


def _start(
    organisation: Organisation, unit: Unit, measure: Measure, today: dt.date, **fields: Any
) -> Project | None:
    sponsor = fields.pop("sponsor", None) or _person(unit, "senior_leader")
    lead = fields.pop("lead", None) or _person(unit, "team_leader", "clinician")
    if sponsor is None or lead is None:
        return None
    fields.setdefault("strategic_priority", _priority_for(organisation, fields["quality_domain"]))
    return create_project(actor=lead, unit=unit, aim_measure=measure, sponsor=sponsor, lead=lead, **fields)


def _falls(organisation: Organisation, today: dt.date) -> None:
    measure = _measure(organisation, "FALLS", DEMO_WARD)
    if measure is None:
        return
    unit = measure.unit
    # The control demo marks when the ward's improvement project started and when its change took
    # hold (a recalculation): the project's cycles fall between the two, so its chart tells one story.
    marked = measure.annotations.filter(label="Improvement project started").order_by("on").first()
    start = marked.on if marked else _months_ago(today, 6)
    day = dt.timedelta(days=1)
    lead, member, partner = _login("demo.teamleader"), _login("demo.member"), _login("demo.serviceuser")
    p = _start(
        organisation,
        unit,
        measure,
        today,
        sponsor=_login("demo.senior"),
        lead=lead,
        title=f"Reducing falls on {unit.name}",
        problem="Most of the ward's falls happen at night, in the bays furthest from the nurses' station, "
        "to patients who were assessed as at high risk on admission.",
        aim=f"Reduce inpatient falls on {unit.name} from about 5 to under 3 per 1,000 bed days within a year.",
        aim_target=3.0,
        aim_by=start + 365 * day,
        quality_domain="safe",
        scope="Night shifts on the ward; not the day room or the discharge lounge.",
        stakeholders="Night staff, the falls prevention practitioner, estates (for sensor equipment), patients and families.",
        starts_on=start,
        ends_on=_months_ago(today, -6),
    )
    if p is None:
        return
    for person, role in ((member, "Staff nurse, runs the night tests"), (partner, "Patient partner")):
        if person is not None:
            add_member(actor=lead, project=p, person=person, role=role)
    # The team's tasks: one done, one under way, one that has slipped (overdue to the leaders above).
    for title, owner, due_in in (
        ("Ask estates for brighter night lights to the toilets in bays 3 and 4", lead, -20),
        ("Order two more sensor mats for bay 3", member, 10),
        ("Add the midnight falls update to the night handover sheet", lead, 35),
    ):
        task = services_actions.add_task(
            actor=lead, project=p, title=title, owner=owner, due_on=today + due_in * day, priority="high"
        )
        if title.startswith("Add the midnight"):
            action_services.close_action(
                actor=lead,
                action=task.action,
                evidence="The handover sheet has a midnight falls line since the third huddle cycle.",
                effectiveness_check="Spot check of ten night handovers: the line was filled in on all ten.",
                effective=True,
            )
    ideas = _tree(
        p,
        [
            (
                "Every patient's falls risk is known and acted on",
                [
                    (
                        "Risk assessed within 6 hours of admission",
                        ["Falls risk check on the admission checklist"],
                    ),
                    (
                        "The whole shift knows who is at high risk",
                        ["Two-minute falls huddle at the night handover"],
                    ),
                ],
            ),
            (
                "Patients at high risk are seen and helped at night",
                [
                    ("Intentional rounding every hour", ["Hourly rounding chart at the bed end"]),
                    ("Alerts when a patient gets up", ["Bed sensor alarms for every high-risk patient"]),
                ],
            ),
            (
                "Patients and families take part",
                [
                    (
                        "Families know how to help",
                        ["Falls leaflet and conversation with families on admission"],
                    ),
                ],
            ),
        ],
    )
    huddle = ideas["Two-minute falls huddle at the night handover"]
    first = _cycle(
        huddle,
        member,
        start + 10 * day,
        7,
        title="Huddle cycle 1: one night, bay 1",
        question="Can the night team hold a two-minute falls huddle at handover?",
        prediction="It will happen on 5 of 7 nights and take under 3 minutes.",
        who="Night nurse in charge",
        what="A two-minute huddle naming each high-risk patient",
        where="Bay 1",
        data_to_collect="Nights with a huddle; minutes taken; falls in bay 1",
        what_happened="Held on 4 of 7 nights; missed when the ward was short.",
        observations="Staff liked a written list.",
        study="Fewer than predicted (4 against 5); no falls in bay 1 that week.",
        decision="adapt",
        act_notes="Print the high-risk list for the huddle and try the whole ward.",
    )
    second = _cycle(
        huddle,
        member,
        start + 35 * day,
        14,
        previous=first,
        title="Huddle cycle 2: whole ward, printed list",
        question="Does a printed list make the huddle happen every night?",
        prediction="It will happen on 12 of 14 nights.",
        who="Night nurse in charge",
        what="Huddle with the printed high-risk list",
        where="The whole ward",
        data_to_collect="Nights with a huddle; falls on the ward",
        what_happened="Held on 13 of 14 nights.",
        observations="Agency staff needed a short explanation.",
        study="Better than predicted; two falls, both in patients not on the list.",
        decision="adapt",
        act_notes="Add patients admitted after 8 pm to the list at midnight.",
    )
    third = _cycle(
        huddle,
        member,
        start + 60 * day,
        28,
        previous=second,
        title="Huddle cycle 3: midnight update",
        question="Does updating the list at midnight catch late admissions?",
        prediction="Every patient at high risk will be on the list by 1 am.",
        who="Night team",
        what="Update the list at midnight",
        where="The whole ward",
        data_to_collect="High-risk patients missing from the list; falls",
        what_happened="Held every night; one patient missed.",
        observations="Takes five minutes at midnight.",
        study="As predicted; falls fell to their lowest in a year over the month.",
        decision="adopt",
        act_notes="Part of the ward's night routine from now on.",
    )
    _cycle(
        ideas["Bed sensor alarms for every high-risk patient"],
        member,
        start + 45 * day,
        14,
        title="Sensor alarms: bay 3",
        question="Do bed sensor alarms alert staff in time?",
        prediction="Staff reach the bed within a minute.",
        who="Night team",
        what="Sensor mats on four beds",
        where="Bay 3",
        data_to_collect="Alarms, response times, false alarms",
        what_happened="Two of four mats failed; many false alarms.",
        observations="Patients found the mats uncomfortable.",
        study="Worse than predicted: 30 false alarms, responses slower as staff stopped trusting them.",
        decision="abandon",
        act_notes="Not worth it with the equipment we have.",
    )
    _cycle(
        ideas["Hourly rounding chart at the bed end"],
        member,
        today - dt.timedelta(days=21),
        14,
        title="Rounding cycle 1",
        question="Will hourly rounding be recorded all night?",
        prediction="At least 8 of 10 hours recorded for each high-risk patient.",
        who="HCAs on nights",
        what="Rounding chart at the bed end",
        where="Bays 1 and 2",
        data_to_collect="Hours recorded per patient per night",
    )
    record_progress(
        actor=lead,
        project=p,
        stage="scoping",
        score=Decimal("1.5"),
        on=start + 10 * day,
        note="Charter agreed; baseline data collected.",
    )
    record_progress(
        actor=lead,
        project=p,
        stage="testing",
        score=Decimal("2.5"),
        on=start + 50 * day,
        note="Testing the huddle and sensor alarms.",
    )
    record_progress(
        actor=lead,
        project=p,
        stage="implementing",
        score=Decimal("3.5"),
        on=min(today, start + 150 * day),
        note="The huddle is adopted and falls are at a new, lower level; now testing hourly rounding.",
    )
    if partner is not None:
        add_feedback(
            actor=partner,
            cycle=third,
            text="On my husband's bay the night nurse now knows he gets up to the toilet at two. "
            "He says he feels watched over rather than watched.",
        )
    save_tool(
        actor=lead,
        project=p,
        kind="fishbone",
        title="Falls at night",
        source="Staff: agency nurses new to the ward; one registered nurse to 14 patients after 10 pm\n"
        "Environment: bays far from the nurses' station; poor lighting to the toilets; cluttered bed spaces\n"
        "Patients: delirium; urgency and night-time toileting; unfamiliar surroundings\n"
        "Equipment: sensor mats not working; call bells out of reach\n"
        "Process: risk assessment not updated after a fall; handover does not name high-risk patients",
    )
    save_tool(
        actor=lead,
        project=p,
        kind="pareto",
        title="Where and when last year's falls happened",
        source="Walking to the toilet at night, 31\nGetting out of bed unaided, 24\nIn the bathroom, 11\n"
        "Sitting in the chair, 7\nDuring transfers with staff, 4\nIn the day room, 3",
    )
    services_actions.flag_for_standard(
        actor=lead,
        idea=huddle,
        note="Add the night falls huddle, with its midnight update, to the falls prevention standard.",
    )


def _sepsis(organisation: Organisation, today: dt.date) -> None:
    measure = _measure(organisation, "SEPSIS-1H", "AMED-AMU")
    if measure is None:
        return
    p = _start(
        organisation,
        measure.unit,
        measure,
        today,
        title=f"Sepsis screening and antibiotics within the hour on {measure.unit.name}",
        problem="Patients with red-flag sepsis waited on average 95 minutes for antibiotics.",
        aim="95% of patients with red-flag sepsis get antibiotics within 1 hour, sustained for 3 months, by the end of next quarter.",
        aim_target=95.0,
        aim_by=_months_ago(today, -3),
        quality_domain="safe",
        stakeholders="Emergency department, pharmacy, the sepsis nurse specialist.",
        starts_on=_months_ago(today, 11),
        ends_on=_months_ago(today, -3),
    )
    if p is None:
        return
    ideas = _tree(
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
    first = _cycle(
        bags,
        p.lead,
        _months_ago(today, 8),
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
    _cycle(
        bags,
        p.lead,
        _months_ago(today, 7),
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
    record_progress(actor=p.lead, project=p, stage="testing", score=Decimal("3.0"), on=_months_ago(today, 8))
    record_progress(
        actor=p.lead,
        project=p,
        stage="implementing",
        score=Decimal("4.0"),
        on=_months_ago(today, 5),
        note="Grab bags in every bay; 93% within the hour.",
    )


def _discharge(organisation: Organisation, today: dt.date) -> None:
    measure = _measure(organisation, "TTO-2H", "ELD-W2", DEMO_WARD)
    if measure is None:
        return
    # The ward that escalated late discharge medicines at its huddles runs the project that answers
    # it, measured by pharmacy's TTO turnaround; a small demo without that escalation uses the measure's unit.
    escalation = Escalation.objects.filter(
        origin_unit__organisation=organisation, title__startswith="Pharmacy TTO delays"
    ).first()
    unit = escalation.origin_unit if escalation else measure.unit
    p = _start(
        organisation,
        unit,
        measure,
        today,
        escalation=escalation,
        title=f"Discharge before noon on {unit.name}",
        problem="Only one discharge in five leaves before noon, so admissions from the acute unit wait into the evening.",
        aim="Discharge medicines ready within 2 hours for 80% of discharges within six months.",
        aim_target=80.0,
        aim_by=_months_ago(today, -6),
        quality_domain="timely",
        starts_on=today - dt.timedelta(days=20),
        ends_on=_months_ago(today, -6),
    )
    if p is None:
        return
    _tree(
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
    measure = _measure(organisation, "OPD-WAIT", "OPD-MAIN")
    if measure is None:
        return
    p = _start(
        organisation,
        measure.unit,
        measure,
        today,
        title="Shorter waits for a first outpatient appointment",
        problem="Patients waited a median of 11 weeks for a first appointment in the main outpatient department.",
        aim="Cut the median wait for a first appointment from 11 to 8 weeks within a year.",
        aim_target=8.0,
        aim_by=_months_ago(today, 2),
        quality_domain="timely",
        starts_on=_months_ago(today, 14),
        ends_on=_months_ago(today, 2),
    )
    if p is None:
        return
    ideas = _tree(
        p,
        [
            (
                "Clinic slots are used",
                [("Fewer missed appointments", ["Text reminders 7 days and 2 days before"])],
            )
        ],
    )
    _cycle(
        ideas["Text reminders 7 days and 2 days before"],
        p.lead,
        _months_ago(today, 12),
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
    record_progress(
        actor=p.lead, project=p, stage="spreading", score=Decimal("4.0"), on=_months_ago(today, 6)
    )
    pm = p.project_measures.get(measure=measure)
    close_project(
        actor=p.sponsor,
        project=p,
        score=Decimal("4.5"),
        on=_months_ago(today, 2),
        baselines={pm.pk: _months_ago(today, 6)},
        lessons="Text reminders were the single biggest change: missed appointments fell by a third and the freed slots "
        "shortened the wait. Start with the booking team's data on which clinics lose most slots.",
    )


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


def _priorities(organisation: Organisation) -> int:
    """The demo trust's strategic priorities, unless it has recorded some already."""
    if StrategicPriority.objects.filter(organisation=organisation).exists():
        return 0
    for title, description, _domain in PRIORITIES:
        organisation_services.add_priority(
            actor=_login("demo.senior"), organisation=organisation, title=title, description=description
        )
    return len(PRIORITIES)


def _priority_for(organisation: Organisation, domain: str) -> StrategicPriority | None:
    title = next((t for t, _d, served in PRIORITIES if served == domain), None)
    return StrategicPriority.objects.filter(organisation=organisation, title=title).first()


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """Add the demo priorities and projects unless the organisation has them already; the number
    of projects added."""
    _priorities(organisation)
    if Project.objects.filter(unit__organisation=organisation).exists():
        return 0
    for story in (_falls, _sepsis, _discharge, _outpatients):
        story(organisation, today)
    return Project.objects.filter(unit__organisation=organisation).count()
