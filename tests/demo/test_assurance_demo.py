"""The demo's assurance: two frameworks, standards mapped to them, templates, a year of audits with
real gaps and their actions, through the services and into the audit trail, once."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from openqms.access.models import RoleAssignment
from openqms.actions.models import Action
from openqms.assurance import compliance
from openqms.assurance.models import (
    Accreditation,
    AuditRun,
    AuditTemplate,
    Framework,
    Standard,
    StandardComment,
)
from openqms.audit.services import verify_chain
from openqms.demo import assurance_catalogue, assurance_demo
from openqms.demo.control_data import load_demo_trust, plan_control_demo
from openqms.demo.generator import SMALL, plan_demo
from openqms.demo.logins import DEMO_WARD
from openqms.organisations.models import Unit


class _RolledBack(Exception):
    pass


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    today = timezone.localdate()
    demo = plan_control_demo(plan=plan_demo(size=SMALL, today=today), seed=2026, today=today)
    with django_db_blocker.unblock(), pytest.raises(_RolledBack), transaction.atomic():
        organisation = load_demo_trust(demo=demo)
        assurance_demo.load(organisation, today)  # a no-op if the demo load already added it
        yield organisation
        raise _RolledBack


@pytest.fixture
def organisation(_loaded, db):
    return _loaded


def test_two_frameworks_standards_mapped_and_four_templates(organisation):
    assert sorted(Framework.objects.values_list("code", flat=True)) == ["IPAS", "NCQR"]
    assert Standard.objects.count() == len(assurance_catalogue.STANDARDS)
    assert Standard.objects.get(code="SC-01").requirements.count() == 3
    assert Standard.objects.get(code="SC-01").measures.filter(code="HAND-HYG").exists()
    names = set(AuditTemplate.objects.values_list("name", flat=True))
    assert names == {
        "Hand hygiene audit",
        "Record keeping audit",
        "Medicines storage audit",
        "Safeguarding audit",
    }
    assert StandardComment.objects.filter(
        standard__code="PC-02", author__username="demo.serviceuser"
    ).exists()


def test_a_year_of_audits_with_real_gaps_and_their_actions(organisation):
    completed = AuditRun.objects.filter(status="completed")
    assert completed.count() >= 6 * (12 + 4 + 12 + 4)
    assert completed.filter(passed=False).exists()
    first = completed.order_by("completed_at").first().completed_at.date()
    assert (timezone.localdate() - first).days >= 360
    assert Action.objects.filter(status="closed", effective=True).exists()
    assert Action.objects.filter(status="closed", effective=False).exists()
    assert Action.objects.filter(status__in=("open", "in_progress")).exists()
    ward = Unit.objects.get(code=DEMO_WARD)
    upcoming = AuditRun.objects.filter(unit=ward, assignees__username="demo.serviceuser")
    assert upcoming.filter(status="scheduled", shared_with_service_users=True).exists()


def test_the_demo_ward_is_accredited_with_conditions_and_acts_on_the_finding(organisation):
    item = Accreditation.objects.get(unit__code=DEMO_WARD)
    assert item.status == "conditions"
    assert item.findings.filter(severity="major").exists()
    assert Action.objects.filter(
        source_kind="assurance.finding", source_id__in=item.findings.values("pk")
    ).exists()
    assert Accreditation.objects.filter(kind="inspection", status="planned").exists()


def test_the_gap_analysis_and_heat_map_have_something_to_show(organisation):
    board = organisation.units.get(parent__isnull=True)
    leader = RoleAssignment.objects.current().filter(unit=board, role="senior_leader").first().person
    gaps = {g.kind for g in compliance.gaps(leader, board)}
    assert gaps == {"no standard", "no evidence", "failing"}
    heat = compliance.heat_map(leader, board)
    assert heat.rows
    assert any(c.band.key in ("fails", "partly") for _, cells in heat.rows for c in cells)
    assert compliance.overdue_audits(leader, board)


def test_loading_again_changes_nothing_and_the_chain_is_intact(organisation):
    before = AuditRun.objects.count()
    assert assurance_demo.load(organisation, timezone.localdate()) == 0
    assert AuditRun.objects.count() == before
    assert verify_chain().intact
