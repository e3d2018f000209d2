# ruff: noqa: E501  (the demo's frameworks and questions read better unbroken)
"""The demo trust's assurance: two external frameworks written for the demo, the trust's own
standards mapped to them, four audit templates, a year of audits on six wards, and their actions.

The frameworks are fictional (a regulator's quality statements and an infection prevention
accreditation scheme, written for this demo, not copied from any real one). The year of audits has
real gaps: one ward's hand hygiene slips over the last quarter, another's record keeping stays
below the threshold, the demo ward's medicines fridge ran warm for two months (and the action that
fixed it), and one ward has missed its last medicines storage audits. Some requirements have no
standard and some standards no audit, so the gap analysis has something to show. Dates are relative
to the day the demo is loaded. `load` does nothing when the organisation has frameworks already, so
`openqms demo` can add assurance to a demo loaded before it.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openqms.access.models import RoleAssignment
from openqms.actions import services as actions
from openqms.assurance import links as assurance_links
from openqms.assurance.framework_files import FrameworkFile, RequirementRow
from openqms.assurance.models import AuditTemplate, Framework, Standard
from openqms.assurance.services import accreditation as accreditations
from openqms.assurance.services.audits import complete_audit, save_answers, schedule_audit, start_audit
from openqms.assurance.services.standards import (
    add_comment,
    create_standard,
    invite_to_comment,
    load_framework,
)
from openqms.assurance.services.templates import add_question, create_template, publish_version
from openqms.control.models import MeasureDefinition
from openqms.demo.logins import DEMO_WARD
from openqms.links.registry import Source
from openqms.organisations.models import Organisation, Unit

SEED = 2026

# (code, section, title, text)
QUALITY_STATEMENTS = (
    (
        "S1",
        "Safe",
        "Learning from safety events",
        "Staff report incidents and near misses, and the service investigates them openly, learns from them and shares what it learnt.",
    ),
    (
        "S2",
        "Safe",
        "Safeguarding",
        "People are protected from abuse and neglect; staff know how to recognise and report concerns, and the service acts on them.",
    ),
    (
        "S3",
        "Safe",
        "Infection prevention and control",
        "People are protected from avoidable infection: staff follow hand hygiene and cleaning standards, and the environment is clean.",
    ),
    (
        "S4",
        "Safe",
        "Medicines",
        "Medicines are ordered, stored, given and recorded safely, at the right temperature and securely.",
    ),
    (
        "S5",
        "Safe",
        "Safe staffing",
        "There are enough staff with the right skills on every shift, and gaps are escalated.",
    ),
    (
        "E1",
        "Effective",
        "Assessment and care planning",
        "People's needs are assessed on admission and their care plans are reviewed as their needs change.",
    ),
    (
        "E2",
        "Effective",
        "Records",
        "Records are accurate, complete, legible, dated and signed, and kept securely.",
    ),
    (
        "C1",
        "Caring",
        "Dignity and privacy",
        "People are treated with kindness, dignity and respect, and their privacy is protected.",
    ),
    (
        "R1",
        "Responsive",
        "Listening to concerns",
        "People can raise concerns easily and the service responds and shows what changed.",
    ),
    (
        "W1",
        "Well-led",
        "Governance and assurance",
        "Leaders know how well standards are met, through audit and measurement, and act on the gaps.",
    ),
    (
        "W2",
        "Well-led",
        "Learning and improvement",
        "The service improves continuously, using data and the ideas of staff and the people it serves.",
    ),
)

INFECTION_SCHEME = (
    (
        "1.1",
        "Hand hygiene",
        "Hand hygiene compliance",
        "Hand hygiene is audited monthly in every clinical area, with at least 95 % compliance sustained.",
    ),
    (
        "1.2",
        "Hand hygiene",
        "Bare below the elbows",
        "Clinical staff are bare below the elbows when giving care.",
    ),
    (
        "2.1",
        "Environment",
        "Cleaning schedules",
        "Cleaning schedules are displayed and signed, and cleanliness is audited.",
    ),
    (
        "2.2",
        "Environment",
        "Equipment decontamination",
        "Shared equipment is cleaned between patients and labelled as clean.",
    ),
    (
        "3.1",
        "Antimicrobial stewardship",
        "Antimicrobial review",
        "Antimicrobial prescriptions are reviewed within 72 hours.",
    ),
    (
        "4.1",
        "Education",
        "Infection prevention training",
        "Staff complete infection prevention training every year.",
    ),
)

# (code, domain, title, statement, evidence expected, [(framework code, requirement code)], status)
STANDARDS = (
    (
        "SC-01",
        "Safe care",
        "Hand hygiene",
        "Every member of staff cleans their hands at the five moments and is bare below the elbows in clinical areas.",
        "Monthly hand hygiene audit of every ward; infection rates.",
        [("NCQR", "S3"), ("IPAS", "1.1"), ("IPAS", "1.2")],
        "approved",
    ),
    (
        "SC-02",
        "Safe care",
        "Medicines storage",
        "Medicines are stored securely and at the right temperature; controlled drugs are checked every day.",
        "Monthly medicines storage audit; fridge temperature logs.",
        [("NCQR", "S4")],
        "approved",
    ),
    (
        "SC-03",
        "Safe care",
        "Safeguarding adults and children",
        "Staff recognise, record and report safeguarding concerns the same day and know their safeguarding lead.",
        "Quarterly safeguarding audit; training records.",
        [("NCQR", "S2")],
        "approved",
    ),
    (
        "SC-04",
        "Safe care",
        "Clean environment and equipment",
        "Wards and shared equipment are cleaned to schedule and labelled clean between patients.",
        "Cleanliness audits; equipment labels.",
        [("IPAS", "2.1"), ("IPAS", "2.2")],
        "approved",
    ),
    (
        "EC-01",
        "Effective care",
        "Record keeping",
        "Every entry in a patient's record is dated, timed, signed and legible, and the care plan is reviewed at least weekly.",
        "Quarterly record keeping audit of ten sets of notes.",
        [("NCQR", "E2"), ("NCQR", "E1")],
        "approved",
    ),
    (
        "PC-01",
        "Person-centred care",
        "Dignity and privacy",
        "Curtains are closed for personal care, conversations about care are held privately, and people are called by the name they choose.",
        "Walk-rounds with service users; Friends and Family Test comments.",
        [("NCQR", "C1")],
        "approved",
    ),
    (
        "WL-01",
        "Well-led",
        "Learning from incidents",
        "Every ward reviews its incidents monthly at its quality meeting and shares one learning point trust-wide.",
        "Quality meeting minutes; incident reports.",
        [("NCQR", "S1"), ("NCQR", "W2")],
        "approved",
    ),
    (
        "PC-02",
        "Person-centred care",
        "Visiting and carers",
        "Carers are welcomed at any time, involved in care planning with the patient's agreement, and offered support.",
        "Carers' survey; care plans.",
        [("NCQR", "R1")],
        "draft",
    ),
)

# The control measures that show each standard is met, where the demo reports them.
MEASURES = {
    "SC-01": ("HAND-HYG", "CDIFF"),
    "SC-02": ("MED-INC", "TTO-2H"),
    "SC-04": ("CDIFF", "MSSA", "ECOLI"),
    "EC-01": ("VTE-RA", "OBS-ON-TIME"),
    "PC-01": ("FFT-POS", "COMPLAINTS"),
    "WL-01": ("MED-INC", "NEVER-DAYS"),
}

YES_NO = "yes_no"
# Templates: code, name, purpose, sample size, pass threshold, recurrence (months), questions:
# (text, guidance, answer type, standard code, weight, extra fields)
TEMPLATES: tuple[
    tuple[
        str, str, str, int, float, int, tuple[tuple[str, str, str, str | None, float, dict[str, Any]], ...]
    ],
    ...,
] = (
    (
        "HH",
        "Hand hygiene audit",
        "Observe ten opportunities for hand hygiene across the ward, at different times and with different staff groups.",
        10,
        95.0,
        1,
        (
            (
                "Hands cleaned at the moment observed?",
                "Soap and water or alcohol gel, before or after the contact as the five moments say.",
                YES_NO,
                "SC-01",
                3.0,
                {},
            ),
            (
                "Bare below the elbows?",
                "No long sleeves, wrist watches or stoned rings.",
                YES_NO,
                "SC-01",
                1.0,
                {},
            ),
            (
                "Gel available at the point of care?",
                "",
                "choice",
                "SC-04",
                1.0,
                {
                    "choices": "At the bedside\nAt the bay entrance only\nNone within reach",
                    "passing": "At the bedside",
                },
            ),
            (
                "Staff group observed",
                "",
                "choice",
                None,
                0.0,
                {"choices": "Nurse\nHealthcare assistant\nDoctor\nTherapist\nOther"},
            ),
        ),
    ),
    (
        "RK",
        "Record keeping audit",
        "Review ten sets of notes of patients on the ward today.",
        10,
        90.0,
        3,
        (
            ("Every entry dated, timed and signed?", "", YES_NO, "EC-01", 2.0, {}),
            ("Entries legible?", "", YES_NO, "EC-01", 1.0, {}),
            ("Care plan reviewed in the last 7 days?", "", YES_NO, "EC-01", 2.0, {}),
            ("Allergy status recorded?", "", YES_NO, "SC-02", 1.0, {}),
            ("Date of the last care plan review", "", "date", None, 0.0, {}),
        ),
    ),
    (
        "MS",
        "Medicines storage audit",
        "Check the clinic room, the medicines fridge and the controlled drugs register.",
        1,
        85.0,
        1,
        (
            (
                "Medicines fridge temperature now (°C)",
                "Read the thermometer; the safe range is 2 to 8 °C.",
                "number",
                "SC-02",
                2.0,
                {"minimum": 2.0, "maximum": 8.0},
            ),
            ("Fridge temperature recorded every day this month?", "", YES_NO, "SC-02", 1.0, {}),
            ("Clinic room locked?", "", YES_NO, "SC-02", 1.0, {}),
            ("Controlled drugs register checked by two nurses every day?", "", YES_NO, "SC-02", 2.0, {}),
            ("Anything else found", "", "text", None, 0.0, {}),
        ),
    ),
    (
        "SG",
        "Safeguarding audit",
        "Ask five staff on shift; check the safeguarding folder.",
        5,
        90.0,
        3,
        (
            ("Knows who the safeguarding lead is?", "", YES_NO, "SC-03", 1.0, {}),
            (
                "Safeguarding training up to date?",
                "Level 2 for all clinical staff, level 3 for registered staff.",
                YES_NO,
                "SC-03",
                2.0,
                {},
            ),
            ("Knows how to raise a concern out of hours?", "", YES_NO, "SC-03", 1.0, {}),
        ),
    ),
)


def _person(unit: Unit, *roles: str) -> Any:
    """Someone holding one of the roles on the unit or the nearest unit above it."""
    holders = (
        RoleAssignment.objects.current()
        .filter(unit_id__in=[*unit.ancestor_ids, unit.pk], role__in=roles)
        .select_related("person")
        .order_by("-unit__depth", "person__username")
    )
    first = holders.first()
    return first.person if first else None


def _framework(
    organisation: Organisation,
    code: str,
    name: str,
    version: str,
    publisher: str,
    published: dt.date,
    rows: tuple[tuple[str, str, str, str], ...],
) -> Framework:
    parsed = FrameworkFile(
        code=code,
        name=name,
        version=version,
        publisher=publisher,
        published_on=published,
        requirements=[RequirementRow(i + 2, c, t, s, x) for i, (c, s, t, x) in enumerate(rows)],
    )
    return load_framework(actor=None, organisation=organisation, parsed=parsed)


def _audited_units(organisation: Organisation) -> list[Unit]:
    wards = Unit.objects.filter(organisation=organisation, kind="ward", archived_at__isnull=True)
    demo = wards.filter(code=DEMO_WARD).first()
    chosen: list[Unit] = [demo] if demo else []
    if demo is not None and demo.parent_id:
        chosen += list(wards.filter(parent_id=demo.parent_id).exclude(pk=demo.pk).order_by("code")[:2])
    chosen += list(wards.exclude(pk__in=[u.pk for u in chosen]).order_by("path")[: 6 - len(chosen)])
    return chosen


def _months_back(today: dt.date, n: int) -> dt.date:
    month = today.month - 1 - n
    year, month = today.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(today.day, 28))


def _answer(
    kind: str, rate: float, rng: random.Random, extra: dict[str, Any], fridge_warm: bool = False
) -> str:
    if kind == YES_NO:
        return "yes" if rng.random() < rate else ("na" if rng.random() < 0.05 else "no")
    if kind == "choice":
        choices: list[str] = [c for c in str(extra["choices"]).splitlines() if c]
        passing = str(extra.get("passing") or "")
        if passing:
            return passing if rng.random() < rate else rng.choice([c for c in choices if c != passing])
        return rng.choice(choices)
    if kind == "number":
        return f"{rng.uniform(8.6, 10.5):.1f}" if fridge_warm else f"{rng.uniform(3.0, 6.5):.1f}"
    if kind == "date":
        return (timezone.localdate() - dt.timedelta(days=rng.randint(1, 9))).isoformat()
    return ""


def _rate(template: str, unit_index: int, months_ago: int) -> float:
    """How often an answer meets the standard: most wards do well; the stories are the exceptions."""
    if template == "HH" and unit_index == 1 and months_ago < 3:
        return 0.72  # hand hygiene slipping on the second ward this quarter
    if template == "RK" and unit_index == 2:
        return 0.78  # record keeping below the threshold all year on the third ward
    return 0.995 if template in ("HH", "MS") else 0.985


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """Add the demo's assurance unless the organisation has frameworks already, or has no quality
    data yet (a bare tree of units and people); the number of audits completed."""
    if Framework.objects.filter(organisation=organisation).exists():
        return 0
    definitions = {d.code: d for d in MeasureDefinition.objects.filter(organisation=organisation)}
    if not definitions:
        return 0
    rng = random.Random(SEED)
    board = organisation.units.get(parent__isnull=True)
    regulator = _framework(
        organisation,
        "NCQR",
        "Quality Statements for Hospital Services",
        "2026",
        "National Care Quality Regulator (fictional)",
        dt.date(today.year, 1, 15),
        QUALITY_STATEMENTS,
    )
    scheme = _framework(
        organisation,
        "IPAS",
        "Infection Prevention Accreditation Scheme",
        "3.0",
        "Infection Prevention Accreditation Board (fictional)",
        dt.date(today.year - 1, 9, 1),
        INFECTION_SCHEME,
    )
    requirements = {("NCQR", r.code): r for r in regulator.requirements.all()} | {
        ("IPAS", r.code): r for r in scheme.requirements.all()
    }
    lead = _person(board, "senior_leader")
    standards: dict[str, Standard] = {}
    for code, domain, title, statement, evidence, mapped, status in STANDARDS:
        standards[code] = create_standard(
            actor=lead, owner_unit=board, code=code, title=title, domain=domain, statement=statement,
            evidence_expected=evidence, status=status, owner_person=lead,
            requirements=[requirements[m] for m in mapped], shared_with_service_users=code.startswith("PC"),
            measures=[definitions[c] for c in MEASURES.get(code, ()) if c in definitions],
        )  # fmt: skip
    service_user = get_user_model().objects.filter(username="demo.serviceuser").first()
    if service_user is not None:
        invite_to_comment(actor=lead, standard=standards["PC-02"], person=service_user)
        add_comment(
            actor=service_user, standard=standards["PC-02"],
            text="Please say that carers can stay overnight when someone is at the end of their life, and tell carers where to get a hot drink.",
        )  # fmt: skip

    templates: dict[str, tuple[AuditTemplate, int]] = {}
    for code, name, purpose, sample, threshold, months, questions in TEMPLATES:
        template = create_template(
            actor=lead,
            owner_unit=board,
            code=code,
            name=name,
            purpose=purpose,
            sample_size=sample,
            pass_threshold=threshold,
        )
        version = template.versions.get()
        for text, guidance, kind, standard, weight, extra in questions:
            add_question(
                actor=lead,
                version=version,
                text=text,
                guidance=guidance,
                answer_type=kind,
                standard=standards[standard] if standard else None,
                weight=weight,
                **extra,
            )
        publish_version(actor=lead, version=version)
        templates[code] = (template, months)

    completed = 0
    units = _audited_units(organisation)
    for index, unit in enumerate(units):
        auditor = _person(unit, "team_member", "team_leader") or lead
        leader = _person(unit, "team_leader", "senior_leader") or lead
        for code, (template, months) in templates.items():
            recurrence = {1: "monthly", 3: "quarterly"}[months]
            first_due = _months_back(today, 12)
            run = schedule_audit(
                actor=leader,
                template=template,
                unit=unit,
                due_on=first_due,
                recurrence=recurrence,
                assignees=[auditor],
            )
            while run.due_on <= today:
                months_ago = (today.year - run.due_on.year) * 12 + today.month - run.due_on.month
                if code == "MS" and index == len(units) - 1 and months_ago < 2:
                    break  # the last ward has missed its last medicines storage audits
                run = start_audit(actor=auditor, run=run)
                assert run.version is not None
                asked = list(run.version.questions.order_by("position"))
                warm = code == "MS" and unit.code == DEMO_WARD and months_ago in (6, 7)
                rate = _rate(code, index, months_ago)
                for record in range(1, run.version.sample_size + 1):
                    values = {
                        q.pk: _answer(
                            q.answer_type, rate, rng, {"choices": q.choices, "passing": q.passing}, warm
                        )
                        for q in asked
                    }
                    save_answers(
                        actor=auditor,
                        run=run,
                        record_number=record,
                        values={k: v for k, v in values.items() if v},
                    )
                when = timezone.make_aware(dt.datetime.combine(run.due_on, dt.time(14, 0)))
                complete_audit(actor=auditor, run=run, completed_at=when)
                completed += 1
                run.refresh_from_db()
                if run.passed is False:
                    _act_on(run, leader, months_ago, worked=rate >= 0.9)
                run = run.next_run
    _accreditations(organisation, units, scheme, lead, today)
    # A peer review with the demo ward's service user, due next week.
    demo_ward = next((u for u in units if u.code == DEMO_WARD), None)
    if demo_ward is not None and service_user is not None:
        schedule_audit(
            actor=_person(demo_ward, "team_leader") or lead, template=templates["HH"][0], unit=demo_ward,
            due_on=today + dt.timedelta(days=7), assignees=[service_user], shared_with_service_users=True,
        )  # fmt: skip
    return completed


def _accreditations(
    organisation: Organisation, units: list[Unit], scheme: Framework, lead: Any, today: dt.date
) -> None:
    """The demo ward's infection prevention accreditation (with conditions) and the regulator's visit."""
    if units:
        ward = units[0]
        leader = _person(ward, "team_leader") or lead
        item = accreditations.create_accreditation(
            actor=leader, unit=ward, kind="accreditation", scheme="Infection Prevention Accreditation", framework=scheme,
            status="conditions", assessed_on=today - dt.timedelta(days=70), awarded_on=today - dt.timedelta(days=40),
            expires_on=today - dt.timedelta(days=40) + dt.timedelta(days=3 * 365),
            notes="Awarded on condition that sharps management is put right within three months.",
        )  # fmt: skip
        major = accreditations.add_finding(
            actor=leader,
            accreditation=item,
            severity="major",
            text="Sharps bins filled above the fill line in two bays.",
        )
        accreditations.add_finding(
            actor=leader,
            accreditation=item,
            severity="minor",
            text="Cleaning schedule for commodes not signed on three days.",
        )
        accreditations.add_finding(
            actor=leader,
            accreditation=item,
            severity="good_practice",
            text="Patients and visitors are offered hand gel at the ward entrance by a volunteer.",
        )
        action = actions.raise_action(
            actor=leader, unit=ward, title="Change sharps bins at two-thirds full; check at every safety huddle", owner=leader,
            due_on=today + dt.timedelta(days=20), priority="high", source_label="Finding of Infection Prevention Accreditation",
            source=Source(assurance_links.FINDING, major.pk),
        )  # fmt: skip
        actions.add_note(
            actor=leader, action=action, text="New bins ordered; sharps checked at huddle from Monday."
        )
    board = organisation.units.get(parent__isnull=True)
    accreditations.create_accreditation(
        actor=lead, unit=board, kind="inspection", scheme="National Care Quality Regulator inspection",
        framework=Framework.objects.filter(organisation=organisation, code="NCQR").first(), status="planned",
        notes=f"Announced inspection expected in {(today + dt.timedelta(days=90)):%B %Y}.",
    )  # fmt: skip


def _act_on(run: Any, leader: Any, months_ago: int, *, worked: bool) -> None:
    """An action on a failed audit: older ones are closed (and checked), recent ones in progress or overdue."""
    label = f"{run.template.name}, {run.unit.name}, {run.due_on:%-d %b %Y} ({run.score:.0f}%)"
    due = run.due_on + dt.timedelta(days=28)
    title = {
        "HH": "Hand hygiene refresher at every handover for two weeks",
        "RK": "Teach-back on record keeping; spot-check five sets of notes a week",
        "MS": "Replace the medicines fridge thermostat and check temperatures twice a day",
        "SG": "Book the remaining staff on safeguarding training",
    }[run.template.code]
    action = actions.raise_action(
        actor=leader, unit=run.unit, title=title, due_on=due, owner=leader, priority="high" if run.score < 75 else "medium",
        source_label=label, source=Source(assurance_links.AUDIT, run.pk),
    )  # fmt: skip
    if months_ago >= 3:
        actions.add_note(
            actor=leader, action=action, text="Started: shared at the safety huddle and the ward meeting."
        )
        actions.close_action(
            actor=leader, action=action, evidence="Done as planned; recorded in the ward's quality meeting minutes.",
            effectiveness_check="The next audit passed." if worked else "The next audit failed again: a repeated gap, proposed as an improvement project.",
            effective=worked,
        )  # fmt: skip
    elif months_ago >= 1:
        actions.add_note(
            actor=leader, action=action, text="Half of the team done so far; the rest booked for next week."
        )
