# ruff: noqa: E501  (the demo's stories: sentences read better unbroken)
"""The demo trust's projects that follow the methods beyond the Model for Improvement (ADR 25).

The trust offers all three methods. Main Theatres runs a DMAIC project on operations cancelled on
the day: define and measure have passed their gates (measure's first review said "not yet": six
weeks of data were too few for a baseline), and the team is analysing, with a Pareto chart of the
reasons and a fishbone. The Hip Fracture Team's A3 on surgery within 36 hours has its first six
sections written, the root cause changed once after a week at the gemba; follow-up waits for the
countermeasures. `load` adds nothing to an organisation that has projects of these methods already.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from openqms.demo.project_parts import login, measure_reported, months_ago, start_project
from openqms.demo.selectors import person_on
from openqms.improvement.models import Method, Project
from openqms.improvement.services.a3 import save_section
from openqms.improvement.services.dmaic import review_gate
from openqms.improvement.services.methods import choose_methods
from openqms.improvement.services.projects import record_progress
from openqms.improvement.services.team import add_member
from openqms.improvement.services.tools import save_tool
from openqms.organisations.models import Organisation


def _theatre_cancellations(organisation: Organisation, today: dt.date) -> None:
    measure = measure_reported(organisation, "THE-CANC", "THE-MAIN")
    if measure is None:
        return
    p = start_project(
        organisation,
        measure.unit,
        measure,
        today,
        method=Method.DMAIC,
        title=f"Fewer operations cancelled on the day in {measure.unit.name}",
        problem="One list in eight loses a patient to a cancellation on the day for a reason that is not clinical: no bed on the ward, the list overran, missing equipment or kit, or the patient was not ready. Each costs the patient a second wait and the theatre an empty slot.",
        aim="Halve cancellations on the day for non-clinical reasons, from 8 to 4 per 100 planned operations, within nine months.",
        aim_target=4.0,
        aim_by=months_ago(today, -6),
        quality_domain="efficient",
        scope="In: elective lists in main theatres, from the pre-operative assessment to the patient entering the anaesthetic room. Out: emergency lists, day surgery. Suppliers and inputs: pre-operative assessment, bed management, sterile services; customers: patients and surgical teams.",
        stakeholders="Surgical and anaesthetic leads, bed management, sterile services, the pre-operative assessment clinic, patients waiting for surgery.",
        starts_on=months_ago(today, 3),
        ends_on=months_ago(today, -6),
    )
    if p is None:
        return
    for role, words in (("team_member", "Theatre scheduler"), ("clinician", "Anaesthetist")):
        person = person_on(p.unit, role)
        if person is not None and person.pk not in (p.lead_id, p.sponsor_id):
            add_member(actor=p.lead, project=p, person=person, role=words)
    record_progress(
        actor=p.lead,
        project=p,
        stage="scoping",
        score=Decimal("1.5"),
        on=months_ago(today, 2),
        note="Charter agreed with the surgical and anaesthetic leads.",
    )
    review_gate(actor=p.sponsor, project=p, phase="define", outcome="passed", on=months_ago(today, 2, 10),
                note="Charter, scope from pre-op assessment to anaesthetic room, and the team agreed.")  # fmt: skip
    review_gate(actor=p.sponsor, project=p, phase="measure", outcome="not_yet", on=months_ago(today, 1, 5),
                note="Six weeks of data are too few for a baseline: take twelve months from the theatre system, with the reason for each cancellation.")  # fmt: skip
    review_gate(actor=p.sponsor, project=p, phase="measure", outcome="passed", on=today - dt.timedelta(days=12),
                note="Twelve months' baseline agreed: 8.1 per 100 planned operations, stable, with reasons coded.")  # fmt: skip
    save_tool(
        actor=p.lead, project=p, kind="pareto", title="Reasons for cancellations on the day, last 12 months",
        source="No ward bed after surgery, 64\nList overran, 41\nPatient not fit on the day, 22\nEquipment or kit missing, 17\nPatient did not attend, 9\nSurgeon unavailable, 6",
    )  # fmt: skip
    save_tool(
        actor=p.lead, project=p, kind="fishbone", title="Operations cancelled on the day",
        source="Beds: discharges late in the day; no ring-fenced surgical beds\nScheduling: lists booked to 110% of time; long cases last\nPatients: pre-op assessment more than 12 weeks before; not told to stop anticoagulants\nEquipment: trays returned late from sterile services; loan kit not ordered\nPeople: anaesthetist rota gaps on Fridays",
    )  # fmt: skip


A3_WORDS = {
    "background": "Patients with a hip fracture are frail and in pain; each hour's delay to surgery raises the risk of delirium, pressure ulcers and death. The national standard (Best Practice Tariff) is surgery within 36 hours of arrival, and the trust's priority is no avoidable harm.",
    "current_state": "Last year 58% of our patients had surgery within 36 hours (national average 66%). Of the delays, half waited for a trauma list slot, a quarter for medical optimisation (mostly anticoagulant reversal), the rest for a scan or consent. Patients arriving on a Friday waited longest.",
    "target_state": "80% of patients with a hip fracture have surgery within 36 hours of arrival, sustained for three months, by the end of the year.",
    "root_cause": "Five whys with the trauma coordinators and a week at the gemba: hip fractures share the single trauma list with other trauma, so a hip waits behind cases booked earlier; and the orthogeriatrician's review happens the morning after admission, so anticoagulants are reversed a day late.",
    "countermeasures": "1. Ring-fence the first slot of every trauma list for a hip fracture.\n2. Orthogeriatrician reviews on the day of admission, seven days a week, with an anticoagulant reversal protocol started in the emergency department.\n3. A Friday extra half-list from the elective orthopaedic session.",
    "plan": "Ring-fenced slot: trauma coordinator and theatre manager, from the first of next month.\nSame-day orthogeriatric review: clinical director for medicine, job plans agreed within two months.\nReversal protocol: ED consultant and pharmacy, written and approved within six weeks.\nFriday half-list: elective orthopaedic lead, trial for eight weeks.",
}


def _hip_fracture(organisation: Organisation, today: dt.date) -> None:
    measure = measure_reported(organisation, "HIP-36H", "TO-HIP")
    if measure is None:
        return
    p = start_project(
        organisation,
        measure.unit,
        measure,
        today,
        method=Method.A3,
        title=f"Hip fracture surgery within 36 hours: {measure.unit.name}",
        problem="Only 58% of patients with a hip fracture have surgery within 36 hours of arrival.",
        aim="80% of patients with a hip fracture have surgery within 36 hours of arrival by the end of the year.",
        aim_target=80.0,
        aim_by=months_ago(today, -7),
        quality_domain="timely",
        stakeholders="Trauma coordinators, orthogeriatricians, the emergency department, theatres, pharmacy.",
        starts_on=months_ago(today, 2),
        ends_on=months_ago(today, -7),
    )
    if p is None:
        return
    first_cause = "Not enough trauma theatre time for the number of hip fractures."
    save_section(actor=p.lead, project=p, section="root_cause", text=first_cause)
    for section, text in A3_WORDS.items():
        save_section(actor=p.lead, project=p, section=section, text=text)
    record_progress(
        actor=p.lead,
        project=p,
        stage="testing",
        score=Decimal("2.0"),
        on=today - dt.timedelta(days=7),
        note="A3 agreed at the trauma governance meeting; countermeasures starting.",
    )


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """Offer the three methods and add the DMAIC and A3 projects, unless the organisation has such
    projects already; the number of projects added."""
    if (
        Project.objects.filter(unit__organisation=organisation)
        .exclude(method=Method.MODEL_FOR_IMPROVEMENT)
        .exists()
    ):
        return 0
    choose_methods(actor=login("demo.admin"), organisation=organisation, methods=Method.values)
    _theatre_cancellations(organisation, today)
    _hip_fracture(organisation, today)
    return (
        Project.objects.filter(unit__organisation=organisation)
        .exclude(method=Method.MODEL_FOR_IMPROVEMENT)
        .count()
    )
