"""Starting, rating and completing a self-assessment: what must hold, and the audit trail."""

from __future__ import annotations

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from openqms.audit.models import AuditEntry
from openqms.evaluation import framework as frameworks
from openqms.evaluation.models import Rating
from openqms.evaluation.services.assessments import complete_assessment, rate_statement, start_assessment
from tests.evaluation import helpers


def _entries(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_starting_one_records_the_framework_it_is_made_against(trust):
    tess = trust.people["tess_team_leader"]
    found = start_assessment(actor=tess, unit=trust.ward_a, year=2025, framework=frameworks.current())
    assert (found.framework_code, found.framework_version) == ("openqms-qms-maturity", "2026.1")
    assert found.started_by == tess
    assert not found.is_completed
    assert _entries(found) == ["create"]


def test_a_unit_has_one_self_assessment_a_year_and_none_in_the_future(trust):
    helpers.assessment(trust)
    f = frameworks.current()
    with pytest.raises(ValidationError) as exc:
        start_assessment(actor=None, unit=trust.ward_a, year=helpers.YEAR, framework=f)
    assert exc.value.message_dict == {"year": ["Ward A already has a self-assessment for 2025"]}
    next_year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as exc:
        start_assessment(actor=None, unit=trust.ward_a, year=next_year, framework=f)
    assert exc.value.message_dict == {"year": [f"Year must be between 2000 and {next_year - 1}"]}


def test_rating_again_changes_the_rating_and_records_what_changed(trust):
    found = helpers.assessment(trust)
    f = frameworks.current()
    tess = trust.people["tess_team_leader"]
    rating = rate_statement(
        actor=tess, assessment=found, framework=f, statement_code="CO2", level=2, evidence="Some wards."
    )
    rate_statement(
        actor=tess,
        assessment=found,
        framework=f,
        statement_code="CO2",
        level=4,
        evidence="Every ward, daily.",
    )
    rating.refresh_from_db()
    assert (rating.level, rating.evidence) == (4, "Every ward, daily.")
    assert _entries(rating) == ["create", "update"]
    last = AuditEntry.objects.filter(object_id=str(rating.pk), object_type="evaluation.rating").last()
    assert '"level":[2,4]' in last.changes_json


def test_a_rating_needs_a_statement_of_the_framework_a_level_of_its_scale_and_evidence(trust):
    found = helpers.assessment(trust)
    f = frameworks.current()

    def rate(**kwargs):
        args = {"statement_code": "CO1", "level": 3, "evidence": "Charts on the board."} | kwargs
        with pytest.raises(ValidationError) as exc:
            rate_statement(actor=None, assessment=found, framework=f, **args)
        return exc.value.message_dict

    assert rate(statement_code="XX1") == {"level": ["The framework has no statement XX1"]}
    assert rate(level=6) == {"level": ["Choose a level from the scale"]}
    assert rate(evidence="  ") == {"evidence": ["Enter the evidence for this rating"]}
    assert not Rating.objects.exists()


def test_it_completes_only_when_every_statement_is_rated_and_keeps_the_evidence(trust):
    found = helpers.assessment(trust)
    f = frameworks.current()
    with pytest.raises(
        ValidationError, match="Rate every statement before completing the self-assessment: PL1, PL2"
    ):
        complete_assessment(actor=None, assessment=found, framework=f, evidence={})
    for s in f.statements:
        rate_statement(
            actor=None, assessment=found, framework=f, statement_code=s.code, level=3, evidence="Yes."
        )
    assert complete_assessment(
        actor=trust.people["tess_team_leader"], assessment=found, framework=f, evidence={"k": {"text": "1"}}
    )
    found.refresh_from_db()
    assert found.is_completed
    assert found.evidence_json == {"k": {"text": "1"}}
    assert _entries(found) == ["create", "update"]


def test_completing_twice_changes_nothing(trust):
    found = helpers.assessment(trust, rate=True)
    f = frameworks.current()
    assert complete_assessment(actor=None, assessment=found, framework=f, evidence={"first": {}})
    assert not complete_assessment(actor=None, assessment=found, framework=f, evidence={"second": {}})
    found.refresh_from_db()
    assert found.evidence_json == {"first": {}}
    assert _entries(found) == ["create", "update"]


def test_a_completed_assessment_cannot_be_rated_again(trust):
    found = helpers.assessment(trust, rate=True)
    f = frameworks.current()
    complete_assessment(actor=None, assessment=found, framework=f, evidence={})
    with pytest.raises(ValidationError, match="completed"):
        rate_statement(
            actor=None, assessment=found, framework=f, statement_code="CO1", level=5, evidence="Better."
        )


def test_an_assessment_made_against_another_version_of_the_framework_is_not_changed(trust):
    found = helpers.assessment(trust)
    newer = dataclasses.replace(frameworks.current(), version="2027.1")
    with pytest.raises(
        ValidationError, match=r"version 2026\.1; the framework in use is now version 2027\.1"
    ):
        rate_statement(
            actor=None, assessment=found, framework=newer, statement_code="CO1", level=3, evidence="Yes."
        )
