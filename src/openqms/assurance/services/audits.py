"""Writes to audits: scheduling, starting, answering, completing (with its scores) and cancelling.
Each runs in one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.assurance import scoring
from openqms.assurance.models import (
    RECURRENCE_MONTHS,
    Answer,
    AnswerType,
    AuditRun,
    AuditTemplate,
    Question,
    Recurrence,
    RunStatus,
    StandardScore,
)
from openqms.assurance.services.templates import published_version
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, record, record_many, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User

A = AuditEntry.Action


RUN_FIELDS = ("unit", "template", "version", "due_on", "recurrence", "status", "score", "passed")
# --- audits --------------------------------------------------------------------------------------


@transaction.atomic
def schedule_audit(
    *, actor: User | None, template: AuditTemplate, unit: Unit, due_on: dt.date,
    recurrence: str = Recurrence.ONCE, assignees: Iterable[Any] = (), shared_with_service_users: bool = False,
) -> AuditRun:  # fmt: skip
    if unit.organisation_id != template.organisation_id:
        raise ValidationError({"unit": "Choose a unit of the template's organisation"})
    if published_version(template) is None:
        raise ValidationError({"template": "This template has no published version yet"})
    run = AuditRun.objects.create(
        unit=unit, template=template, due_on=due_on, recurrence=recurrence,
        shared_with_service_users=shared_with_service_users,
    )  # fmt: skip
    run.assignees.set(list(assignees))
    record(
        actor=actor,
        action=A.CREATE,
        target=run,
        changes=created({**snapshot(run, RUN_FIELDS), "assignees": sorted(a.pk for a in assignees)}),
        unit_id=unit.pk,
    )
    return run


@transaction.atomic
def start_audit(*, actor: User | None, run: AuditRun) -> AuditRun:
    """Fix the version the audit is run with (the latest published), once."""
    run = AuditRun.objects.select_for_update().get(pk=run.pk)
    if run.status == RunStatus.SCHEDULED:
        version = published_version(run.template)
        if version is None:
            raise ValidationError("This template has no published version")
        run.version, run.status, run.started_at = version, RunStatus.IN_PROGRESS, timezone.now()
        run.save(update_fields=["version", "status", "started_at"])
        record(
            actor=actor,
            action=A.UPDATE,
            target=run,
            changes={"status": [RunStatus.SCHEDULED, run.status], "version": [None, version.number]},
            unit_id=run.unit_id,
        )
    return run


def check_answer(question: Question, value: str) -> str:
    """The answer as stored, or a ValidationError saying exactly what is wrong with it."""
    value = value.strip()
    if not value:
        return ""
    if question.answer_type == AnswerType.YES_NO:
        if value not in dict(scoring.YES_NO_CHOICES):
            raise ValidationError("Choose yes, no or not applicable")
    elif question.answer_type == AnswerType.CHOICE:
        if value not in question.choice_list:
            raise ValidationError("Choose one of the answers listed")
    elif question.answer_type == AnswerType.NUMBER:
        try:
            number = float(value)
        except ValueError as exc:
            raise ValidationError("Enter a number, like 12 or 3.5") from exc
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError("Enter a number, like 12 or 3.5")
    elif question.answer_type == AnswerType.DATE:
        try:
            dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError("Enter a real date") from exc
    elif len(value) > 2000:
        raise ValidationError("The answer must be 2,000 characters or fewer")
    return value


@transaction.atomic
def save_answers(*, actor: User | None, run: AuditRun, record_number: int, values: dict[int, str]) -> int:
    """Save one record's answers (question id → value; empty clears). Returns how many changed."""
    run = AuditRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.IN_PROGRESS or run.version is None:
        raise ValidationError("This audit is not in progress: its answers cannot change")
    if not 1 <= record_number <= run.version.sample_size:
        raise ValidationError(f"Record {record_number} is not in this audit's sample")
    questions = {q.pk: q for q in run.version.questions.all()}
    errors: dict[str, str] = {}
    cleaned: dict[int, str] = {}
    for question_id, value in values.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError("That question is not part of this audit")
        try:
            cleaned[question_id] = check_answer(question, value)
        except ValidationError as exc:
            errors[f"q{question_id}"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)
    existing = {a.question_id: a for a in run.answers.filter(record_number=record_number)}
    changes: dict[str, list[Any]] = {}
    for question_id, value in cleaned.items():
        answer = existing.get(question_id)
        old = answer.value if answer else None
        if (old or "") == value:
            continue
        changes[f"record {record_number}, question {questions[question_id].position}"] = [old, value or None]
        if not value and answer is not None:
            answer.delete()
        elif answer is not None:
            answer.value, answer.answered_by = value, actor
            answer.save(update_fields=["value", "answered_by", "answered_at"])
        elif value:
            Answer.objects.create(
                run=run, record_number=record_number, question_id=question_id, value=value, answered_by=actor
            )
    if changes:
        record(actor=actor, action=A.UPDATE, target=run, changes=changes, unit_id=run.unit_id)
    return len(changes)


