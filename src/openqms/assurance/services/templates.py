"""Writes to audit templates: numbered versions, their questions, publishing. Each runs in one
transaction with its audit entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.assurance.models import (
    AnswerType,
    AuditTemplate,
    Question,
    Standard,
    TemplateVersion,
)
from openqms.audit.models import AuditEntry
from openqms.audit.services import Change, created, diff, record, record_many, snapshot
from openqms.organisations.models import Unit
from openqms.people.models import User
from openqms.unchanged import UNCHANGED, Unchanged, set_given

A = AuditEntry.Action


VERSION_FIELDS = ("number", "purpose", "sample_size", "pass_threshold", "published_at")
QUESTION_FIELDS = (
    "position", "text", "guidance", "answer_type", "choices", "passing", "minimum", "maximum",
    "standard", "weight",
)  # fmt: skip
# --- audit templates -----------------------------------------------------------------------------


@transaction.atomic
def create_template(
    *, actor: User | None, owner_unit: Unit, code: str, name: str, purpose: str = "", sample_size: int = 1,
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
def update_version(
    *,
    actor: User | None,
    version: TemplateVersion,
    purpose: str | Unchanged = UNCHANGED,
    sample_size: int | Unchanged = UNCHANGED,
    pass_threshold: float | Unchanged = UNCHANGED,
) -> TemplateVersion:
    """Change the fields given of a draft version; a field left UNCHANGED keeps its value."""
    _draft(version)
    before = snapshot(version, VERSION_FIELDS)
    set_given(version, purpose=purpose, sample_size=sample_size, pass_threshold=pass_threshold)
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
def add_question(
    *,
    actor: User | None,
    version: TemplateVersion,
    text: str,
    answer_type: str,
    guidance: str = "",
    choices: str = "",
    passing: str = "",
    minimum: float | None = None,
    maximum: float | None = None,
    standard: Standard | None = None,
    weight: float = 1.0,
) -> Question:
    """A question at the end of a draft version; `choices` and `passing` are one choice a line."""
    _draft(version)
    last = version.questions.order_by("-position").values_list("position", flat=True).first() or 0
    question = Question(
        version=version,
        position=last + 1,
        text=text,
        answer_type=answer_type,
        guidance=guidance,
        choices=choices,
        passing=passing,
        minimum=minimum,
        maximum=maximum,
        standard=standard,
        weight=weight,
    )
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
def remove_question(*, actor: User | None, question: Question) -> None:
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
def publish_version(*, actor: User | None, version: TemplateVersion) -> TemplateVersion:
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
def new_version(*, actor: User | None, template: AuditTemplate) -> TemplateVersion:
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
