"""The demo trust's QMS maturity self-assessments: last year's, completed, and this year's, under
way, for the board, the Medicine division, Elderly Care and its wards, so the pages can compare
years and units. Ratings are seeded and rise a little from last year where the demo's data show
the work (control and improvement on the demo ward); the evidence text is in the raters' words.
`load` does nothing when the organisation already has self-assessments, so `openqms demo` can add
them to a demo loaded before them, nor when it has no measures (a demo of the tree and people
only), which would leave the evidence empty.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from openqms.control.models import Measure
from openqms.demo.logins import BOARD, DEMO_DIVISION, DEMO_SERVICE, DEMO_WARD
from openqms.demo.selectors import person_on
from openqms.evaluation import framework as frameworks
from openqms.evaluation.models import SelfAssessment
from openqms.evaluation.selectors.assessments import period_of
from openqms.evaluation.selectors.evidence import evidence_for
from openqms.evaluation.services.assessments import complete_assessment, rate_statement, start_assessment
from openqms.organisations.models import Organisation, Unit

SEED = 2029
# What a unit's leaders write as the evidence for a theme, at a low and at a high rating.
EVIDENCE_WORDS = {
    "planning": (
        "Priorities are set at the board; the unit has no plan of its own yet.",
        "The unit's quality plan was agreed with patient partners in March and names its measures.",
    ),
    "control": (
        "Some measures are charted; huddles happen when the ward is quiet.",
        "Every team huddles at 08:30 at its board; SPC charts are updated each week.",
    ),
    "assurance": (
        "Audits are done when the schedule reminds us; some are late.",
        "Audits run to schedule; every gap has an owner and a check that the fix worked.",
    ),
    "improvement": (
        "One or two projects, started by enthusiasts.",
        "Projects are chosen from the board's concerns and test changes in PDSA cycles of two weeks.",
    ),
    "connection": (
        "Concerns are discussed but rarely become projects.",
        "Concerns are escalated or become projects; finished projects hand their measures to the board.",
    ),
    "leadership": (
        "Leaders support quality work when asked.",
        "Leaders sponsor projects, visit huddles monthly and protect time for improvement.",
    ),
    "data": (
        "Data arrive monthly, by e-mail, in spreadsheets.",
        "Measures load automatically each week and the quality team helps teams read them.",
    ),
    "service_users": (
        "Feedback is collected but not acted on visibly.",
        "Patient partners sit on project teams and the ward shows 'you said, we did'.",
    ),
}
# Where each unit starts last year (a mean level), and how far it moves by this year.
UNITS = ((BOARD, 2.6, 0.4), (DEMO_DIVISION, 2.4, 0.5), (DEMO_SERVICE, 2.2, 0.4), (DEMO_WARD, 2.5, 0.8))
RATED_THIS_YEAR = 0.6  # the share of statements already rated in this year's assessment


def _level(rng: random.Random, mean: float, top: int) -> int:
    return max(1, min(top, round(rng.gauss(mean, 0.7))))


@transaction.atomic
def load(organisation: Organisation, today: dt.date) -> int:
    """Self-assessments for last year (completed) and this year (in progress); how many made."""
    if SelfAssessment.objects.filter(unit__organisation=organisation).exists():
        return 0
    if not Measure.objects.filter(unit__organisation=organisation).exists():
        return 0
    framework = frameworks.current()
    rng = random.Random(SEED)
    units = {u.code: u for u in Unit.objects.filter(organisation=organisation)}
    targets: list[tuple[Unit, float, float]] = [(units[c], m, g) for c, m, g in UNITS if c in units]
    ward = units.get(DEMO_WARD)
    if ward is not None and ward.parent_id is not None:
        # The demo ward's sibling wards, so "beside other units" has something to compare.
        for i, sibling in enumerate(Unit.objects.filter(parent_id=ward.parent_id).exclude(pk=ward.pk)[:2]):
            targets.append((sibling, 2.0 + 0.4 * i, 0.3))
    made = 0
    top = len(framework.scale)
    for unit, mean, gain in targets:
        leader = person_on(unit, "team_leader", "senior_leader")
        for year, level_mean in ((today.year - 1, mean), (today.year, mean + gain)):
            assessment = start_assessment(actor=leader, unit=unit, year=year, framework=framework)
            made += 1
            statements = framework.statements
            if year == today.year:
                statements = statements[: round(len(statements) * RATED_THIS_YEAR)]
            for statement in statements:
                theme = framework.theme_of(statement.code)
                level = _level(rng, level_mean, top)
                low, high = EVIDENCE_WORDS.get(theme.code if theme else "", ("", ""))
                rate_statement(
                    actor=leader,
                    assessment=assessment,
                    framework=framework,
                    statement_code=statement.code,
                    level=level,
                    evidence=(high if level >= 3 else low) or "Discussed at the unit's quality meeting.",
                )
            if year < today.year:
                start, end = period_of(year, today)
                evidence = {k: e.as_plain() for k, e in evidence_for(leader, unit, start, end).items()}
                complete_assessment(
                    actor=leader, assessment=assessment, framework=framework, evidence=evidence
                )
    return made
