"""Score computation: per question, per standard (weighted) and for the whole audit."""

from __future__ import annotations

import pytest

from openqms.assurance import scoring
from openqms.assurance.models import AnswerType, Question


def q(
    pk: int, kind: str = AnswerType.YES_NO, *, standard: int | None = None, weight: float = 1.0, **kw
) -> Question:
    return Question(
        pk=pk, answer_type=kind, standard_id=standard, weight=weight, text=f"Q{pk}", position=pk, **kw
    )


def test_yes_no_choice_and_number_answers_meet_or_fail():
    assert scoring.meets(q(1), "yes") is True
    assert scoring.meets(q(1), "no") is False
    assert scoring.meets(q(1), "na") is None
    assert scoring.meets(q(1), "") is None
    choice = q(2, AnswerType.CHOICE, choices="Locked\nUnlocked\nNo fridge", passing="Locked")
    assert scoring.meets(choice, "Locked") is True
    assert scoring.meets(choice, "Unlocked") is False
    number = q(3, AnswerType.NUMBER, minimum=2, maximum=8)
    assert [scoring.meets(number, v) for v in ("2", "8", "1.9", "8.1", "x")] == [
        True,
        True,
        False,
        False,
        None,
    ]
    assert scoring.meets(q(4, AnswerType.TEXT), "anything") is None
    assert scoring.meets(q(5, weight=0), "yes") is None


def test_scores_per_question_per_standard_and_overall():
    questions = [
        q(1, standard=10, weight=2),
        q(2, standard=10, weight=1),
        q(3, standard=20),
        q(4, AnswerType.TEXT),
    ]
    answers = [
        (1, "yes"), (2, "no"), (3, "yes"), (4, "note"),  # record 1
        (1, "yes"), (2, "yes"), (3, "na"),  # record 2
        (1, "no"), (2, "yes"), (3, "no"),  # record 3
    ]  # fmt: skip
    scores = scoring.score(questions, answers)
    assert scores.questions[1].percent == pytest.approx(200 / 3)
    assert scores.questions[2].percent == pytest.approx(200 / 3)
    assert scores.questions[3].percent == 50
    assert scores.questions[4].percent is None
    # Standard 10: question 1 weighs 2 (met 2 of 3), question 2 weighs 1 (met 2 of 3): (4 + 2) / (6 + 3).
    assert scores.standards[10].percent == pytest.approx(600 / 9)
    assert scores.standards[20].percent == 50
    # Overall: (4 + 2 + 1) / (6 + 3 + 2).
    assert scores.overall.percent == pytest.approx(700 / 11)


def test_nothing_scored_is_no_score_not_zero():
    scores = scoring.score([q(1)], [(1, "na")])
    assert scores.overall.percent is None
    assert scores.questions[1].percent is None
