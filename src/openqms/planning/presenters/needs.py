"""What the needs pages show: the register's rows, a need with its evidence and what answers it,
and a service user's own needs with what happened to each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from openqms.access import policy
from openqms.actions.models import Action
from openqms.nhsuk.dates import date_text
from openqms.planning import work
from openqms.planning.models import Need, NeedStatus

P = policy.Permission
STATUS_TAGS = {
    NeedStatus.NEW: "grey", NeedStatus.ACCEPTED: "blue", NeedStatus.PLANNED: "purple",
    NeedStatus.MET: "green", NeedStatus.DECLINED: "red",
}  # fmt: skip
HIGH, MEDIUM = 15, 8  # score bands, docs/needs.md


def band(score: int | None) -> str:
    if score is None:
        return "Not scored yet"
    if score >= HIGH:
        return f"{score} (high)"
    return f"{score} (medium)" if score >= MEDIUM else f"{score} (low)"


@dataclass(frozen=True)
class NeedRow:
    pk: int
    url: str
    title: str
    unit: str
    who_affected: str
    score: str
    status: str
    tag: str
    raised: str


def row(need: Need) -> NeedRow:
    return NeedRow(
        pk=need.pk,
        url=reverse("planning:need", args=[need.pk]),
        title=need.title,
        unit=need.unit.name,
        who_affected=need.who_affected,
        score=band(need.score),
        status=str(need.get_status_display()),
        tag=f"nhsuk-tag nhsuk-tag--{STATUS_TAGS.get(NeedStatus(need.status), 'grey')}",
        raised=date_text(need.created_at.date()),
    )


@dataclass(frozen=True)
class Answer:
    """One thing answering a need, as a line on its page."""

    kind: str
    title: str
    url: str = ""
    note: str = ""


@dataclass
class NeedPage:
    need: Need
    item: NeedRow
    outcome: str
    raised_by: str
    evidence: list[dict[str, str]] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    feedback: list[tuple[str, str]] = field(default_factory=list)
    may_triage: bool = False
    may_link: bool = False
    staff: bool = False


def outcome(need: Need) -> str:
    """In words a service user reads: what happened to the need."""
    words = {
        NeedStatus.NEW: "The team has not looked at it yet.",
        NeedStatus.ACCEPTED: "The team agrees it is needed and is deciding what to do.",
        NeedStatus.PLANNED: "Work to meet it is planned.",
        NeedStatus.MET: "It has been met.",
        NeedStatus.DECLINED: f"The team decided not to take it on: {need.decline_reason}",
    }
    return words[NeedStatus(need.status)]


def answers(user: Any, need: Need, actions: list[Action]) -> list[Answer]:
    found = [Answer("Strategic priority", p.title) for p in need.priorities.all()]
    # Each answer only where the person may open it: a service user reads her need's page, not
    # every standard or unit of the trust.
    found += [
        Answer("Service", u.name, reverse("unit", args=[u.pk]))
        for u in need.services.all()
        if policy.can(user, P.VIEW_UNIT, u)
    ]
    found += [
        Answer("Standard", f"{s.code} {s.title}", reverse("assurance:standard", args=[s.pk]))
        for s in need.standards.all()
        if policy.can(user, P.VIEW, s)
    ]
    found += [
        Answer(
            "Improvement project", p.title, reverse("improvement:project", args=[p.pk]), p.get_stage_display()
        )
        for p in need.projects.all()
        if policy.can(user, P.VIEW, p)
    ]
    found += [
        Answer("Action", a.title, reverse("actions:action", args=[a.pk]), str(a.get_status_display()))
        for a in actions
        if policy.can(user, P.VIEW, a)
    ]
    found += [
        Answer(
            "Service model", f"{m.title}, version {m.version}", reverse("planning:service-model", args=[m.pk])
        )
        for m in need.service_models.all()
        if policy.can(user, P.VIEW, m)
    ]
    found += [Answer("Plan", w.title, w.url, w.status) for w in work.answering(user, need)]
    return found


def need_page(user: Any, need: Need, actions: list[Action]) -> NeedPage:
    staff = policy.can(user, P.VIEW, need)
    raiser = need.raised_by.get_full_name() if need.raised_by else "the team"
    evidence = [
        {
            "source": str(e.get_source_display()),
            "on": date_text(e.on),
            "summary": e.summary,
            "url": reverse("planning:need-evidence-file", args=[e.pk]),
            "what": e.original_name or e.link,
        }
        for e in need.evidence.all()
    ]
    return NeedPage(
        need=need,
        item=row(need),
        outcome=outcome(need),
        raised_by=f"Raised by {raiser}" + (" (a service user)" if need.raised_by_service_user else ""),
        evidence=evidence if staff else [],
        answers=answers(user, need, actions),
        feedback=[
            (
                f"{f.get_kind_display()} from {date_text(f.received_on)}",
                reverse("planning:feedback-item", args=[f.pk]),
            )
            for f in need.feedback.all()
        ]
        if staff
        else [],
        may_triage=policy.can(user, P.LEAD, need),
        may_link=policy.can(user, P.CONTRIBUTE, need),
        staff=staff,
    )


@dataclass(frozen=True)
class MyNeed:
    item: NeedRow
    outcome: str
    answered_by: list[str]


def my_needs(user: Any, needs: list[Need]) -> list[MyNeed]:
    """A service user's own needs: what happened, and what answers each, in titles only."""
    return [MyNeed(row(n), outcome(n), [f"{a.kind}: {a.title}" for a in answers(user, n, [])]) for n in needs]
