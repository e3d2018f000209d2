# ruff: noqa: E501  (the demo's stories: sentences read better unbroken)
"""The demo trust's feedback, needs register, service models and "you said, we did", told through
the planning services.

On the demo ward: a printed QR-code link, a season of feedback (from the QR code, paper cards, and
Margaret Doyle, the ward's patient partner, signed in), most of it answered; a concern at night
became a need that the falls project answers; an idea became an action. The needs register holds
needs from a needs assessment, complaints, a survey and incident themes, scored by impact × reach,
two of them raised by Margaret (one planned, one declined with its reason). Two service models
(planning_models_demo). Last quarter's
"you said, we did" for the ward is published. `load` does nothing when the demo already has
feedback, so `openqms demo` can add this to a demo loaded before it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from openqms.assurance.models import Standard
from openqms.control.models import MeasureDefinition
from openqms.demo.logins import DEMO_SERVICE, DEMO_WARD
from openqms.demo.planning_models_demo import falls_model, frailty_model
from openqms.demo.project_parts import login, months_ago
from openqms.improvement.models import Project
from openqms.organisations.models import Organisation, StrategicPriority, Unit
from openqms.planning.models import Feedback
from openqms.planning.services import feedback as feedback_services
from openqms.planning.services import needs as need_services
from openqms.planning.services import you_said

# (kind, given by, channel, months ago, day, text, may quote, answer)
FEEDBACK = (
    (
        "compliment",
        "carer",
        "qr",
        3,
        4,
        "The nurses explained everything to Mum and to us. Thank you for your patience.",
        True,
        "Thank you: we have shared this with the whole team at the huddle.",
    ),
    (
        "concern",
        "service_user",
        "card",
        3,
        12,
        "At night the buzzer took a long time to be answered and I was frightened of falling on the way to the toilet.",
        False,
        "We are sorry. Night staff now check every patient at risk of falling each hour, and a falls project is testing changes in the far bays.",
    ),
    (
        "idea",
        "carer",
        "qr",
        2,
        2,
        "A board by the door with visiting times and who is in charge today would help families.",
        True,
        "Good idea: the board went up in the first week of the month.",
    ),
    (
        "concern",
        "carer",
        "card",
        2,
        18,
        "My father's hearing aids were lost when he moved bays.",
        False,
        "We are sorry. Belongings now move with a checklist, signed by the nurse who moves the patient.",
    ),
    (
        "compliment",
        "service_user",
        "form",
        1,
        6,
        "The physiotherapist got me walking again before I went home.",
        True,
        "",
    ),
    (
        "idea",
        "service_user",
        "form",
        1,
        20,
        "Could patients have a quiet hour after lunch, with the lights down?",
        True,
        "",
    ),
    ("concern", "carer", "qr", 0, 3, "Nobody could tell us when Dad would be discharged.", False, ""),
)

# (title, who is affected, unit code, raised by, impact, reach, status, decline reason, evidence (source, months ago, summary, link))
NEEDS = (
    (
        "Falls prevention at night in the bays far from the nurses' station",
        "Older patients at risk of falling on the demo ward, about 40 a month",
        DEMO_WARD,
        "demo.clinician",
        5,
        3,
        "planned",
        "",
        (
            "incidents",
            2,
            "Falls incidents: 7 of 10 at night, in bays 3 and 4",
            "https://intranet.example/incidents/falls-themes",
        ),
    ),
    (
        "A quiet room where families can talk with the doctors",
        "Families of patients at the end of their life",
        DEMO_WARD,
        "demo.serviceuser",
        3,
        2,
        "accepted",
        "",
        ("feedback", 1, "Five comments in the family survey", "https://intranet.example/survey/families"),
    ),
    (
        "Visiting outside 2pm to 8pm for carers who work",
        "Carers who work in the day, about a third of visitors",
        DEMO_WARD,
        "demo.serviceuser",
        2,
        3,
        "declined",
        "Open visiting is now trust policy on every ward from April, so the ward does not need its own arrangement: carers can already ask the nurse in charge.",
        None,
    ),
    (
        "Frailty assessment within 24 hours of admission for everyone over 75",
        "People over 75 admitted to Elderly Care, about 300 a month",
        DEMO_SERVICE,
        "demo.clinician",
        4,
        5,
        "met",
        "",
        (
            "needs_assessment",
            6,
            "Population needs assessment: frailty in the over-75s",
            "https://intranet.example/needs-assessment/frailty",
        ),
    ),
    (
        "Information about delirium for families, in plain words",
        "Families of patients with delirium",
        DEMO_SERVICE,
        "demo.teamleader",
        3,
        3,
        "new",
        "",
        (
            "complaints",
            3,
            "Complaints theme: not told about delirium",
            "https://intranet.example/complaints/q3",
        ),
    ),
)


def _one(model: Any, **lookup: Any) -> Any:
    return model.objects.filter(**lookup).first()


def _feedback(unit: Unit, today: dt.date) -> list[Feedback]:
    member, leader, partner = login("demo.member"), login("demo.teamleader"), login("demo.serviceuser")
    items = []
    for kind, given_by, channel, ago, day, text, quote, answer in FEEDBACK:
        actor = None if channel == "qr" else partner if channel == "form" else member
        on = min(months_ago(today, ago, day), today)
        f = feedback_services.give_feedback(
            actor=actor,
            unit=unit,
            kind=kind,
            text=text,
            given_by=given_by,
            channel=channel,
            received_on=on,
            may_quote=quote,
        )
        if answer and leader is not None:
            feedback_services.answer_feedback(actor=leader, feedback=f, response=answer)
        items.append(f)
    return items


def _needs(organisation: Organisation, today: dt.date) -> dict[str, Any]:
    found: dict[str, Any] = {}
    leader = login("demo.teamleader")
    for title, who, code, by, impact, reach, status, reason, evidence in NEEDS:
        unit = _one(Unit, organisation=organisation, code=code)
        if unit is None:
            continue
        need = need_services.raise_need(actor=login(by), unit=unit, title=title, who_affected=who)
        need_services.triage_need(
            actor=leader, need=need, impact=impact, reach=reach, status=status, decline_reason=reason
        )
        if evidence:
            source, ago, summary, link = evidence
            need_services.add_evidence(
                actor=leader, need=need, source=source, on=months_ago(today, ago), summary=summary, link=link
            )
        found[title] = need
    return found


def _link_needs(
    organisation: Organisation, ward: Unit, needs: dict[str, Any], feedback: list[Feedback], today: dt.date
) -> None:
    leader = login("demo.teamleader")
    harm = _one(StrategicPriority, organisation=organisation, title="No avoidable harm")
    falls = _one(Project, unit=ward, title__startswith="Reducing falls")
    night = needs.get(NEEDS[0][0])
    if night is not None:
        need_services.link_need(
            actor=leader,
            need=night,
            priorities=[harm] if harm else [],
            services=[ward],
            standards=list(Standard.objects.filter(organisation=organisation, code="SC-04")),
            projects=[falls] if falls else [],
        )
        # The night-time concern is what the need grew from.
        feedback_services.attach_to_need(actor=leader, feedback=feedback[1], need=night)
    if falls is not None:
        feedback_services.link_project(actor=leader, feedback=feedback[1], project=falls)
    room = needs.get(NEEDS[1][0])
    dignity = list(Standard.objects.filter(organisation=organisation, code="PC-01"))
    if room is not None:
        need_services.link_need(
            actor=leader, need=room, priorities=[], services=[ward], standards=dignity, projects=[]
        )
        need_services.need_to_action(
            actor=leader,
            need=room,
            title="Ask estates to convert the old linen room into a family room",
            due_on=months_ago(today, -2),
        )
    feedback_services.feedback_to_action(
        actor=leader,
        feedback=feedback[2],
        title="Put up a visiting and nurse-in-charge board",
        due_on=months_ago(today, -1, 28),
    )


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """The stories above; the number of feedback items added (0 when they were there already, or
    when the organisation has no quality data yet)."""
    ward = _one(Unit, organisation=organisation, code=DEMO_WARD)
    service = _one(Unit, organisation=organisation, code=DEMO_SERVICE)
    if ward is None or service is None or Feedback.objects.filter(unit__organisation=organisation).exists():
        return 0
    if not MeasureDefinition.objects.filter(organisation=organisation).exists():
        return 0  # a bare tree of units and people, as assurance's demo leaves it
    feedback_services.open_feedback_point(actor=login("demo.teamleader"), unit=ward)
    items = _feedback(ward, today)
    needs = _needs(organisation, today)
    _link_needs(organisation, ward, needs, items, today)
    falls_model(organisation, ward, needs.get(NEEDS[0][0]))
    frailty_model(organisation, service, needs.get(NEEDS[3][0]))
    start, end = months_ago(today, 3), months_ago(today, 0) - dt.timedelta(days=1)
    you_said.publish(actor=login("demo.teamleader"), unit=ward, starts_on=start, ends_on=end)
    return len(items)
