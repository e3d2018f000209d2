"""Scores of an audit: per question, per standard and for the unit (the whole audit).

An answer meets the standard, fails it, or is not scored (not applicable, unanswered, or a text or
date question). A question's score is the share of its scored answers that meet the standard. A
standard's score, and the audit's, weight each question: the sum of weight × answers that meet the
standard over the sum of weight × answers scored. Nothing scored means no score (None), never 0 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from openqms.assurance.models import AnswerType, Question

NOT_APPLICABLE = "na"
YES_NO_CHOICES = (("yes", "Yes"), ("no", "No"), (NOT_APPLICABLE, "Not applicable"))


def meets(question: Question, value: str) -> bool | None:
    """True if the answer meets the standard, False if it fails it, None if it is not scored."""
    value = value.strip()
    if not value or not question.is_scored or value == NOT_APPLICABLE:
        return None
    if question.answer_type == AnswerType.YES_NO:
        return value == "yes"
    if question.answer_type == AnswerType.CHOICE:
        return value in question.passing_list
    if question.answer_type == AnswerType.NUMBER:
        try:
            number = float(value)
        except ValueError:
            return None
        if question.minimum is not None and number < question.minimum:
            return False
        return not (question.maximum is not None and number > question.maximum)
    return None


@dataclass
class Tally:
    met: float = 0.0
    scored: float = 0.0

    def add(self, ok: bool, weight: float = 1.0) -> None:
        self.scored += weight
        if ok:
            self.met += weight

    @property
    def percent(self) -> float | None:
        return None if self.scored == 0 else 100.0 * self.met / self.scored


@dataclass
class Scores:
    questions: dict[int, Tally] = field(default_factory=dict)  # question id → answers counted once each
    standards: dict[int, Tally] = field(default_factory=dict)  # standard id → weighted
    overall: Tally = field(default_factory=Tally)


def score(questions: Iterable[Question], answers: Iterable[tuple[int, str]]) -> Scores:
    """Scores from the questions of a version and its answers as (question id, value)."""
    by_id = {q.pk: q for q in questions}
    result = Scores(questions={pk: Tally() for pk in by_id})
    for question_id, value in answers:
        question = by_id.get(question_id)
        if question is None:
            continue
        ok = meets(question, value)
        if ok is None:
            continue
        result.questions[question_id].add(ok)
        result.overall.add(ok, question.weight)
        if question.standard_id is not None:
            result.standards.setdefault(question.standard_id, Tally()).add(ok, question.weight)
    return result
