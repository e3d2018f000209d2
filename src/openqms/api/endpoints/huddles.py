"""Boards, huddles and escalations: what a unit's board and its huddle pages show."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import Query, Router, Schema
from ninja import Status as Answer
from pydantic import Field

from openqms.access import policy
from openqms.api.auth import require_permission
from openqms.api.endpoints.common import by_field, problems
from openqms.api.endpoints.measures import MeasureOut, measure_out
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import PeriodFilter, UnitFilter, in_period, unit_or_404, within
from openqms.control.forms.huddles import DESCRIPTION_MAX, MAX_ROWS, HuddleForm, TierForm
from openqms.control.models import (
    Escalation,
    EscalationStatus,
    EscalationTier,
    Huddle,
    HuddleIssue,
    IssueOutcome,
)
from openqms.control.selectors import huddles as selectors
from openqms.control.selectors import measures as measure_selectors
from openqms.control.services import escalations as escalation_services
from openqms.control.services import huddles as huddle_services
from openqms.organisations.models import Unit
from openqms.people.models import User

router = Router(tags=["huddles"])
Permission = policy.Permission


class IconCount(Schema):
    variation_icon: str | None
    assurance_icon: str | None
    measures: int


class TierOut(Schema):
    level: int
    unit: int
    status: str
    action: int | None


class EscalationOut(Schema):
    id: int
    title: str
    description: str
    origin_unit: int
    current_unit: int
    status: str
    raised_at: dt.datetime
    resolved_at: dt.datetime | None
    resolution: str
    source_measure: int | None
    tiers: list[TierOut]


def escalation_out(e: Escalation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "title": e.title,
        "description": e.description,
        "origin_unit": e.origin_unit_id,
        "current_unit": e.current_unit_id,
        "status": e.status,
        "raised_at": e.raised_at,
        "resolved_at": e.resolved_at,
        "resolution": e.resolution,
        "source_measure": e.source_measure_id,
        "tiers": [
            {"level": t.level, "unit": t.unit_id, "status": t.status, "action": t.action_id}
            for t in e.tiers.all()
        ],
    }


class BoardOut(Schema):
    unit: int
    measures: list[MeasureOut]
    sub_tree_icons: list[IconCount]
    open_issue_actions: list[int]
    open_escalations: list[EscalationOut]


@router.get("/units/{unit_id}/board", response={200: BoardOut, **ERRORS})
def get_board(request: HttpRequest, unit_id: int) -> Any:
    """A unit's board: its own measures with their icons, the icon counts of its sub-tree, the
    huddle's open actions and the open escalations."""
    user = request.user
    unit = unit_or_404(user, unit_id, Permission.VIEW)
    counts = measure_selectors.icon_counts(user, unit)
    return {
        "unit": unit.pk,
        "measures": [measure_out(m) for m in measure_selectors.team_measures(user, unit)],
        "sub_tree_icons": [
            {"variation_icon": v or None, "assurance_icon": a or None, "measures": n}
            for (v, a), n in sorted(counts.items())
        ],
        "open_issue_actions": [i.action_id for i in selectors.open_issues(user, unit)],
        "open_escalations": [escalation_out(e) for e in selectors.open_escalations_for(user, unit)],
    }


class HuddleOut(Schema):
    id: int
    unit: int
    held_on: dt.date
    notes: str
    other_attendees: str
    attendees: list[int]
    issue_actions: list[int]


def huddle_out(h: Huddle) -> dict[str, Any]:
    return {
        "id": h.pk,
        "unit": h.unit_id,
        "held_on": h.held_on,
        "notes": h.notes,
        "other_attendees": h.other_attendees,
        "attendees": [p.pk for p in h.attendees.all()],
        "issue_actions": [i.action_id for i in h.issues.all()],
    }


@router.get("/huddles", response={200: page_of(HuddleOut), **ERRORS})
def list_huddles(
    request: HttpRequest, filters: Query[UnitFilter], period: Query[PeriodFilter], paging: Query[PageQuery]
) -> Any:
    found = policy.visible(request.user, Permission.VIEW, Huddle.objects.all())
    found = in_period(within(request.user, found, filters), period, "held_on")
    # Attendees and issues are shown by id: fetch only that of each.
    return page(
        found.prefetch_related(
            Prefetch("attendees", queryset=User.objects.only("id")),
            Prefetch("issues", queryset=HuddleIssue.objects.only("id", "huddle_id", "action_id")),
        ),
        paging,
        huddle_out,
    )


