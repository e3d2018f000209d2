"""The last four weeks of huddles on a handful of wards, and the escalations that came out of them.

The huddles are planned (pure, from the seed and the day) like everything else in the demo; what
happens to the escalations afterwards is a short fixed story told through the escalation
services, so every tier of the demo shows something: the matron takes some up, one goes on to the
division, one is resolved and one is overdue at the service.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from openqms.demo.control_plan import current_people
from openqms.demo.generator import DemoPlan
from openqms.demo.logins import DEMO_LOGINS, DEMO_WARD

HUDDLE_DAYS = 28
PREFERRED_WARDS = (DEMO_WARD, "ELD-W2", "AMED-AMU", "GS-COL", "TO-TRA")
HUDDLE_WARDS = 5

SAFETY_NOTES = (
    "Two patients at high risk of falls in bay 2: cohorted nearest the nurses' station.",
    "One patient on enhanced observation (1:1) overnight; bank HCA booked.",
    "Side room 4 isolated for diarrhoea and vomiting: stool sample sent.",
    "Agency RN on nights: buddied with the nurse in charge.",
    "Fire door by the sluice found wedged open: removed and reminder given.",
    "Resuscitation trolley check missed yesterday: done first thing today.",
    "Patient with a grade 2 pressure ulcer on the heel: Datix done, tissue viability referral made.",
    "Two patients with a NEWS2 of 5 or more: sepsis screens done within the hour.",
    "New starter (nursing associate) on the ward this week: induction booklet given.",
    "Controlled drug count correct at handover.",
)
OTHER_ATTENDEES = (
    "",
    "",
    "Bank HCA",
    "Student nurse (second year)",
    "Ward pharmacist",
    "Discharge coordinator",
    "Agency RN",
    "Physiotherapist from the therapy team",
)
# (description, what usually becomes of it): "solved" or "open" with an owner and a due date.
ISSUES = (
    ("Two HCA shifts unfilled tonight: bank request out", "solved"),
    ("Pharmacy TTO delays before noon: three discharges waiting", "open"),
    ("Blood glucose meter failed its quality control check", "solved"),
    ("Only one registered nurse trained to give IV antibiotics on the late shift", "open"),
    ("Linen delivery short: no draw sheets after 2 pm", "solved"),
    ("Patient's relative upset about visiting times: matron to call back", "open"),
    ("Commode in bay 1 cracked: taken out of use and reported to estates", "solved"),
    ("Falls sensor mats: only two of four working", "open"),
    ("Mandatory training for manual handling overdue for four staff", "open"),
    ("Discharge letter templates missing from the ward computer", "solved"),
    ("Porter delays to X-ray over 45 minutes this morning", "solved"),
    ("Bariatric bed needed for tomorrow's admission", "open"),
)
# Issues the team could not solve itself, by ward in the order of HUDDLE_WARDS, with what the
# tier above then does: "taken" (a leader at the service takes it), "resolved", "overdue" (taken,
# then left past its due date), or "awaiting" (nobody has picked it up yet).
ESCALATED_ISSUES = (
    ("Hoist broken on bay 3; EBME say the part is two weeks away", "resolved"),
    ("Two HCA shifts unfilled tonight and every night this week: bank cannot cover", "overdue"),
    ("Pharmacy TTO delays before noon are holding up discharges every day", "taken"),
    ("Side room doors do not close: infectious patients cannot be isolated", "awaiting"),
    ("Bed manager placing outlying patients without a nurse-to-nurse handover", "taken"),
)


@dataclass(frozen=True)
class PlannedIssue:
    description: str
    owner: str | None
    due_on: dt.date | None
    outcome: str  # open, solved or escalated
    follow_up: str = ""  # for an escalated issue: what the tier above does with it


@dataclass(frozen=True)
class PlannedHuddle:
    unit_code: str
    held_on: dt.date
    recorded_by: str
    attendees: tuple[str, ...]
    other_attendees: str
    notes: str
    issues: tuple[PlannedIssue, ...]


def huddle_wards(plan: DemoPlan, today: dt.date) -> list[str]:
    """The demo ward and a few others that have a leader, and a leader on their service to escalate to."""
    people = current_people(plan, today)
    parent = {u.code: u.parent_code for u in plan.units}

    def led(code: str) -> bool:
        return any(role == "team_leader" for _u, role in people.get(code, []))

    wards = [u.code for u in plan.units if u.kind == "ward" and led(u.code) and led(parent[u.code])]
    ordered = [w for w in PREFERRED_WARDS if w in wards] + [w for w in wards if w not in PREFERRED_WARDS]
    return ordered[:HUDDLE_WARDS]


def plan_huddles(*, plan: DemoPlan, seed: int, today: dt.date) -> tuple[PlannedHuddle, ...]:
    rng = random.Random(seed)
    people = current_people(plan, today)
    demo_member = next(login.username for login in DEMO_LOGINS if login.role == "team_member")
    huddles: list[PlannedHuddle] = []
    for index, ward in enumerate(huddle_wards(plan, today)):
        staff = people[ward]
        leader = next(u for u, role in staff if role == "team_leader")
        team = sorted({u for u, role in staff if role in ("team_member", "clinician") and u != leader})
        days = [today - dt.timedelta(days=n) for n in range(HUDDLE_DAYS, 0, -1)]
        weekdays = [d for d in days if d.weekday() < 5]
        escalate_on = weekdays[len(weekdays) // 2 + rng.randint(-3, 3)]
        for day in weekdays:
            attendees = set(rng.sample(team, k=min(len(team), rng.randint(2, 5))))
            if ward == DEMO_WARD and rng.random() < 0.7:
                attendees.add(demo_member)
            issues = [_issue(rng, team or [leader], day, today) for _ in range(rng.choice((0, 1, 1, 2)))]
            if day == escalate_on and index < len(ESCALATED_ISSUES):
                description, follow_up = ESCALATED_ISSUES[index]
                issues.append(PlannedIssue(description, None, None, "escalated", follow_up))
            empty, discharges = rng.randint(0, 3), rng.randint(1, 6)
            notes = (
                f"Bed state: {empty} empty, {discharges} expected discharges, "
                f"{rng.randint(0, 4)} medically fit awaiting care packages. {rng.choice(SAFETY_NOTES)}"
            )
            huddles.append(
                PlannedHuddle(
                    ward,
                    day,
                    leader,
                    tuple(sorted(attendees | {leader})),
                    rng.choice(OTHER_ATTENDEES),
                    notes,
                    tuple(issues),
                )
            )
    return tuple(huddles)


def _issue(rng: random.Random, team: list[str], day: dt.date, today: dt.date) -> PlannedIssue:
    description, usual = rng.choice(ISSUES)
    owner = rng.choice(team)
    due_on = day + dt.timedelta(days=rng.randint(1, 7))
    # Older issues have mostly been sorted out; a few are still open, some of them now overdue.
    if usual == "solved" or (due_on < today and rng.random() < 0.6):
        return PlannedIssue(description, owner, due_on, "solved")
    return PlannedIssue(description, owner, due_on, "open")
