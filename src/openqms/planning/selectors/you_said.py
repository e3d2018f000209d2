""" "You said, we did" for a unit's sub-tree and a period: the feedback and needs raised in it, and
what changed because of them (the answer, the linked actions, projects, standards and services,
the need's outcome). Plain rows, so the reporting app can render them and a published page can
keep them as they were (`rows_as_data`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from openqms.access import policy
from openqms.actions.models import Action
from openqms.nhsuk.dates import date_text
from openqms.organisations.models import Unit
from openqms.planning import links, work
from openqms.planning.models import Feedback, FeedbackKind, Need, NeedStatus


@dataclass(frozen=True)
class YouSaidRow:
    kind: str  # "feedback" or "need"
    unit: str
    on: str  # ISO date it was raised
    you_said: str
    we_did: list[str] = field(default_factory=list)
    outcome: str = ""
    when: str = ""  # the same date, in words: 3 Feb 2026


def _actions(kind: str, ids: list[int]) -> dict[int, list[Action]]:
    found: dict[int, list[Action]] = {}
    for action in Action.objects.filter(source_kind=kind, source_id__in=ids).order_by("created_at", "pk"):
        assert action.source_id is not None
        found.setdefault(int(action.source_id), []).append(action)
    return found


def _action_words(action: Action) -> str:
    return f"Action: {action.title} ({action.get_status_display().lower()})"


def _quoted(feedback: Feedback) -> str:
    if feedback.may_quote:
        return f"“{feedback.text}”"
    what = {FeedbackKind.COMPLIMENT: "paid a compliment", FeedbackKind.CONCERN: "raised a concern"}
    return f"Someone {what.get(FeedbackKind(feedback.kind), 'suggested an idea')} (not for quoting)"


def _need_outcome(need: Need) -> str:
    if need.status == NeedStatus.DECLINED:
        return f"Declined: {need.decline_reason}"
    return str(need.get_status_display())


def you_said_we_did(user: Any, unit: Unit, starts_on: dt.date, ends_on: dt.date) -> list[YouSaidRow]:
    """The rows for staff who may see the unit's quality data; none for anyone else."""
    if not policy.can(user, policy.Permission.VIEW, unit):
        return []
    return rows_for(unit, starts_on, ends_on, user)


def rows_for(unit: Unit, starts_on: dt.date, ends_on: dt.date, user: Any = None) -> list[YouSaidRow]:
    """Unscoped: for publishing (a leader has asked) and for the callers above, who have checked."""
    within = {"unit__path__startswith": unit.path}
    feedback = list(
        Feedback.objects.filter(received_on__gte=starts_on, received_on__lte=ends_on, **within)
        .select_related("unit", "need")
        .prefetch_related("projects")
        .order_by("received_on", "pk")
    )
    needs = list(
        Need.objects.filter(created_at__date__gte=starts_on, created_at__date__lte=ends_on, **within)
        .select_related("unit")
        .prefetch_related("projects", "standards", "services", "service_models")
        .order_by("created_at", "pk")
    )
    feedback_actions = _actions(links.FEEDBACK, [f.pk for f in feedback])
    need_actions = _actions(links.NEED, [n.pk for n in needs])
    rows: list[YouSaidRow] = []
    for f in feedback:
        did = [f"We answered: {f.response}"] if f.response else []
        did += [_action_words(a) for a in feedback_actions.get(f.pk, [])]
        did += [f"Improvement project: {p.title} ({p.get_stage_display().lower()})" for p in f.projects.all()]
        if f.need is not None:
            did.append(f"Need on the register: {f.need.title} ({_need_outcome(f.need).lower()})")
        outcome = "Answered" if did else "Received"
        on = f.received_on
        rows.append(
            YouSaidRow("feedback", f.unit.name, on.isoformat(), _quoted(f), did, outcome, date_text(on))
        )
    for n in needs:
        did = [_action_words(a) for a in need_actions.get(n.pk, [])]
        did += [f"Improvement project: {p.title} ({p.get_stage_display().lower()})" for p in n.projects.all()]
        did += [f"Standard: {s.code} {s.title}" for s in n.standards.all()]
        did += [f"Service: {s.name}" for s in n.services.all()]
        did += [f"Service model: {m.title}, version {m.version}" for m in n.service_models.all()]
        if user is not None:
            did += [f"{w.title} ({w.status.lower()})" for w in work.answering(user, n)]
        day = n.created_at.date()
        said = f"We need: {n.title}"
        rows.append(
            YouSaidRow("need", n.unit.name, day.isoformat(), said, did, _need_outcome(n), date_text(day))
        )
    return rows


def rows_as_data(rows: list[YouSaidRow]) -> list[dict[str, Any]]:
    return [asdict(r) for r in rows]


def rows_from_data(data: list[dict[str, Any]]) -> list[YouSaidRow]:
    return [YouSaidRow(**d) for d in data]
