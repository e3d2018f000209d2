"""Writes of QMS maturity self-assessments: start one for a unit and year, rate its statements,
complete it. Each in one transaction with its audit entry. Who may do them is the view's check
(access.policy's ASSESS); these guard what must hold whoever calls them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.audit.services import created, diff, record, snapshot
from openqms.evaluation.framework import Framework
from openqms.evaluation.models import AssessmentStatus, Rating, SelfAssessment
from openqms.organisations.models import Unit
from openqms.people.models import User

ASSESSMENT_FIELDS = ["unit", "year", "framework_code", "framework_version", "status"]
RATING_FIELDS = ["assessment", "statement_code", "level", "evidence"]
FIRST_YEAR = 2000


def _check_framework(assessment: SelfAssessment, framework: Framework) -> None:
    if (assessment.framework_code, assessment.framework_version) != (framework.code, framework.version):
        raise ValidationError(
            f"This assessment was made against {assessment.framework_title} version "
            f"{assessment.framework_version}; the framework in use is now version {framework.version}, "
            "so it can no longer be changed."
        )


@transaction.atomic
def start_assessment(*, actor: User | None, unit: Unit, year: int, framework: Framework) -> SelfAssessment:
    this_year = timezone.localdate().year
    if not FIRST_YEAR <= year <= this_year:
        raise ValidationError({"year": f"Year must be between {FIRST_YEAR} and {this_year}"})
    if SelfAssessment.objects.filter(unit=unit, year=year).exists():
        raise ValidationError({"year": f"{unit.name} already has a self-assessment for {year}"})
    assessment = SelfAssessment.objects.create(
        unit=unit,
        year=year,
        framework_code=framework.code,
        framework_version=framework.version,
        framework_title=framework.title,
        started_by=actor,
    )
    record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        target=assessment,
        changes=created(snapshot(assessment, ASSESSMENT_FIELDS)),
        unit_id=unit.pk,
    )
    return assessment


@transaction.atomic
def rate_statement(
    *,
    actor: User | None,
    assessment: SelfAssessment,
    framework: Framework,
    statement_code: str,
    level: int,
    evidence: str,
) -> Rating:
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_completed:
        raise ValidationError("This self-assessment is completed; its ratings can no longer change.")
    _check_framework(assessment, framework)
    if framework.statement(statement_code) is None:
        raise ValidationError({"level": f"The framework has no statement {statement_code}"})
    if framework.level(level) is None:
        raise ValidationError({"level": "Choose a level from the scale"})
    if not evidence.strip():
        raise ValidationError({"evidence": "Enter the evidence for this rating"})
    rating = Rating.objects.filter(assessment=assessment, statement_code=statement_code).first()
    before = snapshot(rating, RATING_FIELDS) if rating else None
    if rating is None:
        rating = Rating(assessment=assessment, statement_code=statement_code)
    rating.level, rating.evidence, rating.rated_by = level, evidence.strip(), actor
    rating.save()
    after = snapshot(rating, RATING_FIELDS)
    changes = created(after) if before is None else diff(before, after)
    if changes:
        action = AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE
        record(actor=actor, action=action, target=rating, changes=changes, unit_id=assessment.unit_id)
    return rating


@transaction.atomic
def complete_assessment(
    *,
    actor: User | None,
    assessment: SelfAssessment,
    framework: Framework,
    evidence: Mapping[str, Any],
) -> bool:
    """Complete it, keeping the live evidence as it stands; False (and nothing changes) when it was
    completed already. Every statement must be rated first."""
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_completed:
        return False
    _check_framework(assessment, framework)
    rated = set(assessment.ratings.values_list("statement_code", flat=True))
    missing = [s.code for s in framework.statements if s.code not in rated]
    if missing:
        raise ValidationError(
            f"Rate every statement before completing the self-assessment: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not rated yet."
        )
    before = snapshot(assessment, ASSESSMENT_FIELDS)
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_by, assessment.completed_at = actor, timezone.now()
    assessment.evidence_json = dict(evidence)
    assessment.save()
    record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        target=assessment,
        changes=diff(before, snapshot(assessment, ASSESSMENT_FIELDS)),
        unit_id=assessment.unit_id,
    )
    return True
