# ruff: noqa: E501  (the demo's stories: sentences read better unbroken)
"""The demo's two service models, told through the planning services: the demo ward's falls
prevention and response (version 1 in use, decided on the night-time falls need; version 2
proposed by the consultant, with the patient partner's comment) and Elderly Care's frailty
assessment pathway (in use), each with its pathway, team and specification."""

from __future__ import annotations

from typing import Any

from openqms.assurance.models import Standard
from openqms.control.models import MeasureDefinition
from openqms.demo.project_parts import login
from openqms.organisations.models import Organisation, Unit
from openqms.planning.services import service_models as model_services


def _definitions(organisation: Organisation, *codes: str) -> list[MeasureDefinition]:
    found = {d.code: d for d in MeasureDefinition.objects.filter(organisation=organisation, code__in=codes)}
    return [found[c] for c in codes if c in found]


def falls_model(organisation: Organisation, ward: Unit, need: Any) -> None:
    consultant, leader, partner = login("demo.clinician"), login("demo.teamleader"), login("demo.serviceuser")
    falls, obs = _definitions(organisation, "FALLS"), _definitions(organisation, "OBS-ON-TIME")
    clean = list(Standard.objects.filter(organisation=organisation, code__in=["SC-04", "EC-01"]))
    first = model_services.propose_model(
        actor=consultant,
        unit=ward,
        title=f"Falls prevention and response on {ward.name}",
        population="Adults over 65 admitted to the ward, about 90 a month; four in ten at high risk of falling.",
        what="A falls risk assessment on admission, a care plan for everyone at risk, hourly checks at night, and a set response after a fall.",
        where=f"{ward.name}: four bays and six side rooms; the physiotherapy gym.",
        who="Registered nurses and healthcare assistants, the ward physiotherapist, and the elderly care consultant.",
        team_structure="The ward manager leads; the falls link nurse coordinates; the consultant reviews every fall with harm.",
    )
    steps: tuple[tuple[str, str, list[Any], list[Any]], ...] = (
        (
            "Falls risk assessment within 6 hours of admission",
            "Multifactorial assessment: history of falls, medicines, continence, vision, footwear.",
            clean[:1],
            obs,
        ),
        (
            "Care plan for everyone at risk",
            "Bed and chair in reach of the call bell; a low bed where needed.",
            [],
            [],
        ),
        ("Hourly checks at night", "Intentional rounding in bays 3 and 4 from 10pm to 6am.", [], falls),
        (
            "Response after a fall",
            "Check for injury before moving; flat lifting equipment; a doctor's review within 30 minutes.",
            clean[1:],
            [],
        ),
        (
            "Learning from each fall",
            "A post-fall huddle within 24 hours; themes to the ward's safety huddle.",
            [],
            [],
        ),
    )
    for title, description, standards, measures in steps:
        model_services.add_step(
            actor=consultant,
            model=first,
            title=title,
            description=description,
            standards=standards,
            measures=measures,
        )
    for title, seed, n, duties in (
        ("Ward manager", "team_leader", 1, "Leads the service; owns the falls measures on the ward's board."),
        ("Falls link nurse", "team_member", 2, "Trains new staff; audits the care plans each month."),
        ("Ward physiotherapist", "", 1, "Assesses mobility within a day of admission."),
        ("Consultant in elderly care", "clinician", 1, "Reviews every fall with harm; sets the standards."),
    ):
        model_services.add_team_role(
            actor=consultant, model=first, title=title, seed_role=seed, how_many=n, responsibilities=duties
        )
    for m in falls:
        model_services.add_requirement(
            actor=consultant, model=first, measure=m, comparison="at_most", threshold=6.0, note="each month"
        )
    for m in obs:
        model_services.add_requirement(
            actor=consultant, model=first, measure=m, comparison="at_least", threshold=95.0
        )
    reasons = [need] if need is not None else []
    model_services.decide(
        actor=leader,
        model=first,
        change_kind="new",
        rationale="Falls were the ward's most common harm; the falls audit and the incident themes showed most happened at night.",
        needs=reasons,
    )
    second = model_services.new_version(actor=consultant, model=first)
    model_services.update_model(
        actor=consultant,
        model=second,
        what=second.what + " A bed-exit sensor for patients at the highest risk, tested first in bay 3.",
    )
    if partner is not None:
        model_services.comment(
            actor=partner,
            model=second,
            text="Please make sure patients are told what the sensor is for, so it does not frighten them at night.",
        )


def frailty_model(organisation: Organisation, service: Unit, need: Any) -> None:
    consultant, senior = login("demo.clinician"), login("demo.senior")
    vte = _definitions(organisation, "VTE-RA")
    model = model_services.propose_model(
        actor=consultant,
        unit=service,
        title="Frailty assessment pathway",
        population="People over 75 admitted to Elderly Care, about 300 a month, most from the emergency department.",
        what="A comprehensive geriatric assessment within 24 hours, a plan agreed with the person and their family, and discharge planned from day one.",
        where="The elderly care wards and the frailty assessment unit.",
        who="Geriatricians, specialist nurses, physiotherapists, occupational therapists and the discharge team.",
    )
    for title, description in (
        (
            "Frailty screen in the emergency department",
            "Clinical Frailty Scale recorded for everyone over 75.",
        ),
        ("Comprehensive geriatric assessment", "Within 24 hours of admission, by the frailty team."),
        ("A plan agreed with the person", "What matters to them, written in their words."),
        ("Discharge planned from day one", "An expected date of discharge within 24 hours; the family told."),
    ):
        model_services.add_step(
            actor=consultant,
            model=model,
            title=title,
            description=description,
            measures=vte if title.startswith("Comprehensive") else [],
        )
    for title, seed, n in (
        ("Consultant geriatrician", "clinician", 4),
        ("Frailty specialist nurse", "team_member", 6),
        ("Discharge coordinator", "", 3),
    ):
        model_services.add_team_role(actor=consultant, model=model, title=title, seed_role=seed, how_many=n)
    for m in vte:
        model_services.add_requirement(
            actor=consultant,
            model=model,
            measure=m,
            comparison="at_least",
            threshold=95.0,
            note="each quarter, as in the commissioner's quality schedule",
        )
    reasons = [need] if need is not None else []
    model_services.decide(
        actor=senior,
        model=model,
        change_kind="new",
        rationale="The population needs assessment showed frailty in four in ten admissions over 75 and long stays for those not assessed early.",
        needs=reasons,
    )
