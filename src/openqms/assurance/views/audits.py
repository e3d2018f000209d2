"""Carrying out an audit, one record at a time, saving as it goes.

Each answer saves on its own when it changes (HTMX posts the one field in the background); without
JavaScript the record's form saves all its answers at once. Either way nothing typed is lost if the
page is closed: the page is drawn from what is saved.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.assurance import presenters, scoring
from openqms.assurance.models import AuditRun, Question, RunStatus
from openqms.assurance.selectors.audits import may_answer, run_for, run_queryset
from openqms.assurance.services.audits import (
    cancel_audit,
    complete_audit,
    compute_scores,
    save_answers,
    start_audit,
)
from openqms.assurance.views import evidence
from openqms.assurance.views.common import Permission
from openqms.audit.selectors import history_of
from openqms.nhsuk.htmx import is_htmx
from openqms.nhsuk.ids import parse_id
from openqms.nhsuk.views import require
from openqms.people.requests import AuthenticatedHttpRequest


def _progress(run: AuditRun) -> dict[int, int]:
    """How many questions are answered in each record."""
    counts: dict[int, int] = {}
    for number in run.answers.values_list("record_number", flat=True):
        counts[number] = counts.get(number, 0) + 1
    return counts


def audit_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = run_for(request.user, pk)
    scores = compute_scores(run)
    questions = list(run.version.questions.select_related("standard")) if run.version else []
    standards = {q.standard_id: q.standard for q in questions if q.standard_id}
    answers: dict[tuple[int, int], str] = {
        (n, q): v for n, q, v in run.answers.values_list("record_number", "question_id", "value")
    }
    words = dict(scoring.YES_NO_CHOICES)
    records = range(1, (run.version.sample_size if run.version else 0) + 1)
    by_record = [
        (
            n,
            [
                (words.get(answers[n, q.pk], answers[n, q.pk]), scoring.meets(q, answers[n, q.pk]))
                if (n, q.pk) in answers
                else ("", None)
                for q in questions
            ],
        )
        for n in records
        if any((n, q.pk) in answers for q in questions)
    ]
    return render(
        request,
        "assurance/audit.jinja",
        {
            "page": "assurance",
            "run": run,
            "breadcrumbs": presenters.audit_breadcrumbs(request.user, run),
            "questions": questions,
            "scores": scores,
            "standard_rows": [(standards[sid], t) for sid, t in scores.standards.items()],
            "progress": _progress(run),
            "records": records,
            "by_record": by_record,
            "may_answer": may_answer(request.user, run),
            "may_lead": policy.can(request.user, Permission.LEAD, run),
            "may_raise": policy.can(request.user, Permission.CONTRIBUTE, run),
            "assignees": run.assignees.order_by("full_name"),
            "history": history_of(run)[:10] if policy.can(request.user, Permission.VIEW, run) else [],
            **evidence.context(request, "audit", run),
        },
    )


@require_POST
def start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = run_for(request.user, pk, answering=True)
    try:
        run = start_audit(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("assurance:audit", pk=run.pk)
    return redirect("assurance:audit-record", pk=run.pk, number=_next_record(run))


def _next_record(run: AuditRun) -> int:
    """The first record with unanswered questions, where someone coming back carries on."""
    assert run.version is not None
    total = run.version.questions.count()
    done = _progress(run)
    for number in range(1, run.version.sample_size + 1):
        if done.get(number, 0) < total:
            return number
    return run.version.sample_size


def _answer_items(question: Question) -> list[tuple[str, str]]:
    if question.answer_type == "yes_no":
        return list(scoring.YES_NO_CHOICES)
    return [(c, c) for c in question.choice_list]


def _record_context(
    run: AuditRun, number: int, values: dict[int, str], errors: dict[str, str]
) -> dict[str, Any]:
    assert run.version is not None
    questions = list(run.version.questions.select_related("standard"))
    return {
        "page": "assurance",
        "run": run,
        "number": number,
        "sample_size": run.version.sample_size,
        "rows": [
            {
                "q": q,
                "value": values.get(q.pk, ""),
                "error": errors.get(f"q{q.pk}"),
                "answers": _answer_items(q),
            }
            for q in questions
        ],
        "errors": errors,
        "progress": _progress(run),
    }


def _run_in_progress(request: AuthenticatedHttpRequest, pk: int, number: int) -> AuditRun:
    run = run_for(request.user, pk, answering=True)
    if run.status == RunStatus.SCHEDULED:
        run = start_audit(actor=request.user, run=run)
    if run.version is None or not 1 <= number <= run.version.sample_size:
        raise Http404("Not found")
    return run


def record_page(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    """GET: one record's questions with what is saved. POST (no JavaScript): save them all."""
    if request.method == "POST":
        run = _run_in_progress(request, pk, number)
    else:
        run = run_for(request.user, pk, answering=True)
        require(run.status == RunStatus.IN_PROGRESS and run.version is not None)
        assert run.version is not None
        require(1 <= number <= run.version.sample_size)
    saved = dict(run.answers.filter(record_number=number).values_list("question_id", "value"))
    if request.method == "POST":
        assert run.version is not None
        posted = {q.pk: request.POST.get(f"q{q.pk}", "") for q in run.version.questions.all()}
        try:
            save_answers(actor=request.user, run=run, record_number=number, values=posted)
        except ValidationError as exc:
            errors = (
                {k: v[0] for k, v in exc.message_dict.items()}
                if hasattr(exc, "error_dict")
                else {"": exc.messages[0]}
            )
            return render(
                request, "assurance/record.jinja", _record_context(run, number, posted, errors), status=200
            )
        messages.success(request, f"Record {number} saved.")
        if "finish" in request.POST or number >= run.version.sample_size:
            return redirect("assurance:audit", pk=run.pk)
        return redirect("assurance:audit-record", pk=run.pk, number=number + 1)
    return render(request, "assurance/record.jinja", _record_context(run, number, saved, {}))


@require_POST
def save_answer(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    """HTMX: one answer, saved as soon as it changes; answers with the field's status line."""
    run = _run_in_progress(request, pk, number)
    assert run.version is not None
    question_pk = parse_id(request.POST.get("question"))
    question = run.version.questions.filter(pk=question_pk).first() if question_pk is not None else None
    if question is None:
        raise Http404("Not found")
    value = request.POST.get(f"q{question.pk}", "")
    try:
        save_answers(actor=request.user, run=run, record_number=number, values={question.pk: value})
    except ValidationError as exc:
        error = next(iter(exc.message_dict.values()))[0] if hasattr(exc, "error_dict") else exc.messages[0]
        return render(
            request,
            "assurance/_answer_status.jinja",
            {"q": question, "error": error, "saved": False},
            status=422 if not is_htmx(request) else 200,
        )
    return render(request, "assurance/_answer_status.jinja", {"q": question, "error": None, "saved": True})


@require_POST
def complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = run_for(request.user, pk, answering=True)
    try:
        complete_audit(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Audit completed and scored.")
    return redirect("assurance:audit", pk=run.pk)


@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = policy.get_or_404(request.user, Permission.LEAD, run_queryset(), pk=pk)
    try:
        cancel_audit(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Audit cancelled.")
    return redirect("assurance:audit", pk=run.pk)
