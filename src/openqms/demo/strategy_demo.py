"""The demo trust's strategy for 2025–2028: its vision and mission, three goals holding the
priorities the improvement projects serve (each with its quality domains, an executive owner on the
board and the library's outcome measures), and its own words for the four questions.

It runs before the improvement stories, which find the priorities by title (project_parts.PRIORITIES).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from openqms.access.models import RoleAssignment
from openqms.control.models import MeasureDefinition
from openqms.demo.project_parts import PRIORITIES, login
from openqms.demo.selectors import person_on
from openqms.organisations import language_services, strategy_services
from openqms.organisations.models import Organisation, StrategicGoal, StrategicPriority, StrategyVersion
from openqms.organisations.selectors import quality_domains
from openqms.organisations.services import DEFAULT_GOAL
from openqms.planning.services import strategy as planning

VISION = "The safest, kindest and most timely care in the county, planned with the people who use it."
MISSION = (
    "We care for the people of Northshire in hospital, in clinics and at home, and we improve that care "
    "every day with them."
)
SUMMARY = (
    "Three goals for four years. Teams watch the measures that matter on SPC charts, check the standards "
    "they have set themselves, and test changes in small cycles. Every plan, project and audit names the "
    "priority it serves, so each ward can see how its work fits the strategy."
)
# goal: (description, [(priority title, its domains, its outcome measures' codes)])
GOALS: dict[str, tuple[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]] = {
    "Safe, effective care, every time": (
        "No one is harmed by the care meant to help them, and care follows the best evidence.",
        [
            (PRIORITIES[0][0], ("safe", "effective"), ("FALLS", "PU-CAT2", "SEPSIS-1H")),
        ],
    ),
    "Care without delay": (
        "People get the care they need when they need it, and go home when they are ready.",
        [
            (PRIORITIES[1][0], ("timely", "efficient"), ("ED-4H", "RTT-18W", "OPD-WAIT")),
        ],
    ),
    "People at the heart of everything we do": (
        "Service users and carers shape the services, and staff have the time, skills and support to "
        "improve them.",
        [
            (PRIORITIES[2][0], ("person_centred", "equitable"), ("FFT-POS", "COMPLAINTS")),
            (PRIORITIES[3][0], ("effective",), ("SICKNESS", "TURNOVER")),
        ],
    ),
}
QUESTIONS = {
    "plan": "What matters to our patients, and what will we do about it this year?",
    "control": "How do we know our care is good today?",
    "assure": "Can we prove we meet the standards we set?",
    "improve": "What are we testing to make care better?",
}


@transaction.atomic
def load(organisation: Organisation) -> int:
    """The strategy, unless the organisation has one already; the number of priorities it holds."""
    if StrategyVersion.objects.filter(organisation=organisation).exists():
        return 0
    senior = login("demo.senior")
    board = organisation.units.get(parent__isnull=True)
    # The executive owners: the board's senior leaders in turn.
    owners = [
        r.person
        for r in RoleAssignment.objects.current()
        .filter(unit=board, role="senior_leader")
        .select_related("person")
        .order_by("person__username")
    ] or [person_on(board, "senior_leader")]
    strategy_services.publish_version(
        actor=senior,
        organisation=organisation,
        title="Quality strategy 2025–2028",
        starts=2025,
        ends=2028,
        vision=VISION,
        mission=MISSION,
        summary=SUMMARY,
    )
    domains = {d.key: d for d in quality_domains(organisation)}
    definitions = {d.code: d for d in MeasureDefinition.objects.filter(organisation=organisation)}
    descriptions = {title: description for title, description, _domain in PRIORITIES}
    count = 0
    for goal_title, (goal_description, priorities) in GOALS.items():
        goal = strategy_services.add_goal(
            actor=senior, organisation=organisation, title=goal_title, description=goal_description
        )
        for title, keys, codes in priorities:
            fields: dict[str, Any] = {
                "domains": [domains[k] for k in keys if k in domains],
                "executive_owner": owners[count % len(owners)],
                "outcome_measures": [definitions[c] for c in codes if c in definitions],
            }
            existing = StrategicPriority.objects.filter(organisation=organisation, title=title).first()
            if existing is None:
                planning.add_priority(
                    actor=senior, goal=goal, title=title, description=descriptions.get(title, ""), **fields
                )
            else:
                planning.update_priority(
                    actor=senior,
                    priority=existing,
                    goal=goal,
                    title=existing.title,
                    description=existing.description,
                    position=existing.position,
                    **fields,
                )
            count += 1
    # A demo loaded before goals existed had its priorities put under one goal by the migration.
    for empty in StrategicGoal.objects.filter(organisation=organisation, title=DEFAULT_GOAL, priorities=None):
        strategy_services.retire_goal(actor=senior, goal=empty)
    language_services.set_four_questions(actor=None, organisation=organisation, questions=QUESTIONS)
    return count
