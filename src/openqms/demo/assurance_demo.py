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

from openqms.actions.services import tracker as actions
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
from openqms.demo.assurance_catalogue import (
    INFECTION_SCHEME,
    MEASURES,
    QUALITY_STATEMENTS,
    STANDARDS,
    TEMPLATES,
    YES_NO,
)
from openqms.demo.logins import DEMO_WARD
from openqms.demo.selectors import person_on
from openqms.links.registry import Source
from openqms.organisations.models import Organisation, Unit

SEED = 2026


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
    lead = person_on(board, "senior_leader")
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
        auditor = person_on(unit, "team_member", "team_leader") or lead
        leader = person_on(unit, "team_leader", "senior_leader") or lead
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
            actor=person_on(demo_ward, "team_leader") or lead, template=templates["HH"][0], unit=demo_ward,
            due_on=today + dt.timedelta(days=7), assignees=[service_user], shared_with_service_users=True,
        )  # fmt: skip
    return completed


def _accreditations(
    organisation: Organisation, units: list[Unit], scheme: Framework, lead: Any, today: dt.date
) -> None:
    """The demo ward's infection prevention accreditation (with conditions) and the regulator's visit."""
    if units:
        ward = units[0]
        leader = person_on(ward, "team_leader") or lead
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
