"""Templates, their versions, and audits: answers saved one at a time, completion, recurrence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openqms.assurance.models import Answer, AuditRun, StandardScore
from openqms.assurance.services.audits import cancel_audit, complete_audit, compute_scores, save_answers
from openqms.assurance.services.templates import (
    add_question,
    create_template,
    new_version,
    publish_version,
    remove_question,
    update_version,
)
from openqms.audit.models import AuditEntry
from tests.assurance import helpers as h


def test_publishing_a_new_version_never_changes_a_finished_audit(trust):
    standard = h.standard(trust)
    template = h.template(trust, standard, sample=2)
    run = h.run(trust, template, started=True)
    h.answer_all(run, [["yes", "yes", "ok"], ["no", "yes", ""]])
    complete_audit(actor=None, run=run)
    run.refresh_from_db()
    before = (run.score, run.version.number, list(run.version.questions.values_list("text", flat=True)))
    assert run.score == pytest.approx(100 * 4 / 6)

    v2 = new_version(actor=None, template=template)
    assert v2.number == 2
    assert v2.questions.count() == 3
    remove_question(actor=None, question=v2.questions.get(position=2))
    add_question(actor=None, version=v2, text="Gel at the bedside?", answer_type="yes_no", weight=5)
    update_version(actor=None, version=v2, pass_threshold=95, sample_size=5)
    publish_version(actor=None, version=v2)

    run.refresh_from_db()
    assert (
        run.score,
        run.version.number,
        list(run.version.questions.values_list("text", flat=True)),
    ) == before
    assert compute_scores(run).overall.percent == pytest.approx(before[0])
    assert run.version.pass_threshold == 80
    # A new audit takes the new version when it starts.
    assert h.run(trust, template, started=True).version == v2


def test_a_published_version_cannot_change(trust):
    template = h.template(trust)
    version = template.versions.get()
    with pytest.raises(ValidationError, match="published version cannot change"):
        add_question(actor=None, version=version, text="More?", answer_type="yes_no")
    with pytest.raises(ValidationError, match="published version cannot change"):
        remove_question(actor=None, question=version.questions.first())
    with pytest.raises(ValidationError, match="published version cannot change"):
        update_version(actor=None, version=version, sample_size=3)


def test_an_audit_keeps_the_version_it_started_with_even_when_a_new_one_is_published_mid_way(trust):
    template = h.template(trust)
    run = h.run(trust, template, started=True)
    v2 = new_version(actor=None, template=template)
    publish_version(actor=None, version=v2)
    run.refresh_from_db()
    assert run.version.number == 1


def test_answers_are_checked_and_saved_one_by_one_with_an_audit_entry(trust):
    run = h.run(trust, h.template(trust), started=True)
    q1, q2, q3 = run.version.questions.order_by("position")
    assert save_answers(actor=None, run=run, record_number=1, values={q1.pk: "yes"}) == 1
    assert save_answers(actor=None, run=run, record_number=1, values={q1.pk: "yes"}) == 0
    save_answers(actor=None, run=run, record_number=1, values={q1.pk: "no"})
    assert Answer.objects.get(run=run, question=q1).value == "no"
    with pytest.raises(ValidationError) as caught:
        save_answers(actor=None, run=run, record_number=1, values={q2.pk: "maybe", q3.pk: "fine"})
    assert caught.value.message_dict == {f"q{q2.pk}": ["Choose yes, no or not applicable"]}
    assert not Answer.objects.filter(question=q3).exists()
    with pytest.raises(ValidationError, match="Record 3 is not in this audit's sample"):
        save_answers(actor=None, run=run, record_number=3, values={q1.pk: "yes"})
    entries = AuditEntry.objects.filter(
        object_type="assurance.auditrun", object_id=str(run.pk), action="update"
    )
    assert [e.changes for e in entries.order_by("sequence")][-2:] == [
        {"record 1, question 1": [None, "yes"]},
        {"record 1, question 1": ["yes", "no"]},
    ]


def test_completing_scores_per_standard_and_schedules_the_next_recurring_audit(trust):
    hand, bare = h.standard(trust, code="HH-1"), h.standard(trust, code="HH-2")
    template = create_template(
        actor=None, owner_unit=trust.board, code="T", name="T", sample_size=2, pass_threshold=75
    )
    v = template.versions.get()
    add_question(actor=None, version=v, text="A", answer_type="yes_no", standard=hand, weight=3)
    add_question(actor=None, version=v, text="B", answer_type="yes_no", standard=bare, weight=1)
    publish_version(actor=None, version=v)
    run = h.run(trust, template, started=True, due=dt.date(2026, 1, 31), recurrence="monthly")
    h.answer_all(run, [["yes", "no"], ["yes", "no"]])
    complete_audit(actor=None, run=run)
    run.refresh_from_db()
    assert run.score == 75
    assert run.passed is True
    scores = dict(StandardScore.objects.filter(run=run).values_list("standard__code", "score"))
    assert scores == {"HH-1": 100, "HH-2": 0}
    following = AuditRun.objects.get(previous=run)
    assert following.due_on == dt.date(2026, 2, 28)
    assert following.status == "scheduled"
    with pytest.raises(ValidationError, match="not in progress"):
        save_answers(actor=None, run=run, record_number=1, values={})


def test_the_record_page_saves_without_javascript_and_each_answer_with_htmx(trust, signed_in):
    run = h.run(trust, h.template(trust), started=True)
    q1, q2, q3 = run.version.questions.order_by("position")
    client = signed_in("mo_member")
    url = reverse("assurance:audit-record", args=[run.pk, 1])
    assert "Record 1 of 2" in client.get(url).content.decode()
    response = client.post(url, {f"q{q1.pk}": "yes", f"q{q2.pk}": "na", f"q{q3.pk}": "All well"})
    assert response.status_code == 302
    assert response["Location"] == reverse("assurance:audit-record", args=[run.pk, 2])
    answer_url = reverse("assurance:audit-answer", args=[run.pk, 2])
    response = client.post(answer_url, {"question": q1.pk, f"q{q1.pk}": "no"}, headers={"HX-Request": "true"})
    assert "Saved" in response.content.decode()
    response = client.post(
        answer_url, {"question": q2.pk, f"q{q2.pk}": "perhaps"}, headers={"HX-Request": "true"}
    )
    assert "Choose yes, no or not applicable" in response.content.decode()
    saved = dict(
        Answer.objects.filter(run=run).values_list("record_number", "value").order_by("record_number")
    )
    assert Answer.objects.filter(run=run).count() == 4
    assert saved[2] == "no"
    page = client.get(reverse("assurance:audit-record", args=[run.pk, 2])).content.decode()
    assert 'value="no" checked' in page


def test_the_record_page_shows_every_problem_and_saves_nothing(trust, signed_in):
    template = create_template(actor=None, owner_unit=trust.board, code="N", name="N", sample_size=1)
    v = template.versions.get()
    n = add_question(
        actor=None, version=v, text="Fridge °C", answer_type="number", minimum=2, maximum=8
    )
    d = add_question(actor=None, version=v, text="Checked on", answer_type="date")
    publish_version(actor=None, version=v)
    run = h.run(trust, template, started=True)
    page = (
        signed_in("mo_member")
        .post(
            reverse("assurance:audit-record", args=[run.pk, 1]),
            {f"q{n.pk}": "five", f"q{d.pk}": "31/02/2026"},
        )
        .content.decode()
    )
    assert "Question 1: Enter a number, like 12 or 3.5" in page
    assert "Question 2: Enter a real date" in page
    assert not Answer.objects.exists()


def test_an_assigned_service_user_carries_out_a_walk_round(trust, signed_in):
    sue = trust.people["sue_service_user"]
    run = h.run(trust, h.template(trust), assignees=[sue])
    client = signed_in("sue_service_user")
    response = client.post(reverse("assurance:audit-start", args=[run.pk]))
    assert response.status_code == 302
    q1 = run.version.questions.first() if run.version else AuditRun.objects.get().version.questions.first()
    client.post(reverse("assurance:audit-record", args=[run.pk, 1]), {f"q{q1.pk}": "yes"})
    assert Answer.objects.get().answered_by == sue
    # Her way back leads to pages she may open, not to the ward's assurance page (404 for her).
    page = client.get(reverse("assurance:audit", args=[run.pk])).content.decode()
    assert reverse("assurance:unit", args=[run.unit_id]) not in page
    assert client.get(reverse("assurance:unit", args=[run.unit_id])).status_code == 404
    # Another audit of the same ward, not assigned to her and not shared, stays hidden.
    other = h.run(trust, h.template(trust, code="OTHER"))
    assert client.get(reverse("assurance:audit", args=[other.pk])).status_code == 404


def test_template_pages_add_questions_with_precise_messages_and_publish(trust, signed_in):
    client = signed_in("tess_team_leader")
    response = client.post(
        reverse("assurance:template-new"),
        {"code": "rk", "owner_unit": trust.ward_a.pk, "name": "Record keeping", "sample_size": "10",
         "pass_threshold": "90"},
    )  # fmt: skip
    assert response.status_code == 302
    add = reverse("assurance:question-add", args=[response.url.split("/")[-4], 1])
    page = client.post(
        add,
        {"text": "Fridge", "answer_type": "choice", "choices": "Locked", "passing": "Open", "weight": "-1"},
    ).content.decode()
    assert "Enter at least two choices, one a line" in page
    assert "“Open” is not one of the choices" in page
    assert "Weight must be 0 or more" in page
    response = client.post(add, {"text": "Signed and dated?", "answer_type": "yes_no", "weight": "1"})
    assert response.status_code == 302
    template_pk = int(response.url.split("/")[-4])
    publish = client.post(reverse("assurance:version-publish", args=[template_pk, 1]))
    assert publish.status_code == 302
    page = client.get(publish.url).content.decode()
    assert "Version 1 published" in page


def test_template_form_errors(trust, signed_in):
    page = (
        signed_in("tess_team_leader")
        .post(
            reverse("assurance:template-new"),
            {
                "code": "rk!",
                "owner_unit": trust.ward_a.pk,
                "name": "",
                "sample_size": "0",
                "pass_threshold": "120",
            },
        )
        .content.decode()
    )
    assert "Code must use only letters, numbers" in page
    assert "Enter the name of the audit" in page
    assert "Records per audit must be at least 1" in page
    assert "Pass threshold must be a percentage from 0 to 100" in page


def test_scheduling_an_audit_from_the_template_page(trust, signed_in):
    template = h.template(trust)
    client = signed_in("tess_team_leader")
    url = reverse("assurance:audit-schedule", args=[template.pk])
    bad = {
        "unit": trust.ward_b.pk,
        "recurrence": "weekly",
        "due_on_day": "31",
        "due_on_month": "4",
        "due_on_year": "2026",
    }
    page = client.post(url, bad).content.decode()
    assert "Choose a unit you lead" in page
    assert "Choose once, every month, every quarter or every year" in page
    assert "Due date must be a real date" in page
    assert not AuditRun.objects.exists()
    due = dt.date.today() + dt.timedelta(days=14)
    response = client.post(
        url,
        {"unit": trust.ward_a.pk, "recurrence": "quarterly", "assignees": [trust.people["mo_member"].pk],
         "due_on_day": str(due.day), "due_on_month": str(due.month), "due_on_year": str(due.year)},
    )  # fmt: skip
    run = AuditRun.objects.get()
    assert response.status_code == 302
    assert (run.unit, run.recurrence, run.due_on) == (trust.ward_a, "quarterly", due)
    assert list(run.assignees.all()) == [trust.people["mo_member"]]


def test_a_new_version_from_the_page_is_a_draft_copy(trust, signed_in):
    template = h.template(trust, unit="ward_a")
    client = signed_in("tess_team_leader")
    response = client.post(reverse("assurance:version-new", args=[template.pk]))
    assert response.url == reverse("assurance:template-version", args=[template.pk, 2])
    page = client.get(response.url).content.decode()
    assert "Version 2" in page
    assert "Draft" in page
    assert "Add a question" in page
    # Version 1 stays published and cannot be changed.
    page = client.get(reverse("assurance:template-version", args=[template.pk, 1])).content.decode()
    assert "Add a question" not in page
    assert client.get(reverse("assurance:version-edit", args=[template.pk, 1])).status_code == 404


def test_the_audit_page_lists_the_answers_record_by_record_with_failures_marked(trust, signed_in):
    run = h.run(trust, h.template(trust), started=True)
    h.answer_all(run, [["yes", "no", "Gel empty"]])
    page = signed_in("mo_member").get(reverse("assurance:audit", args=[run.pk])).content.decode()
    assert "Answers record by record" in page
    assert "Gel empty" in page
    assert page.count("(does not meet the standard)") == 1


def test_a_leader_cancels_an_audit_and_a_recurring_one_carries_on(trust, signed_in):
    run = h.run(trust, h.template(trust), recurrence="monthly", due=dt.date(2026, 1, 31))
    assert signed_in("mo_member").post(reverse("assurance:audit-cancel", args=[run.pk])).status_code == 404
    response = signed_in("tess_team_leader").post(reverse("assurance:audit-cancel", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == "cancelled"
    assert AuditRun.objects.get(previous=run).due_on == dt.date(2026, 2, 28)
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        cancel_audit(actor=None, run=run)


def test_an_escalation_leads_to_an_assurance_check_of_the_unit_that_raised_it(trust, signed_in):
    from tests.control import huddle_helpers as hh

    template = h.template(trust)
    escalation = hh.escalation(trust)  # raised by Ward A
    client = signed_in("tess_team_leader")
    templates = f"{reverse('assurance:templates')}?unit={trust.ward_a.pk}"
    assert templates in client.get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    schedule = f"{reverse('assurance:audit-schedule', args=[template.pk])}?unit={trust.ward_a.pk}"
    assert schedule.replace("&", "&amp;") in client.get(templates).content.decode()
    form = client.get(schedule).content.decode()
    assert f'<option value="{trust.ward_a.pk}" selected' in form
    # A unit the person does not lead is never chosen for them, nor offered from the list.
    other = f"{reverse('assurance:templates')}?unit={trust.ward_b.pk}"
    assert "Schedule an audit of" not in client.get(other).content.decode()
    # Those who may not lead Ward A get no such link on the escalation.
    page = signed_in("mo_member").get(reverse("control:escalation", args=[escalation.pk])).content.decode()
    assert templates not in page
