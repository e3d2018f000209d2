# ruff: noqa: E501  (the demo's stories: sentences read better unbroken)
"""The demo's falls project on the demo ward: in the middle of testing, with a ramp of three PDSA
cycles ending in "adopt", an abandoned idea, an untested one, and the ward's patient partner on
its team."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openqms.actions.services import tracker as action_services
from openqms.demo.logins import DEMO_WARD
from openqms.demo.project_parts import (
    cycle,
    driver_diagram,
    login,
    measure_reported,
    months_ago,
    start_project,
)
from openqms.improvement.services import tasks as services_actions
from openqms.improvement.services.cycles import add_feedback
from openqms.improvement.services.projects import record_progress
from openqms.improvement.services.team import add_member
from openqms.improvement.services.tools import save_tool
from openqms.organisations.models import Organisation


def falls_project(organisation: Organisation, today: dt.date) -> None:
    measure = measure_reported(organisation, "FALLS", DEMO_WARD)
    if measure is None:
        return
    unit = measure.unit
    # The control demo marks when the ward's improvement project started and when its change took
    # hold (a recalculation): the project's cycles fall between the two, so its chart tells one story.
    marked = measure.annotations.filter(label="Improvement project started").order_by("on").first()
    start = marked.on if marked else months_ago(today, 6)
    day = dt.timedelta(days=1)
    lead, member, partner = login("demo.teamleader"), login("demo.member"), login("demo.serviceuser")
    p = start_project(
        organisation,
        unit,
        measure,
        today,
        sponsor=login("demo.senior"),
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
        ends_on=months_ago(today, -6),
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
    ideas = driver_diagram(
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
    first = cycle(
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
    second = cycle(
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
    third = cycle(
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
    cycle(
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
    cycle(
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
