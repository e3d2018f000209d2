"""Writes the pages make, through the API: huddles, escalations, audit answers, PDSA cycles, needs.
Each goes through the domain's service (so it is audited), names the field it refuses, and writes
nothing when it refuses."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from openqms.access import policy
from openqms.actions.models import Action
from openqms.assurance.models import Answer, AuditRun, RunStatus
from openqms.audit.models import AuditEntry
from openqms.control.models import Escalation, EscalationStatus, Huddle
from openqms.improvement.models import IdeaStatus, PdsaCycle
from openqms.planning.models import Need
from tests.api.helpers import auth, token_for
from tests.assurance import helpers as ah
from tests.control import huddle_helpers as hh
from tests.improvement import helpers as ih

JSON = "application/json"


def _post(client, path, body, secret):
    return client.post(path, body, content_type=JSON, **auth(secret))


def _today() -> str:
    return timezone.localdate().isoformat()


# --- huddles ------------------------------------------------------------------------------------


def test_a_huddle_is_recorded_with_its_attendance_notes_and_issues(client, trust):
    mo = trust.people["mo_member"]
    response = _post(
        client,
        f"/api/v1/units/{trust.ward_a.pk}/huddles",
        {
            "held_on": _today(),
            "attendees": [mo.pk],
            "other_attendees": "Agency nurse",
            "notes": "Short-staffed on nights",
            "issues": [
                {"description": "Hoist on bay 2 broken", "owner": mo.pk, "due_on": hh.tomorrow().isoformat()},
                {"description": "Sharps bin full", "outcome": "solved"},
                {"description": "No bariatric bed", "outcome": "escalated"},
            ],
        },
        token_for(trust, "mo_member"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["attendees"] == [mo.pk]
    assert body["notes"] == "Short-staffed on nights"
    assert len(body["issue_actions"]) == 3
    huddle = Huddle.objects.get(pk=body["id"])
    assert AuditEntry.objects.filter(object_type="control.huddle", object_id=str(huddle.pk)).exists()
    # The solved issue's action is closed at once; the escalated one went to the tier above.
    assert Action.objects.filter(pk__in=body["issue_actions"], status="open").count() == 1
    assert Escalation.objects.get().title == "No bariatric bed"


def test_a_huddle_with_a_bad_issue_names_the_issue_and_writes_nothing(client, trust):
    response = _post(
        client,
        f"/api/v1/units/{trust.ward_a.pk}/huddles",
        {
            "held_on": _today(),
            "other_attendees": "Agency nurse",
            "issues": [
                {"description": "Sharps bin full", "outcome": "solved"},
                {"description": "Hoist broken"},  # open, with no owner or due date
            ],
        },
        token_for(trust, "mo_member"),
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {(e["index"], e["field"]) for e in errors} == {(1, "issues.owner"), (1, "issues.due_on")}
    assert not Huddle.objects.exists()
    assert not Action.objects.exists()


def test_a_huddle_needs_attendees_and_a_date_not_in_the_future(client, trust):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = _post(
        client,
        f"/api/v1/units/{trust.ward_a.pk}/huddles",
        {"held_on": tomorrow, "attendees": [trust.people["otto_other_admin"].pk]},
        token_for(trust, "mo_member"),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"held_on", "attendees"}
    assert not Huddle.objects.exists()


def test_a_token_without_contribute_cannot_record_a_huddle(client, trust):
    secret = token_for(trust, "mo_member", permissions={policy.Permission.VIEW})
    response = _post(client, f"/api/v1/units/{trust.ward_a.pk}/huddles", {"held_on": _today()}, secret)
    assert response.status_code == 403
    assert not Huddle.objects.exists()


# --- escalations --------------------------------------------------------------------------------


def test_the_tier_acknowledges_responds_and_resolves_an_escalation(client, trust):
    escalation = hh.escalation(trust)
    dana = token_for(trust, "dana_division")
    base = f"/api/v1/escalations/{escalation.pk}"
    taken = _post(client, f"{base}/acknowledge", {}, dana)
    assert taken.status_code == 200, taken.content
    assert taken.json()["tiers"][-1]["status"] == "in_progress"
    noted = _post(client, f"{base}/respond", {"note": "Asked estates for a loan hoist"}, dana)
    assert noted.status_code == 200
    resolved = _post(client, f"{base}/resolve", {"resolution": "Loan hoist delivered"}, dana)
    assert resolved.json()["status"] == "resolved"
    assert resolved.json()["resolution"] == "Loan hoist delivered"
    kinds = AuditEntry.objects.filter(object_type__startswith="control.escalation").values_list(
        "object_type", flat=True
    )
    assert {"control.escalation", "control.escalationtier"} <= set(kinds)


def test_a_response_needs_something_and_names_the_field(client, trust):
    escalation = hh.escalation(trust)
    before = list(escalation.tiers.values_list("status", "notes", "action__owner"))
    dana = token_for(trust, "dana_division")
    empty = _post(client, f"/api/v1/escalations/{escalation.pk}/respond", {}, dana)
    assert empty.status_code == 422
    assert [e["field"] for e in empty.json()["errors"]] == ["owner"]
    stranger = trust.people["otto_other_admin"].pk
    wrong = _post(client, f"/api/v1/escalations/{escalation.pk}/respond", {"owner": stranger}, dana)
    assert [e["field"] for e in wrong.json()["errors"]] == ["owner"]
    blank = _post(client, f"/api/v1/escalations/{escalation.pk}/resolve", {"resolution": "  "}, dana)
    assert [e["field"] for e in blank.json()["errors"]] == ["resolution"]
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.OPEN
    assert list(escalation.tiers.values_list("status", "notes", "action__owner")) == before


def test_an_escalation_passed_up_reaches_the_next_tier(client, trust):
    escalation = hh.escalation(trust)
    up = _post(
        client,
        f"/api/v1/escalations/{escalation.pk}/escalate",
        {"note": "Needs capital money"},
        token_for(trust, "dana_division"),
    )
    assert up.status_code == 200
    assert up.json()["current_unit"] == trust.elderly_care.parent_id
    assert [t["status"] for t in up.json()["tiers"]] == ["escalated", "escalated", "awaiting"]


def test_only_the_nearest_leaders_act_on_a_tier(client, trust):
    escalation = hh.escalation(trust)
    for persona in ("sam_senior", "tess_team_leader"):
        response = _post(
            client, f"/api/v1/escalations/{escalation.pk}/acknowledge", {}, token_for(trust, persona)
        )
        assert response.status_code == 404, persona


# --- audit answers ------------------------------------------------------------------------------


def test_answers_start_the_audit_and_are_saved_with_an_audit_entry(client, trust):
    run = ah.run(trust, ah.template(trust))
    questions = list(run.template.versions.get().questions.order_by("position"))
    secret = token_for(trust, "mo_member")
    body = {
        "record_number": 1,
        "answers": [
            {"question": questions[0].pk, "value": "yes"},
            {"question": questions[1].pk, "value": "no"},
        ],
    }
    response = _post(client, f"/api/v1/audits/{run.pk}/answers", body, secret)
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == 2
    assert response.json()["audit"]["status"] == "in_progress"
    assert [a["value"] for a in response.json()["answers"]] == ["yes", "no"]
    again = _post(client, f"/api/v1/audits/{run.pk}/answers", body, secret)
    assert again.json()["changed"] == 0
    completed = _post(client, f"/api/v1/audits/{run.pk}/complete", {}, secret)
    assert completed.json()["status"] == "completed"
    assert completed.json()["score"] is not None
    assert AuditEntry.objects.filter(object_type="assurance.auditrun", object_id=str(run.pk)).count() >= 3


def test_a_bad_answer_is_named_by_its_place_and_nothing_is_saved(client, trust):
    run = ah.run(trust, ah.template(trust))
    questions = list(run.template.versions.get().questions.order_by("position"))
    response = _post(
        client,
        f"/api/v1/audits/{run.pk}/answers",
        {
            "record_number": 1,
            "answers": [
                {"question": questions[0].pk, "value": "yes"},
                {"question": questions[1].pk, "value": "perhaps"},
            ],
        },
        token_for(trust, "mo_member"),
    )
    assert response.status_code == 422
    assert [(e["index"], e["field"]) for e in response.json()["errors"]] == [(1, "answers.value")]
    run.refresh_from_db()
    assert run.status == RunStatus.SCHEDULED  # not even started: the request changed nothing
    assert not Answer.objects.exists()


def test_answers_outside_the_audit_are_refused(client, trust):
    run = ah.run(trust, ah.template(trust, sample=2))
    other = ah.run(trust, ah.template(trust, code="XX"))
    foreign = other.template.versions.get().questions.first()
    secret = token_for(trust, "mo_member")
    wrong_question = _post(
        client,
        f"/api/v1/audits/{run.pk}/answers",
        {"record_number": 1, "answers": [{"question": foreign.pk, "value": "yes"}]},
        secret,
    )
    assert [(e["index"], e["field"]) for e in wrong_question.json()["errors"]] == [(0, "answers.question")]
    question = run.template.versions.get().questions.first()
    too_far = _post(
        client,
        f"/api/v1/audits/{run.pk}/answers",
        {"record_number": 3, "answers": [{"question": question.pk, "value": "yes"}]},
        secret,
    )
    assert [e["field"] for e in too_far.json()["errors"]] == ["record_number"]
    assert AuditRun.objects.get(pk=run.pk).status == RunStatus.SCHEDULED


# --- PDSA cycles --------------------------------------------------------------------------------

PLAN = {
    "title": "Cycle 1",
    "question": "Does a handover huddle cut falls?",
    "prediction": "Fewer falls at night",
    "who": "Night staff",
    "what": "A two-minute huddle",
    "where": "Bay 2",
    "starts_on": "2030-01-06",
    "ends_on": "2030-01-13",
    "data_to_collect": "Falls each night",
}


def test_a_cycle_is_planned_then_done_studied_and_acted_on(client, trust):
    project = ih.project(trust)
    idea = ih.idea(project)
    secret = token_for(trust, "mo_member")
    planned = _post(
        client, f"/api/v1/projects/{project.pk}/pdsa-cycles", {**PLAN, "change_idea": idea.pk}, secret
    )
    assert planned.status_code == 201, planned.content
    pk = planned.json()["id"]
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.TESTING
    acted = client.patch(
        f"/api/v1/projects/{project.pk}/pdsa-cycles/{pk}",
        {"what_happened": "Ran every night", "study": "Two falls, against five", "decision": "adopt"},
        content_type=JSON,
        **auth(secret),
    )
    assert acted.status_code == 200, acted.content
    assert acted.json()["decision"] == "adopt"
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED
    assert AuditEntry.objects.filter(object_type="improvement.project", object_id=str(project.pk)).exists()


def test_a_decision_needs_a_study_and_dates_in_order(client, trust):
    project = ih.project(trust)
    idea = ih.idea(project)
    secret = token_for(trust, "mo_member")
    response = _post(
        client,
        f"/api/v1/projects/{project.pk}/pdsa-cycles",
        {**PLAN, "change_idea": idea.pk, "ends_on": "2030-01-01", "decision": "adopt"},
        secret,
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"ends_on", "study"}
    assert not PdsaCycle.objects.exists()
    cycle = ih.cycle(idea)
    emptied = client.patch(
        f"/api/v1/projects/{project.pk}/pdsa-cycles/{cycle.pk}",
        {"title": None, "who": "   "},
        content_type=JSON,
        **auth(secret),
    )
    assert {e["field"] for e in emptied.json()["errors"]} == {"title", "who"}
    cycle.refresh_from_db()
    assert cycle.title
    assert cycle.who.strip()


def test_a_cycle_tests_a_change_idea_of_the_project(client, trust):
    project = ih.project(trust)
    other = ih.idea(ih.project(trust, "ward_b"))
    response = _post(
        client,
        f"/api/v1/projects/{project.pk}/pdsa-cycles",
        {**PLAN, "change_idea": other.pk},
        token_for(trust, "sam_senior"),
    )
    assert [e["field"] for e in response.json()["errors"]] == ["change_idea"]
    assert not PdsaCycle.objects.exists()


# --- needs --------------------------------------------------------------------------------------


def test_a_need_is_raised_and_audited(client, trust):
    response = _post(
        client,
        "/api/v1/needs",
        {"unit": trust.ward_a.pk, "title": "Ramps", "who_affected": "Wheelchair users"},
        token_for(trust, "sue_service_user"),
    )
    assert response.status_code == 201, response.content
    need = Need.objects.get()
    assert response.json()["raised_by_service_user"] is True
    assert AuditEntry.objects.filter(object_type="planning.need", object_id=str(need.pk)).exists()


def test_a_need_without_who_is_affected_names_the_field(client, trust):
    response = _post(
        client,
        "/api/v1/needs",
        {"unit": trust.ward_a.pk, "title": "Ramps"},
        token_for(trust, "mo_member"),
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["who_affected"]
    assert not Need.objects.exists()


def test_a_need_on_a_unit_out_of_reach_is_404(client, trust):
    response = _post(
        client,
        "/api/v1/needs",
        {"unit": trust.ward_b.pk, "title": "Ramps", "who_affected": "Wheelchair users"},
        token_for(trust, "mo_member"),
    )
    assert response.status_code == 404
    assert not Need.objects.exists()


def test_the_top_tier_cannot_pass_an_escalation_further_up(client, trust):
    escalation = hh.escalation(trust)
    sam = token_for(trust, "sam_senior")
    dana = token_for(trust, "dana_division")
    base = f"/api/v1/escalations/{escalation.pk}/escalate"
    _post(client, base, {"note": "Needs capital money"}, dana)  # Elderly Care to Medicine
    _post(client, base, {"note": "Needs the board"}, dana)  # Medicine to the board
    refused = _post(client, base, {"note": "Higher still"}, sam)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == [None]
    escalation.refresh_from_db()
    assert escalation.current_unit_id == trust.board.pk