@router.get("/huddles/{huddle_id}", response={200: HuddleOut, **ERRORS})
def get_huddle(request: HttpRequest, huddle_id: int) -> Any:
    return huddle_out(selectors.huddle(request.user, huddle_id))


class EscalationQuery(UnitFilter):
    status: EscalationStatus | None = None


@router.get("/escalations", response={200: page_of(EscalationOut), **ERRORS})
def list_escalations(request: HttpRequest, filters: Query[EscalationQuery], paging: Query[PageQuery]) -> Any:
    found = policy.visible(request.user, Permission.VIEW, Escalation.objects.all(), unit_field="origin_unit")
    found = within(request.user, found, filters, unit_field="origin_unit").prefetch_related("tiers")
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    return page(found, paging, escalation_out)


@router.get("/escalations/{escalation_id}", response={200: EscalationOut, **ERRORS})
def get_escalation(request: HttpRequest, escalation_id: int) -> Any:
    return escalation_out(selectors.escalation(request.user, escalation_id))


# --- writes: what the huddle and escalation pages post ------------------------------------------


class Outcome(StrEnum):
    OPEN = IssueOutcome.OPEN.value
    SOLVED = IssueOutcome.SOLVED.value
    ESCALATED = IssueOutcome.ESCALATED.value


class IssueIn(Schema):
    description: str = Field(max_length=DESCRIPTION_MAX)
    owner: int | None = Field(None, description="A person (id) on hand for the unit; needed while open")
    due_on: dt.date | None = Field(None, description="Needed while open; on or after the huddle")
    outcome: Outcome = Field(Outcome.OPEN, description="open, solved at the huddle, or escalated")


class HuddleIn(Schema):
    held_on: dt.date
    attendees: list[int] = Field([], max_length=500, description="People (ids) on hand for the unit who came")
    other_attendees: str = Field("", max_length=300, description="Others who came, by name")
    notes: str = Field("", max_length=5000)
    issues: list[IssueIn] = Field([], max_length=MAX_ROWS)


@router.post("/units/{unit_id}/huddles", response={201: HuddleOut, **ERRORS})
def record_huddle(request: HttpRequest, unit_id: int, payload: HuddleIn) -> Any:
    """Record a huddle as its page does: who came, notes, and the issues raised, each an action;
    issues solved there are closed at once, and escalated ones go to the tier above. `index` in an
    error is the issue's place in `issues`."""
    require_permission(request, Permission.CONTRIBUTE)
    user = request.user
    unit = policy.get_or_404(
        user, Permission.CONTRIBUTE, Unit.objects.select_related("parent"), unit_field="", pk=unit_id
    )
    # The page's own checks, on the same names the page posts, so both refuse the same things.
    posted = MultiValueDict(
        {
            "held_on": [payload.held_on.isoformat()],
            "attendees": [str(pk) for pk in payload.attendees],
            "other_attendees": [payload.other_attendees],
            "notes": [payload.notes],
        }
    )
    for index, issue in enumerate(payload.issues):
        posted[f"issues-{index}-description"] = issue.description
        posted[f"issues-{index}-owner"] = "" if issue.owner is None else str(issue.owner)
        posted[f"issues-{index}-due_on"] = issue.due_on.isoformat() if issue.due_on else ""
        posted[f"issues-{index}-outcome"] = issue.outcome.value
    form = HuddleForm(unit=unit, people=selectors.people_on_hand(user, unit), data=posted)
    blank = [i for i, row in enumerate(form.rows) if row.is_blank]
    if blank:
        # The page skips blank rows; an API client sending one has made a mistake.
        raise problems({f"id_issues-{i}-description": "Describe the issue" for i in blank})
    if not form.is_valid():
        raise problems(form.errors)
    try:
        huddle = huddle_services.record_huddle(
            actor=user,  # type: ignore[arg-type]
            unit=unit,
            issues=form.issues,
            **form.cleaned,
        )
    except ValidationError as exc:
        raise problems(by_field(exc, "held_on")) from exc
    return Answer(201, huddle_out(selectors.huddle(user, huddle.pk)))


