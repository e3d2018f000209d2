"""Raising needs, scoring them and setting their status, their evidence, and what answers them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from openqms.assurance import evidence_files
from openqms.audit.models import AuditEntry
from openqms.organisations import services as organisations
from openqms.planning.services import needs as services
from tests.improvement import helpers as improvement
from tests.planning import needs_helpers as h

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def _entries(need):
    return list(
        AuditEntry.objects.filter(object_type="planning.need", object_id=str(need.pk)).order_by("sequence")
    )


def test_a_service_user_raises_a_need_and_it_says_so(trust):
    mine = h.need(trust, by="sue_service_user")
    staffs = h.need(trust, by="mo_member")
    assert mine.raised_by_service_user
    assert not staffs.raised_by_service_user
    assert mine.status == "new"
    assert mine.score is None
    assert _entries(mine)[0].changes["raised_by_service_user"] == [None, True]


def test_the_score_is_impact_times_reach_and_declining_needs_a_reason(trust):
    need = h.need(trust)
    tess = trust.people["tess_team_leader"]
    services.triage_need(actor=tess, need=need, impact=4, reach=3, status="accepted")
    assert need.score == 12
    with pytest.raises(ValidationError) as caught:
        services.triage_need(actor=tess, need=need, impact=4, reach=3, status="declined")
    assert "decline_reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.triage_need(actor=tess, need=need, impact=6, reach=3, status="accepted")
    assert "impact" in caught.value.message_dict
    need.refresh_from_db()
    assert (need.status, need.impact) == ("accepted", 4)
    services.triage_need(actor=tess, need=need, impact=4, reach=3, status="accepted")  # no change
    services.triage_need(
        actor=tess, need=need, impact=4, reach=3, status="declined", decline_reason="Estates said no"
    )
    assert [e.action for e in _entries(need)] == ["create", "update", "update"]
    assert _entries(need)[-1].changes["status"] == ["accepted", "declined"]


def test_what_answers_a_need_belongs_to_its_organisation_and_each_change_is_audited(trust):
    need = h.need(trust)
    priority = organisations.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    theirs = organisations.add_priority(actor=None, organisation=trust.other_org, title="Riverside's")
    project = improvement.project(trust, "ward_a")
    mo = trust.people["mo_member"]
    services.link_need(
        actor=mo,
        need=need,
        priorities=[priority],
        services=[trust.elderly_care],
        standards=[],
        projects=[project],
    )
    assert list(need.priorities.all()) == [priority]
    assert list(need.services.all()) == [trust.elderly_care]
    with pytest.raises(ValidationError) as caught:
        services.link_need(actor=mo, need=need, priorities=[theirs], services=[], standards=[], projects=[])
    assert "priorities" in caught.value.message_dict
    services.link_need(
        actor=mo,
        need=need,
        priorities=[priority],
        services=[trust.elderly_care],
        standards=[],
        projects=[project],
    )
    changes = [e.changes for e in _entries(need)][1:]
    assert changes == [
        {
            "priorities": [[], [priority.pk]],
            "services": [[], [trust.elderly_care.pk]],
            "projects": [[], [project.pk]],
        }
    ]


def test_evidence_is_a_checked_file_or_a_link(trust, tmp_path, settings):
    settings.OPENQMS_EVIDENCE_DIR = tmp_path
    need = h.need(trust)
    mo = trust.people["mo_member"]
    day = dt.date(2026, 1, 5)
    filed = services.add_evidence(
        actor=mo,
        need=need,
        source="survey",
        on=day,
        summary="Family survey",
        file_name="survey.png",
        data=PNG,
    )
    assert filed.content_type == "image/png"
    assert evidence_files.path_of(filed.stored_name).read_bytes() == PNG
    linked = services.add_evidence(
        actor=mo, need=need, source="data", on=day, summary="Bed days", link="https://intranet.example/beds"
    )
    assert linked.stored_name is None
    for kwargs, field in [
        ({}, "file"),
        ({"file_name": "survey.pdf", "data": PNG}, "file"),
        ({"link": "https://x.example", "file_name": "a.png", "data": PNG}, "file"),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.add_evidence(actor=mo, need=need, source="data", on=day, summary="x", **kwargs)
        assert field in caught.value.message_dict
    assert need.evidence.count() == 2
    entry = AuditEntry.objects.filter(object_type="planning.needevidence").first()
    assert entry.unit_id == trust.ward_a.pk
