"""Reads of planning and reporting: strategic priorities, needs, quality plans and reports, scoped as
their pages are, filtered, and in a number of queries that does not grow with the page."""

from __future__ import annotations

import datetime as dt
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from openqms.organisations import services as organisation_services
from openqms.planning.services import needs as need_services
from openqms.planning.services import plans as plan_services
from openqms.planning.services import you_said as you_said_services
from tests.api.helpers import auth, token_for
from tests.planning import needs_helpers as nh
from tests.planning.helpers import drafted
from tests.reporting import helpers as rh


def _get(client, path, secret, **query):
    return client.get(path, query, **auth(secret))


def test_priorities_are_those_of_the_persons_organisations(client, trust):
    ours = organisation_services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    organisation_services.add_priority(actor=None, organisation=trust.other_org, title="Theirs")
    body = _get(client, "/api/v1/priorities", token_for(trust, "mo_member")).json()
    assert [p["id"] for p in body["items"]] == [ours.pk]
    other = _get(client, "/api/v1/priorities", token_for(trust, "otto_other_admin")).json()
    assert [p["title"] for p in other["items"]] == ["Theirs"]
    assert (
        _get(client, f"/api/v1/priorities/{ours.pk}", token_for(trust, "otto_other_admin")).status_code == 404
    )


def test_staff_read_the_register_and_a_service_user_only_her_own_needs(client, trust):
    staff_need = nh.need(trust)
    sues = nh.need(trust, by="sue_service_user", title="A hearing loop")
    ward_b = nh.need(trust, "ward_b", by="colin_clinician")
    mo = _get(client, "/api/v1/needs", token_for(trust, "mo_member")).json()
    assert {n["id"] for n in mo["items"]} == {staff_need.pk, sues.pk}
    sue = _get(client, "/api/v1/needs", token_for(trust, "sue_service_user")).json()
    assert [n["id"] for n in sue["items"]] == [sues.pk]
    assert (
        _get(client, f"/api/v1/needs/{staff_need.pk}", token_for(trust, "sue_service_user")).status_code
        == 404
    )
    assert _get(client, f"/api/v1/needs/{ward_b.pk}", token_for(trust, "mo_member")).status_code == 404


def test_needs_are_filtered_by_unit_and_status(client, trust):
    nh.need(trust)
    accepted = nh.need(trust, title="Interpreters")
    need_services.triage_need(
        actor=trust.people["tess_team_leader"], need=accepted, impact=4, reach=3, status="accepted"
    )
    on_b = nh.need(trust, "ward_b", by="colin_clinician")
    sam = token_for(trust, "sam_senior")
    by_status = _get(client, "/api/v1/needs", sam, status="accepted").json()
    assert [(n["id"], n["score"]) for n in by_status["items"]] == [(accepted.pk, 12)]
    by_unit = _get(client, "/api/v1/needs", sam, unit=trust.ward_b.pk).json()
    assert [n["id"] for n in by_unit["items"]] == [on_b.pk]
    assert _get(client, "/api/v1/needs", sam, status="wished").status_code == 422


def test_a_plan_shows_its_priorities_and_is_filtered_by_year_and_status(client, trust):
    d = drafted(trust)
    secret = token_for(trust, "mo_member")
    body = _get(client, f"/api/v1/plans/{d.plan.pk}", secret).json()
    assert body["status"] == "draft"
    assert [p["id"] for p in body["priorities"]] == [i.pk for i in d.items]
    assert [p["id"] for p in _get(client, "/api/v1/plans", secret, year=d.plan.year).json()["items"]] == [
        d.plan.pk
    ]
    assert _get(client, "/api/v1/plans", secret, status="approved").json()["items"] == []
    assert _get(client, "/api/v1/plans", secret, year=d.plan.year + 1).json()["items"] == []
    assert _get(client, f"/api/v1/plans/{d.plan.pk}", token_for(trust, "ada_admin")).status_code == 404