def _acting(request: HttpRequest, escalation_id: int) -> tuple[Escalation, EscalationTier]:
    """The escalation and its current tier, if this person answers for that tier; otherwise 404, as
    the escalation page answers (seeing an escalation is not the right to act on it)."""
    require_permission(request, Permission.LEAD)
    escalation = selectors.escalation(request.user, escalation_id)
    tier = list(escalation.tiers.all())[-1]
    if escalation.status != EscalationStatus.OPEN or not selectors.leads_tier(request.user, tier.unit):
        raise Http404("Not found")
    return escalation, tier


def _escalation(request: HttpRequest, escalation_id: int) -> Any:
    return escalation_out(selectors.escalation(request.user, escalation_id))


@router.post("/escalations/{escalation_id}/acknowledge", response={200: EscalationOut, **ERRORS})
def acknowledge_escalation(request: HttpRequest, escalation_id: int) -> Any:
    """The current tier's leader takes it on: they own its action, now in progress (the page's
    "I'll take this")."""
    _, tier = _acting(request, escalation_id)
    escalation_services.update_tier(actor=request.user, tier=tier, owner=request.user)  # type: ignore[arg-type]
    return _escalation(request, escalation_id)


class RespondIn(Schema):
    owner: int | None = Field(None, description="A person (id) on hand for the tier's unit")
    due_on: dt.date | None = Field(None, description="Today or later")
    note: str = Field("", max_length=2000, description="What the tier did")


@router.post("/escalations/{escalation_id}/respond", response={200: EscalationOut, **ERRORS})
def respond_to_escalation(request: HttpRequest, escalation_id: int, payload: RespondIn) -> Any:
    """The current tier's update: an owner, a due date and a note (at least one of them)."""
    _, tier = _acting(request, escalation_id)
    form = TierForm(
        people=selectors.people_on_hand(request.user, tier.unit),
        data={
            "owner": "" if payload.owner is None else str(payload.owner),
            "due_on": payload.due_on.isoformat() if payload.due_on else "",
            "note": payload.note,
        },
    )
    if not form.clean_update():
        raise problems(form.errors)
    try:
        escalation_services.update_tier(actor=request.user, tier=tier, **form.cleaned)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise problems(by_field(exc, "owner")) from exc
    return _escalation(request, escalation_id)


class EscalateIn(Schema):
    note: str = Field(min_length=1, max_length=2000, description="What this tier did and why it goes up")


@router.post("/escalations/{escalation_id}/escalate", response={200: EscalationOut, **ERRORS})
def escalate_further(request: HttpRequest, escalation_id: int, payload: EscalateIn) -> Any:
    """Pass it to the tier above (the top unit has none: 422)."""
    escalation, _tier = _acting(request, escalation_id)
    if not payload.note.strip():
        raise ValidationError({"note": "Say what this tier did and why it goes further up"})
    try:
        escalation_services.escalate_further(actor=request.user, escalation=escalation, note=payload.note)  # type: ignore[arg-type]
    except ValidationError as exc:
        # The refusals left are of the request as a whole (no tier above the top unit).
        raise problems({"__all__": "; ".join(exc.messages)}) from exc
    return _escalation(request, escalation_id)


class ResolveIn(Schema):
    resolution: str = Field(min_length=1, max_length=2000, description="How it was resolved")


@router.post("/escalations/{escalation_id}/resolve", response={200: EscalationOut, **ERRORS})
def resolve_escalation(request: HttpRequest, escalation_id: int, payload: ResolveIn) -> Any:
    """Close it: the current tier resolved it."""
    escalation, _tier = _acting(request, escalation_id)
    if not payload.resolution.strip():
        raise ValidationError({"resolution": "Say how the escalation was resolved"})
    try:
        escalation_services.resolve_escalation(
            actor=request.user,  # type: ignore[arg-type]
            escalation=escalation,
            resolution=payload.resolution,
        )
    except ValidationError as exc:
        raise problems(by_field(exc, "resolution")) from exc
    return _escalation(request, escalation_id)
