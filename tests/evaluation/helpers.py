"""A year of quality work on Ward A for the evaluation tests, made through the other apps' services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openqms.control.services.huddles import record_huddle
from openqms.evaluation import framework as frameworks
from openqms.evaluation.models import SelfAssessment
from openqms.evaluation.services.assessments import rate_statement, start_assessment
from tests.control import pages_helpers as control
from tests.improvement import helpers as improvement

YEAR = 2025
UNTIL = dt.date(2025, 12, 31)


def quality_year(trust: Any) -> dict[str, Any]:
    """Ward A in 2025: a measure with 24 months of data to December, huddles each month from
    March, and a project with one PDSA cycle in June."""
    m = control.measure(trust.ward_a)
    control.monthly_values(m, [10.0 + (i % 3) for i in range(24)], start=dt.date(2024, 1, 1))
    tess = trust.people["tess_team_leader"]
    for month in range(3, 13):
        record_huddle(actor=tess, unit=trust.ward_a, held_on=dt.date(YEAR, month, 10))
    project = improvement.project(
        trust,
        measure=m,
        starts_on=dt.date(YEAR, 5, 1),
        ends_on=dt.date(YEAR, 11, 30),
        aim_by=dt.date(YEAR, 11, 30),
    )
    improvement.cycle(improvement.idea(project), starts_on=dt.date(YEAR, 6, 1), ends_on=dt.date(YEAR, 6, 14))
    return {"measure": m, "project": project}


def assessment(trust: Any, unit: str = "ward_a", year: int = YEAR, rate: bool = False) -> SelfAssessment:
    framework = frameworks.current()
    found = start_assessment(actor=None, unit=getattr(trust, unit), year=year, framework=framework)
    if rate:
        for s in framework.statements:
            rate_statement(
                actor=None, assessment=found, framework=framework, statement_code=s.code, level=3,
                evidence="What we do, written down.",
            )  # fmt: skip
    return found
