"""Loading the demo's control data: through the services, into the audit trail, once."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from openqms.actions.models import Action
from openqms.audit.models import AuditEntry
from openqms.audit.services import verify_chain
from openqms.control.models import (
    Annotation,
    Escalation,
    EscalationProposal,
    EscalationTier,
    Huddle,
    HuddleIssue,
    Measure,
    MeasureDefinition,
    Observation,
    SpcSnapshot,
    TargetChange,
)
from openqms.demo.control_data import DEMO_SOURCE, load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.demo.logins import DEMO_DIVISION, DEMO_SERVICE, DEMO_WARD
from openqms.organisations.models import Unit

CONTROL_MODELS = (
    MeasureDefinition, Measure, TargetChange, Observation, Annotation, SpcSnapshot, Huddle, HuddleIssue,
    Escalation, EscalationTier, EscalationProposal, Action, AuditEntry,
)  # fmt: skip


class _RolledBack(Exception):
    pass


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    # Loaded once for the module and rolled back after it: each test only reads, and a load takes
    # seconds. Each test's own transaction nests inside this one.
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    with django_db_blocker.unblock(), pytest.raises(_RolledBack), transaction.atomic():
        load_demo_trust(demo=demo)
        yield demo
        raise _RolledBack


@pytest.fixture
def small_demo(_loaded, db):
    return _loaded


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in CONTROL_MODELS}


def test_every_team_and_ward_has_measures_with_their_data_and_snapshots(small_demo):
    teams = Unit.objects.filter(kind__in=("team", "ward"))
    assert teams.exists()
    assert not teams.exclude(measures__isnull=False).exists()
    assert Measure.objects.count() == len(small_demo.control.series)
    assert Observation.objects.count() == small_demo.control.points
    assert SpcSnapshot.objects.count() == Measure.objects.count()
    ward_falls = Measure.objects.get(unit__code=DEMO_WARD, definition__code="FALLS")
    assert ward_falls.observations.count() == 36
    assert ward_falls.annotations.filter(kind="recalculation").exclude(reason="").exists()
    assert ward_falls.snapshot.result["phases"]
    assert len(ward_falls.snapshot.result["phases"]) == 2


def test_the_demo_ward_has_a_concern_and_the_trust_has_passes_and_fails(small_demo):
    concerns = SpcSnapshot.objects.filter(last_point_type="special_cause_concern")
    assert concerns.filter(measure__unit__code=DEMO_WARD, measure__definition__code="RN-FILL-NIGHT").exists()
    assurance = Counter(SpcSnapshot.objects.values_list("assurance_icon", flat=True))
    assert assurance["consistent_pass"]
    assert assurance["consistent_fail"]
    assert assurance["inconsistent"]


def test_huddles_escalations_and_proposals_tell_their_story_at_several_tiers(small_demo):
    today = timezone.localdate()
    assert Huddle.objects.count() == len(small_demo.huddles)
    assert Huddle.objects.filter(unit__code=DEMO_WARD, attendees__username="demo.member").exists()
    tiers = Counter(EscalationTier.objects.values_list("unit__kind", flat=True))
    assert tiers["ward"]
    assert tiers["service"]
    assert tiers["division"]
    taken_up = EscalationTier.objects.filter(
        unit__kind="service", status="in_progress", action__owner__isnull=False
    )
    assert taken_up.count() >= 2
    assert taken_up.filter(action__due_on__lt=today).exists()  # overdue at the service tier
    # Its answer is an overdue action on the service, so the division above sees it in its tracker.
    overdue = Action.objects.overdue().filter(escalation_tier__in=taken_up)
    assert overdue.filter(unit__parent__kind="division").exists()
    # Every huddle issue and every tier is backed by its action, which the huddle or escalation raised.
    assert not HuddleIssue.objects.exclude(
        action__source_kind="control.huddle", action__source_id=F("huddle_id")
    ).exists()
    assert Action.objects.filter(huddle_issue__isnull=False, status="closed").exists()
    assert Action.objects.filter(huddle_issue__isnull=False, status="open").exists()
    assert (
        EscalationTier.objects.filter(action__kept_at_source=True).count() == EscalationTier.objects.count()
    )
    assert Escalation.objects.filter(status="resolved").count() == 1
    further = Escalation.objects.get(current_unit__code=DEMO_DIVISION)
    assert further.tiers.get(unit__code=DEMO_SERVICE).status == "escalated"
    assert further.tiers.get(unit__code=DEMO_DIVISION).action.owner.username == "demo.senior"
    assert further.source_measure.definition.code == "RN-FILL-NIGHT"
    decided = Counter(EscalationProposal.objects.values_list("status", flat=True))
    assert decided["confirmed"] >= 2
    assert decided["dismissed"] == 1
    assert decided["proposed"]
    assert EscalationProposal.objects.get(status="dismissed").dismissal_reason


def test_measures_and_target_changes_loaded_in_bulk_are_in_the_audit_trail_as_their_services_write_them(
    small_demo,
):
    created = AuditEntry.objects.filter(action="create", object_type="control.measure")
    assert set(created.values_list("object_id", flat=True)) == {
        str(pk) for pk in Measure.objects.values_list("pk", flat=True)
    }
    entry = created.first()
    assert set(entry.changes) == {"definition", "unit", "shared_with_service_users", "archived_at"}
    changed = TargetChange.objects.exclude(effective_from__year=1900)
    # Besides control's own, the demo's approved quality plans set targets through the same service.
    from_plans = changed.filter(plan_targets__isnull=False).distinct().count()
    assert changed.count() - from_plans == len(small_demo.control.targets)
    updates = AuditEntry.objects.filter(action="update", object_type="control.measure")
    assert updates.filter(changes_json__contains='"target from ').count() == changed.count()


def test_measure_data_are_audited_once_per_measure_and_the_chain_verifies(small_demo):
    imports = AuditEntry.objects.filter(action="import", object_type="control.measure")
    assert imports.count() == Measure.objects.count()
    assert all(f'"source":[null,"{DEMO_SOURCE}"]' in entry.changes_json for entry in imports)
    report = verify_chain()
    assert report.intact, report.reason
    assert report.checked == AuditEntry.objects.count()


def test_a_second_openqms_demo_writes_no_rows_and_no_audit_entries(small_demo):
    before = _counts()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert out.getvalue().strip() == "The demo organisation is already loaded."
    assert _counts() == before
