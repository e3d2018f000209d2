"""Loading the demo trust's quality-control data through the control services.

Definitions and annotations go through their services one by one, before any data, so that an
annotation recomputes an empty measure, which costs nothing; measures and target changes go in
bulk, with the audit entries their services would write (see `_add_measures`). All the data go
in with one `save_data` call, so there is one audit entry per measure (source "demo") and one SPC
recomputation of everything, which also proposes the escalations the signals call for. The
huddles and escalations come last, because some escalations are confirmed from those proposals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, record_many, snapshot
from openqms.control.imports.checks import DataPoint
from openqms.control.models import (
    Escalation,
    EscalationProposal,
    IssueOutcome,
    Measure,
    MeasureDefinition,
    ProposalReason,
    ProposalStatus,
    TargetChange,
)
from openqms.control.services.data import save_data
from openqms.control.services.escalations import (
    confirm_proposal,
    current_tier,
    dismiss_proposal,
    escalate_further,
    resolve_escalation,
    update_tier,
)
from openqms.control.services.huddles import IssueInput, record_huddle
from openqms.control.services.measures import MEASURE_FIELDS, add_annotation, create_definition
from openqms.demo import (
    assurance_demo,
    evaluation_demo,
    improvement_demo,
    method_projects,
    planning_demo,
    planning_needs_demo,
    reporting_demo,
    strategy_demo,
)
from openqms.demo.control_catalogue import MEASURES
from openqms.demo.control_huddles import PlannedHuddle, huddle_wards, plan_huddles
from openqms.demo.control_plan import ControlPlan, current_people, plan_control
from openqms.demo.generator import DemoPlan
from openqms.demo.logins import DEMO_LOGINS, DEMO_WARD
from openqms.demo.services import load_demo
from openqms.organisations.models import Organisation, Unit

# (stage, steps done since the last call)
Progress = Callable[[str, int], None]
DEMO_SOURCE = "demo"
SPECS = {s.code: s for s in MEASURES}
# The date add_measure gives a definition's default target, so that it applies to every period.
ALWAYS = dt.date(1900, 1, 1)
DEMO_USERNAMES = frozenset(login.username for login in DEMO_LOGINS)


@dataclass(frozen=True)
class ControlDemo:
    """The organisation plan and the control plans made from it, for one seed and day."""

    plan: DemoPlan
    control: ControlPlan
    huddles: tuple[PlannedHuddle, ...]
    today: dt.date

    def steps(self) -> int:
        c = self.control
        return (
            len(c.definitions)
            + 2 * len(c.series)
            + len(c.targets)
            + len(c.annotations)
            + c.points
            + len(self.huddles)
        )


def plan_control_demo(*, plan: DemoPlan, seed: int, today: dt.date) -> ControlDemo:
    return ControlDemo(
        plan=plan,
        control=plan_control(plan=plan, seed=seed, today=today),
        huddles=plan_huddles(plan=plan, seed=seed, today=today),
        today=today,
    )


@transaction.atomic
def load_demo_trust(*, demo: ControlDemo, progress: Progress | None = None) -> Organisation:
    """The organisation and its control data in one transaction, so a failure leaves no half demo
    behind for the next `openqms demo` to mistake for a loaded one."""
    step = progress or (lambda _stage, _n: None)
    organisation = load_demo(plan=demo.plan, progress=lambda n: step("Units, people and roles", n))
    load_control(organisation=organisation, demo=demo, progress=step)
    strategy_demo.load(organisation)
    improvement_demo.load(organisation, demo.today)
    method_projects.load(organisation, demo.today)
    assurance_demo.load(organisation, demo.today)
    planning_needs_demo.load(organisation, demo.today)
    planning_demo.load(organisation, demo.today)
    evaluation_demo.load(organisation, demo.today)
    reporting_demo.load(organisation, demo.today)
    return organisation


@transaction.atomic
def load_control(*, organisation: Organisation, demo: ControlDemo, progress: Progress | None = None) -> None:
    step = progress or (lambda _stage, _n: None)
    units = {u.code: u for u in organisation.units.all()}
    usernames = [p.username for p in demo.plan.people]
    people = {p.username: p for p in get_user_model().objects.filter(username__in=usernames)}
    plan = demo.control

    definitions: dict[str, MeasureDefinition] = {}
    for code, owner in plan.definitions:
        s = SPECS[code]
        definitions[code] = create_definition(
            actor=None, owner_unit=units[s.owner], code=s.code, name=s.name, definition=s.definition,
            unit_of_measurement=s.unit_of_measurement, measure_type=s.measure_type,
            quality_domain=s.quality_domain, direction=s.direction, frequency=s.frequency,
            chart_type=s.chart_type, data_shape=s.data_shape, multiplier=s.multiplier, rollup=s.rollup,
            default_target=s.default_target, owner_person=people.get(owner) if owner else None,
            data_source=s.data_source, shared_with_service_users=s.shared,
        )  # fmt: skip
        step("Measure definitions", 1)
    measures = _add_measures(plan, definitions, units)
    step("Measures", len(measures))
    _set_targets(plan, measures)
    step("Targets", len(plan.targets))
    for note in plan.annotations:
        add_annotation(
            actor=people.get(note.username) if note.username else None,
            measure=measures[(note.definition, note.unit_code)],
            on=note.on, kind=note.kind, label=note.label, reason=note.reason,
        )  # fmt: skip
        step("Annotations", 1)

    points = [
        DataPoint(measures[(s.definition, s.unit_code)].pk, period, value, numerator, denominator)
        for s in plan.series
        for period, value, numerator, denominator in zip(
            s.periods, s.values, s.numerators, s.denominators, strict=True
        )
    ]
    done: dict[str, int] = {}

    def saving(stage: str, count: int, _total: int | None) -> None:
        label = "Measure data" if stage == "saving" else "SPC"
        step(label, count - done.get(stage, 0))
        done[stage] = count

    save_data(actor=None, points=points, source=DEMO_SOURCE, progress=saving)
    _load_huddles(demo, units, people, step)
    _decide_proposals(demo, units, people)


def _add_measures(
    plan: ControlPlan, definitions: dict[str, MeasureDefinition], units: dict[str, Unit]
) -> dict[tuple[str, str], Measure]:
    """What `add_measure` does for each measure, in bulk.

    Through the service, one by one, the ~550 measures took 15 s on PostgreSQL on a busy machine,
    a third of the whole demo, all of it round trips. So the rows go in with `bulk_create` and
    their entries with one `record_many`, each entry what `add_measure` records, and each default
    target the change `add_measure` makes.
    """
    batch = []
    for series in plan.series:
        definition, unit = definitions[series.definition], units[series.unit_code]
        if unit.organisation_id != definition.organisation_id:
            raise ValueError(f"{unit.code} is not in the organisation of {definition.code}")
        shared = definition.shared_with_service_users
        batch.append(Measure(definition=definition, unit=unit, shared_with_service_users=shared))
    Measure.objects.bulk_create(batch)
    record_many(
        actor=None,
        changes=[
            Change(AuditEntry.Action.CREATE, m, created(snapshot(m, MEASURE_FIELDS)), m.unit_id)
            for m in batch
        ],
    )
    TargetChange.objects.bulk_create(
        TargetChange(measure=m, effective_from=ALWAYS, target=m.definition.default_target)
        for m in batch
        if m.definition.default_target is not None
    )
    return {(m.definition.code, m.unit.code): m for m in batch}


def _set_targets(plan: ControlPlan, measures: dict[tuple[str, str], Measure]) -> None:
    """What `set_target` does for each planned change, in bulk, for the same reason as above. No
    recomputation: the measures have no data yet, and `save_data` computes them all later."""
    changes = [
        TargetChange(
            measure=measures[(t.definition, t.unit_code)], effective_from=t.effective_from, target=t.target,
            reason=t.reason,
        )
        for t in plan.targets
    ]  # fmt: skip
    TargetChange.objects.bulk_create(changes)
    record_many(
        actor=None,
        changes=[
            # No target started on that day before, so the old value is None, as set_target records it.
            Change(
                AuditEntry.Action.UPDATE, c.measure,
                {f"target from {c.effective_from.isoformat()}": [None, c.target]}, c.measure.unit_id,
            )
            for c in changes
        ],
    )  # fmt: skip


def _tiers_above(plan: DemoPlan, code: str) -> list[str]:
    parent = {u.code: u.parent_code for u in plan.units}
    chain = []
    while code in parent:
        code = parent[code]
        chain.append(code)
    return chain


def _leader(demo: ControlDemo, unit_code: str, people: dict[str, Any]) -> Any:
    """Who leads for a tier: its own leader, or a senior leader above it."""
    current = current_people(demo.plan, demo.today)
    for code in [unit_code, *_tiers_above(demo.plan, unit_code)]:
        leaders = [u for u, role in current.get(code, []) if role in ("team_leader", "senior_leader")]
        # A demo login, where one leads here, so that signing in shows what that leader did.
        leaders.sort(key=lambda u: u not in DEMO_USERNAMES)
        if leaders:
            return people[leaders[0]]
    raise ValueError(f"No leader for {unit_code} in the demo plan")


def _load_huddles(demo: ControlDemo, units: dict[str, Unit], people: dict[str, Any], step: Progress) -> None:
    stories: list[tuple[str, str]] = []
    for planned in demo.huddles:
        huddle = record_huddle(
            actor=people[planned.recorded_by],
            unit=units[planned.unit_code],
            held_on=planned.held_on,
            attendees=[people[u] for u in planned.attendees],
            other_attendees=planned.other_attendees,
            notes=planned.notes,
            issues=[
                IssueInput(i.description, people[i.owner] if i.owner else None, i.due_on, i.outcome)
                for i in planned.issues
            ],
        )
        stories += [
            (huddle.unit.code, i.follow_up) for i in planned.issues if i.outcome == IssueOutcome.ESCALATED
        ]
        step("Huddles", 1)
    for escalation in Escalation.objects.filter(source_issue__isnull=False).select_related("origin_unit"):
        follow_up = dict(stories).get(escalation.origin_unit.code, "")
        _follow_up(demo, escalation, follow_up, people)


def _follow_up(demo: ControlDemo, escalation: Escalation, follow_up: str, people: dict[str, Any]) -> None:
    tier = current_tier(escalation)
    matron = _leader(demo, tier.unit.code, people)
    today = demo.today
    if follow_up in ("taken", "resolved", "overdue"):
        update_tier(
            actor=matron, tier=tier, owner=matron, due_on=today + dt.timedelta(days=5),
            note="Taken by the matron: discussed at the service's daily bed meeting.",
        )  # fmt: skip
    if follow_up == "resolved":
        resolve_escalation(
            actor=matron, escalation=escalation,
            resolution="A replacement was loaned from the equipment library the same day; EBME fitted the "
            "new part and the original is back in use.",
        )  # fmt: skip
    if follow_up == "overdue":
        # Taken up, promised for a date that has now passed: the division sees it flagged.
        update_tier(
            actor=matron, tier=current_tier(escalation), due_on=today - dt.timedelta(days=3),
            note="Asked the staffing bureau for block-booked bank shifts; waiting for an answer.",
        )  # fmt: skip


def _decide_proposals(demo: ControlDemo, units: dict[str, Unit], people: dict[str, Any]) -> None:
    """The demo ward escalates its night staffing concern, which goes on to the division; others
    confirm or dismiss what the system proposed for them."""
    wards = huddle_wards(demo.plan, demo.today)
    proposals = list(
        EscalationProposal.objects.filter(measure__unit__code__in=wards, status=ProposalStatus.PROPOSED)
        .select_related("measure__definition", "measure__unit")
        .order_by("measure__unit__code", "measure__definition__code", "reason")
    )
    if not proposals:
        return
    demo_ward = [p for p in proposals if p.measure.unit.code == DEMO_WARD]
    night = [
        p for p in demo_ward
        if p.measure.definition.code == "RN-FILL-NIGHT" and p.reason == ProposalReason.CONCERN
    ]  # fmt: skip
    first = (night or demo_ward or proposals)[0]
    team_leader = _leader(demo, first.measure.unit.code, people)
    escalation = confirm_proposal(
        actor=team_leader, proposal=first,
        note="Raised at the huddle: the rota cannot cover the night vacancies, and bank fill is low.",
    )  # fmt: skip
    tier = current_tier(escalation)
    matron = _leader(demo, tier.unit.code, people)
    update_tier(
        actor=matron, tier=tier, owner=matron,
        note="Rota review with the e-Roster team; enhanced bank rates for nights approved for a month.",
    )  # fmt: skip
    division = escalate_further(
        actor=matron, escalation=escalation,
        note="Still short after the rota review: the service cannot recruit faster on its own.",
    )  # fmt: skip
    director = _leader(demo, division.unit.code, people)
    update_tier(
        actor=director, tier=division, owner=director,
        note="On the divisional workforce risk register; two international recruits allocated to this ward.",
    )  # fmt: skip

    others = [p for p in proposals if p.measure.unit.code != first.measure.unit.code]
    seen_units: set[str] = set()
    for proposal in others:
        code = proposal.measure.unit.code
        if code in seen_units:
            continue
        seen_units.add(code)
        actor = _leader(demo, code, people)
        if len(seen_units) == 1:
            dismiss_proposal(
                actor=actor, proposal=proposal,
                reason="Already the subject of the ward's improvement project on this measure, which the "
                "matron reviews monthly; escalating it again would add nothing.",
            )  # fmt: skip
        else:
            confirm_proposal(actor=actor, proposal=proposal)
