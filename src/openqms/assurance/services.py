"""Writes to quality assurance. Each runs in one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.assurance import scoring
from openqms.assurance.framework_files import FrameworkFile
from openqms.assurance.models import (
    RECURRENCE_MONTHS,
    Answer,
    AnswerType,
    AuditRun,
    AuditTemplate,
    Framework,
    Question,
    Recurrence,
    Requirement,
    RunStatus,
    Standard,
    StandardComment,
    StandardInvitation,
    StandardScore,
    StandardStatus,
    TemplateVersion,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, diff, record, record_many, snapshot
from openqms.control.models import MeasureDefinition
from openqms.organisations.models import Organisation, Unit

A = AuditEntry.Action
STANDARD_FIELDS = (
    "code", "title", "domain", "statement", "evidence_expected", "owner_person", "status",
    "owner_unit", "shared_with_service_users",
)  # fmt: skip
VERSION_FIELDS = ("number", "purpose", "sample_size", "pass_threshold", "published_at")
QUESTION_FIELDS = (
    "position", "text", "guidance", "answer_type", "choices", "passing", "minimum", "maximum",
    "standard", "weight",
)  # fmt: skip
RUN_FIELDS = ("unit", "template", "version", "due_on", "recurrence", "status", "score", "passed")


# --- frameworks ----------------------------------------------------------------------------------


@transaction.atomic
def load_framework(
    *,
    actor: Any,
    organisation: Organisation,
    parsed: FrameworkFile,
    progress: Callable[[int], None] | None = None,
) -> Framework:
    """A checked framework file as a new framework version; refuses a file with problems."""
    if parsed.problems or not parsed.requirements:
        raise ValidationError("The file has problems: nothing was loaded.")
    if Framework.objects.filter(organisation=organisation, code=parsed.code, version=parsed.version).exists():
        raise ValidationError(
            f"{parsed.code} version {parsed.version} is loaded already: give a new version a new name."
        )
    root = organisation.units.get(parent__isnull=True)
    framework = Framework.objects.create(
        organisation=organisation, owner_unit=root, code=parsed.code, name=parsed.name,
        version=parsed.version, publisher=parsed.publisher, published_on=parsed.published_on,
        loaded_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    batch: list[Requirement] = []
    for position, row in enumerate(parsed.requirements, start=1):
        batch.append(
            Requirement(framework=framework, code=row.code, title=row.title, section=row.section,
                        text=row.text, position=position)
        )  # fmt: skip
        if len(batch) == 500:
            Requirement.objects.bulk_create(batch)
            if progress:
                progress(len(batch))
            batch = []
    Requirement.objects.bulk_create(batch)
    if progress:
        progress(len(batch))
    record(
        actor=actor,
        action=A.IMPORT,
        target=framework,
        changes={
            "framework": [None, f"{parsed.code} version {parsed.version}"],
            "requirements": [None, len(parsed.requirements)],
        },
        unit_id=root.pk,
    )
    return framework


# --- standards -----------------------------------------------------------------------------------


def _check_links(
    organisation_id: int,
    applies_to: Iterable[Unit],
    requirements: Iterable[Requirement],
    measures: Iterable[MeasureDefinition],
) -> None:
    if any(u.organisation_id != organisation_id for u in applies_to):
        raise ValidationError({"applies_to": "Choose units of the standard's own organisation"})
    if any(r.framework.organisation_id != organisation_id for r in requirements):
        raise ValidationError(
            {"requirements": "Choose requirements of frameworks loaded for this organisation"}
        )
    if any(m.organisation_id != organisation_id for m in measures):
        raise ValidationError({"measures": "Choose measures of this organisation"})


def _links(standard: Standard) -> dict[str, Any]:
    return {
        "applies_to": sorted(standard.applies_to.values_list("pk", flat=True)),
        "requirements": sorted(standard.requirements.values_list("pk", flat=True)),
        "measures": sorted(standard.measures.values_list("pk", flat=True)),
    }


@transaction.atomic
def create_standard(
    *,
    actor: Any,
    owner_unit: Unit,
    applies_to: Iterable[Unit] = (),
    requirements: Iterable[Requirement] = (),
    measures: Iterable[MeasureDefinition] = (),
    **fields: Any,
) -> Standard:
    applies_to, requirements, measures = list(applies_to), list(requirements), list(measures)
    standard = Standard(organisation_id=owner_unit.organisation_id, owner_unit=owner_unit, **fields)
    standard.code = standard.code.strip().upper()
    if Standard.objects.filter(organisation_id=owner_unit.organisation_id, code=standard.code).exists():
        raise ValidationError({"code": f"Another standard in this organisation has the code {standard.code}"})
    _check_links(owner_unit.organisation_id, applies_to, requirements, measures)
    standard.full_clean()
    standard.save()
    standard.applies_to.set(applies_to)
    standard.requirements.set(requirements)
    standard.measures.set(measures)
    record(
        actor=actor,
        action=A.CREATE,
        target=standard,
        changes=created({**snapshot(standard, STANDARD_FIELDS), **_links(standard)}),
        unit_id=owner_unit.pk,
    )
    return standard


@transaction.atomic
def update_standard(
    *,
    actor: Any,
    standard: Standard,
    applies_to: Iterable[Unit] | None = None,
    requirements: Iterable[Requirement] | None = None,
    measures: Iterable[MeasureDefinition] | None = None,
    **fields: Any,
) -> Standard:
    before = {**snapshot(standard, STANDARD_FIELDS), **_links(standard)}
    for name, value in fields.items():
        if name not in STANDARD_FIELDS or name in ("code", "owner_unit"):
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(standard, name, value)
    _check_links(
        standard.organisation_id,
        list(applies_to or []),
        list(requirements or []),
        list(measures or []),
    )
    standard.full_clean()
    standard.save()
    if applies_to is not None:
        standard.applies_to.set(list(applies_to))
    if requirements is not None:
        standard.requirements.set(list(requirements))
    if measures is not None:
        standard.measures.set(list(measures))
    changes = diff(before, {**snapshot(standard, STANDARD_FIELDS), **_links(standard)})
    if changes:
        record(actor=actor, action=A.UPDATE, target=standard, changes=changes, unit_id=standard.owner_unit_id)
    return standard


@transaction.atomic
def invite_to_comment(*, actor: Any, standard: Standard, person: Any) -> StandardInvitation:
    if standard.status != StandardStatus.DRAFT:
        raise ValidationError({"person": "Only a draft standard can be opened for comment"})
    invitation, made = StandardInvitation.objects.get_or_create(
        standard=standard, person=person, defaults={"invited_by": actor}
    )
    if made:
        record(
            actor=actor,
            action=A.CREATE,
            target=invitation,
            changes=created({"standard": standard.pk, "person": person.pk}),
            unit_id=standard.owner_unit_id,
        )
    return invitation


@transaction.atomic
def add_comment(*, actor: Any, standard: Standard, text: str) -> StandardComment:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your comment"})
    comment = StandardComment.objects.create(standard=standard, author=actor, text=text)
    record(
        actor=actor,
        action=A.CREATE,
        target=comment,
        changes=created({"standard": standard.pk, "text": text}),
        unit_id=standard.owner_unit_id,
    )
    return comment


# --- audit templates -----------------------------------------------------------------------------


@transaction.atomic
def create_template(
    *, actor: Any, owner_unit: Unit, code: str, name: str, purpose: str = "", sample_size: int = 1,
    pass_threshold: float = 85.0,
) -> AuditTemplate:  # fmt: skip
    code = code.strip().upper()
    if AuditTemplate.objects.filter(organisation_id=owner_unit.organisation_id, code=code).exists():
        raise ValidationError({"code": f"Another audit template in this organisation has the code {code}"})
    template = AuditTemplate.objects.create(
        organisation_id=owner_unit.organisation_id, owner_unit=owner_unit, code=code, name=name
    )
    version = TemplateVersion(
        template=template, number=1, purpose=purpose, sample_size=sample_size, pass_threshold=pass_threshold
    )
    version.full_clean()
    version.save()
    record_many(
        actor=actor,
        changes=[
            Change(A.CREATE, template, created({"code": code, "name": name}), owner_unit.pk),
            Change(A.CREATE, version, created(snapshot(version, VERSION_FIELDS)), owner_unit.pk),
        ],
    )
    return template


def _draft(version: TemplateVersion) -> None:
    if version.is_published:
        raise ValidationError("A published version cannot change: make a new version and change that.")


@transaction.atomic
def update_version(*, actor: Any, version: TemplateVersion, **fields: Any) -> TemplateVersion:
    _draft(version)
    before = snapshot(version, VERSION_FIELDS)
    for name, value in fields.items():
        if name not in ("purpose", "sample_size", "pass_threshold"):
            raise ValidationError({name: "This field cannot be changed here."})
        setattr(version, name, value)
    version.full_clean()
    version.save()
    changes = diff(before, snapshot(version, VERSION_FIELDS))
    if changes:
        record(
            actor=actor,
            action=A.UPDATE,
            target=version,
            changes=changes,
            unit_id=version.template.owner_unit_id,
        )
    return version


def _check_question(question: Question) -> None:
    errors: dict[str, str] = {}
    if question.answer_type == AnswerType.CHOICE:
        choices = question.choice_list
        if len(choices) < 2:
            errors["choices"] = "Enter at least two choices, one a line"
        unknown = [p for p in question.passing_list if p not in choices]
        if unknown:
            errors["passing"] = f"“{unknown[0]}” is not one of the choices"
    if (
        question.answer_type == AnswerType.NUMBER
        and question.minimum is not None
        and question.maximum is not None
        and question.minimum > question.maximum
    ):
        errors["maximum"] = "The highest value that passes must not be below the lowest"
    standard = question.standard if question.standard_id else None
    if standard is not None and standard.organisation_id != question.version.template.organisation_id:
        errors["standard"] = "Choose a standard of the template's organisation"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def add_question(*, actor: Any, version: TemplateVersion, **fields: Any) -> Question:
    _draft(version)
    last = version.questions.order_by("-position").values_list("position", flat=True).first() or 0
    question = Question(version=version, position=last + 1, **fields)
    _check_question(question)
    question.full_clean()
    question.save()
    record(
        actor=actor,
        action=A.CREATE,
        target=question,
        changes=created(snapshot(question, QUESTION_FIELDS)),
        unit_id=version.template.owner_unit_id,
    )
    return question


@transaction.atomic
def remove_question(*, actor: Any, question: Question) -> None:
    _draft(question.version)
    record(
        actor=actor,
        action=A.DELETE,
        target=question,
        changes={k: [v, None] for k, v in snapshot(question, QUESTION_FIELDS).items()},
        unit_id=question.version.template.owner_unit_id,
    )
    question.delete()


@transaction.atomic
def publish_version(*, actor: Any, version: TemplateVersion) -> TemplateVersion:
    _draft(version)
    if not version.questions.exists():
        raise ValidationError("Add at least one question before publishing")
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    record(
        actor=actor,
        action=A.UPDATE,
        target=version,
        changes={"published_at": [None, version.published_at]},
        unit_id=version.template.owner_unit_id,
    )
    return version


@transaction.atomic
def new_version(*, actor: Any, template: AuditTemplate) -> TemplateVersion:
    """A draft copy of the latest version, to change; the published ones never change."""
    latest = template.versions.order_by("-number").first()
    if latest is not None and not latest.is_published:
        return latest
    number = (latest.number + 1) if latest else 1
    version = TemplateVersion.objects.create(
        template=template,
        number=number,
        purpose=latest.purpose if latest else "",
        sample_size=latest.sample_size if latest else 1,
        pass_threshold=latest.pass_threshold if latest else 85.0,
    )
    if latest is not None:
        Question.objects.bulk_create(
            [
                Question(version=version, **{f: getattr(q, f) for f in QUESTION_FIELDS if f != "standard"},
                         standard_id=q.standard_id)
                for q in latest.questions.all()
            ]
        )  # fmt: skip
    record(
        actor=actor,
        action=A.CREATE,
        target=version,
        changes=created(
            {**snapshot(version, VERSION_FIELDS), "copied_from": latest.number if latest else None}
        ),
        unit_id=template.owner_unit_id,
    )
    return version


def published_version(template: AuditTemplate) -> TemplateVersion | None:
    return template.versions.filter(published_at__isnull=False).order_by("-number").first()


# --- audits --------------------------------------------------------------------------------------


@transaction.atomic
def schedule_audit(
    *, actor: Any, template: AuditTemplate, unit: Unit, due_on: dt.date, recurrence: str = Recurrence.ONCE,
    assignees: Iterable[Any] = (), shared_with_service_users: bool = False,
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
def start_audit(*, actor: Any, run: AuditRun) -> AuditRun:
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
def save_answers(*, actor: Any, run: AuditRun, record_number: int, values: dict[int, str]) -> int:
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


@transaction.atomic
def complete_audit(*, actor: Any, run: AuditRun, completed_at: dt.datetime | None = None) -> AuditRun:
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
    months = RECURRENCE_MONTHS.get(Recurrence(run.recurrence))
    if months:
        following = AuditRun.objects.create(
            unit_id=run.unit_id, template_id=run.template_id, due_on=_add_months(run.due_on, months),
            recurrence=run.recurrence, previous=run, shared_with_service_users=run.shared_with_service_users,
        )  # fmt: skip
        following.assignees.set(list(run.assignees.all()))
        entries.append(Change(A.CREATE, following, created(snapshot(following, RUN_FIELDS)), run.unit_id))
    record_many(actor=actor, changes=entries)
    return run


@transaction.atomic
def cancel_audit(*, actor: Any, run: AuditRun) -> AuditRun:
    """Cancel an audit not completed yet; a recurring one's next audit is scheduled all the same."""
    run = AuditRun.objects.select_for_update().get(pk=run.pk)
    if run.status in (RunStatus.COMPLETED, RunStatus.CANCELLED):
        raise ValidationError("A completed or cancelled audit cannot be cancelled")
    before = run.status
    run.status = RunStatus.CANCELLED
    run.save(update_fields=["status"])
    entries = [Change(A.UPDATE, run, {"status": [before, run.status]}, run.unit_id)]
    months = RECURRENCE_MONTHS.get(Recurrence(run.recurrence))
    if months:
        following = AuditRun.objects.create(
            unit_id=run.unit_id, template_id=run.template_id, due_on=_add_months(run.due_on, months),
            recurrence=run.recurrence, previous=run, shared_with_service_users=run.shared_with_service_users,
        )  # fmt: skip
        following.assignees.set(list(run.assignees.all()))
        entries.append(Change(A.CREATE, following, created(snapshot(following, RUN_FIELDS)), run.unit_id))
    record_many(actor=actor, changes=entries)
    return run