def test_a_published_report_carries_its_frozen_contents_and_a_draft_none(client, trust):
    published = rh.report(trust, published=True)
    draft = rh.report(trust, "ward_b")
    sam = token_for(trust, "sam_senior")
    frozen = _get(client, f"/api/v1/reports/{published.pk}", sam).json()
    assert frozen["status"] == "published"
    assert frozen["contents"] == json.loads(published.frozen_data)
    assert frozen["contents"]
    assert _get(client, f"/api/v1/reports/{draft.pk}", sam).json()["contents"] is None
    listed = _get(client, "/api/v1/reports", sam, status="published").json()
    assert [r["id"] for r in listed["items"]] == [published.pk]
    assert "contents" not in listed["items"][0]
    start = published.period_start.isoformat()
    assert len(_get(client, "/api/v1/reports", sam, period_from=start, period_to=start).json()["items"]) == 2
    assert _get(client, f"/api/v1/reports/{draft.pk}", token_for(trust, "mo_member")).status_code == 404


def _queries(client, path, secret) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, **auth(secret)).status_code == 200
    return len(captured)


def test_the_planning_lists_take_the_same_queries_for_one_item_as_for_many(client, trust):
    sam = token_for(trust, "sam_senior")
    client.get("/api/v1/units", **auth(sam))  # the token's first use is recorded once: not a list's query
    nh.need(trust)
    one = _queries(client, "/api/v1/needs", sam)
    for n in range(6):
        need = nh.need(trust, title=f"Need {n}")
        need_services.link_need(
            actor=None,
            need=need,
            priorities=[
                organisation_services.add_priority(actor=None, organisation=trust.org, title=f"P{n}")
            ],
            services=[trust.ward_a],
            standards=[],
            projects=[],
        )
    assert _queries(client, "/api/v1/needs", sam) == one
    d = drafted(trust)
    one = _queries(client, "/api/v1/plans", sam)
    other = plan_services.create_plan(actor=None, unit=trust.ward_b, year=d.plan.year, summary="")
    for priority in d.priorities:
        plan_services.add_priority(actor=None, plan=other, priority=priority)
    assert _queries(client, "/api/v1/plans", sam) == one
    rh.report(trust)
    one = _queries(client, "/api/v1/reports", sam)
    rh.report(trust, "ward_b", published=True)
    assert _queries(client, "/api/v1/reports", sam) == one


def test_feedback_is_for_the_units_staff_and_filtered_by_kind_and_day(client, trust):
    concern = nh.feedback(trust)
    praise = nh.feedback(trust, kind="compliment", received_on=dt.date(2026, 2, 1))
    nh.feedback(trust, "ward_b", actor=trust.people["colin_clinician"])
    mo = token_for(trust, "mo_member")
    assert {f["id"] for f in _get(client, "/api/v1/feedback", mo).json()["items"]} == {concern.pk, praise.pk}
    assert [f["id"] for f in _get(client, "/api/v1/feedback", mo, kind="compliment").json()["items"]] == [
        praise.pk
    ]
    january = _get(client, "/api/v1/feedback", mo, period_from="2026-01-01", period_to="2026-01-31").json()
    assert [f["id"] for f in january["items"]] == [concern.pk]
    assert _get(client, "/api/v1/feedback", token_for(trust, "sue_service_user")).json()["items"] == []
    assert (
        _get(client, f"/api/v1/feedback/{concern.pk}", token_for(trust, "sue_service_user")).status_code
        == 404
    )


def test_a_published_you_said_we_did_board_reads_as_it_was_published(client, trust):
    feedback = nh.feedback(trust, may_quote=True)
    board = you_said_services.publish(
        actor=trust.people["tess_team_leader"],
        unit=trust.ward_a,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 3, 31),
    )
    body = _get(client, "/api/v1/you-said-we-did", token_for(trust, "sue_service_user")).json()
    assert [b["id"] for b in body["items"]] == [board.pk]
    assert [r["you_said"] for r in body["items"][0]["rows"]] == [r["you_said"] for r in board.rows]
    assert feedback.text in body["items"][0]["rows"][0]["you_said"]
    assert _get(client, "/api/v1/you-said-we-did", token_for(trust, "otto_other_admin")).json()["items"] == []