def compute_scores(run: AuditRun) -> scoring.Scores:
    if run.version is None:
        return scoring.Scores()
    return scoring.score(run.version.questions.all(), run.answers.values_list("question_id", "value"))


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _schedule_next(run: AuditRun) -> list[Change]:
    """A recurring audit's next one, due a period after this one's due date, with the same people."""
    months = RECURRENCE_MONTHS.get(Recurrence(run.recurrence))
    if not months:
        return []
    following = AuditRun.objects.create(
        unit_id=run.unit_id, template_id=run.template_id, due_on=_add_months(run.due_on, months),
        recurrence=run.recurrence, previous=run, shared_with_service_users=run.shared_with_service_users,
    )  # fmt: skip
    following.assignees.set(list(run.assignees.all()))
    return [Change(A.CREATE, following, created(snapshot(following, RUN_FIELDS)), run.unit_id)]


@transaction.atomic
def complete_audit(*, actor: User | None, run: AuditRun, completed_at: dt.datetime | None = None) -> AuditRun:
    """Score the audit, keep the scores per standard, and schedule the next one if it recurs."""
    run = AuditRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.IN_PROGRESS or run.version is None:
        raise ValidationError("Only an audit in progress can be completed")
    if not run.answers.exists():
        raise ValidationError("Answer at least one question before completing the audit")
    scores = compute_scores(run)
    threshold = run.version.pass_threshold
    run.score = scores.overall.percent
    run.passed = None if run.score is None else run.score >= threshold
    run.status, run.completed_at = RunStatus.COMPLETED, completed_at or timezone.now()
    run.save(update_fields=["score", "passed", "status", "completed_at"])
    StandardScore.objects.bulk_create(
        [
            StandardScore(run=run, standard_id=sid, score=t.percent, passed=t.percent >= threshold)
            for sid, t in scores.standards.items()
            if t.percent is not None
        ]
    )
    entries = [
        Change(
            A.UPDATE,
            run,
            {"status": [RunStatus.IN_PROGRESS, RunStatus.COMPLETED], "score": [None, run.score],
             "passed": [None, run.passed]},
            run.unit_id,
        )
    ]  # fmt: skip
    entries.extend(_schedule_next(run))
    record_many(actor=actor, changes=entries)
    return run


@transaction.atomic
def cancel_audit(*, actor: User | None, run: AuditRun) -> AuditRun:
    """Cancel an audit not completed yet; a recurring one's next audit is scheduled all the same."""
    run = AuditRun.objects.select_for_update().get(pk=run.pk)
    if run.status in (RunStatus.COMPLETED, RunStatus.CANCELLED):
        raise ValidationError("A completed or cancelled audit cannot be cancelled")
    before = run.status
    run.status = RunStatus.CANCELLED
    run.save(update_fields=["status"])
    entries = [Change(A.UPDATE, run, {"status": [before, run.status]}, run.unit_id)]
    entries.extend(_schedule_next(run))
    record_many(actor=actor, changes=entries)
    return run
