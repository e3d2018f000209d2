"""Actions: the tracker's list and items, raised, changed, noted and closed through its services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja import Status as Answer
from pydantic import Field

from openqms.access import policy
from openqms.actions.models import OPEN_STATUSES, Action, Priority, Status
from openqms.actions.selectors import tracker as selectors
from openqms.actions.services import tracker as services
from openqms.api.auth import require_permission
from openqms.api.endpoints.common import MAX_ID
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import UnitFilter, unit_or_404, within
from openqms.people.models import User
from openqms.unchanged import UNCHANGED

router = Router(tags=["actions"])
Permission = policy.Permission


class ActionOut(Schema):
    id: int
    unit: int
    title: str
    description: str
    owner: int | None
    due_on: dt.date
    priority: str
    status: str
    source_label: str
    source_kind: str
    source_id: int | None
    kept_at_source: bool
    closed_at: dt.datetime | None
    closure_evidence: str
    effectiveness_check: str
    effective: bool | None
    created_at: dt.datetime


def action_out(a: Action) -> dict[str, Any]:
    return {
        "id": a.pk,
        "unit": a.unit_id,
        "title": a.title,
        "description": a.description,
        "owner": a.owner_id,
        "due_on": a.due_on,
        "priority": a.priority,
        "status": a.status,
        "source_label": a.source_label,
        "source_kind": a.source_kind,
        "source_id": a.source_id,
        "kept_at_source": a.kept_at_source,
        "closed_at": a.closed_at,
        "closure_evidence": a.closure_evidence,
        "effectiveness_check": a.effectiveness_check,
        "effective": a.effective,
        "created_at": a.created_at,
    }


class ActionQuery(UnitFilter):
    status: Status | None = None
    open: bool | None = Field(None, description="true: open or in progress; false: closed or cancelled")
    overdue: bool = Field(False, description="Only open actions past their due date")
    owner: int | None = Field(None, ge=1, le=MAX_ID, description="Only actions this person (id) owns")


@router.get("/actions", response={200: page_of(ActionOut), **ERRORS})
def list_actions(request: HttpRequest, filters: Query[ActionQuery], paging: Query[PageQuery]) -> Any:
    found = within(request.user, selectors.visible(request.user), filters)
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    if filters.open is not None:
        found = (
            found.filter(status__in=OPEN_STATUSES)
            if filters.open
            else found.exclude(status__in=OPEN_STATUSES)
        )
    if filters.overdue:
        found = found.filter(status__in=OPEN_STATUSES, due_on__lt=timezone.localdate())
    if filters.owner is not None:
        found = found.filter(owner_id=filters.owner)
    # An item names its unit and owner by id: no need to build them for each of the page's actions.
    return page(found.select_related(None), paging, action_out)


def _action(request: HttpRequest, action_id: int, permission: Permission = Permission.VIEW) -> Action:
    return policy.get_or_404(
        request.user, permission, Action.objects.select_related("unit", "owner"), pk=action_id
    )


@router.get("/actions/{action_id}", response={200: ActionOut, **ERRORS})
def get_action(request: HttpRequest, action_id: int) -> Any:
    return action_out(_action(request, action_id))


def _owner(pk: int | None, unit: Any) -> User | None:
    if pk is None:
        return None
    person = User.objects.filter(pk=pk, is_active=True).first()
    if person is None or not policy.roles_on(person, unit) & policy.STAFF:
        raise ValidationError(
            {"owner": "The owner must be a member of staff whose role reaches the action's unit"}
        )
    return person


class ActionIn(Schema):
    unit: int
    title: str = Field(min_length=1, max_length=200)
    due_on: dt.date
    description: str = Field("", max_length=5000)
    owner: int | None = None
    priority: Priority = Priority.MEDIUM


@router.post("/actions", response={201: ActionOut, **ERRORS})
def create_action(request: HttpRequest, payload: ActionIn) -> Any:
    require_permission(request, Permission.CONTRIBUTE)
    unit = unit_or_404(request.user, payload.unit, Permission.CONTRIBUTE)
    action = services.raise_action(
        actor=request.user,  # type: ignore[arg-type]
        unit=unit,
        title=payload.title,
        due_on=payload.due_on,
        owner=_owner(payload.owner, unit),
        description=payload.description,
        priority=payload.priority.value,
        source_label="API",
    )
    return Answer(201, action_out(action))


class ActionPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=5000)
    owner: int | None = None
    due_on: dt.date | None = None
    priority: Priority | None = None
    status: Status | None = Field(None, description="open, in_progress or cancelled; close with /close")


@router.patch("/actions/{action_id}", response={200: ActionOut, **ERRORS})
def update_action(request: HttpRequest, action_id: int, payload: ActionPatch) -> Any:
    """Change the fields given (the tracker's edit page: leaders of the action's unit)."""
    require_permission(request, Permission.LEAD)
    action = _action(request, action_id, Permission.LEAD)
    given = payload.model_dump(exclude_unset=True)
    for name in ("title", "due_on", "priority", "status"):
        if name in given and given[name] is None:
            raise ValidationError({name: "This field cannot be empty"})
    updated = services.update_action(
        actor=request.user,  # type: ignore[arg-type]
        action=action,
        title=given.get("title", UNCHANGED),
        description=given.get("description", UNCHANGED),
        owner=_owner(given["owner"], action.unit) if "owner" in given else UNCHANGED,
        due_on=given.get("due_on", UNCHANGED),
        priority=payload.priority.value if payload.priority else UNCHANGED,
        status=payload.status.value if payload.status else UNCHANGED,
    )
    return action_out(updated)


class CloseIn(Schema):
    evidence: str = Field(min_length=1, max_length=5000)
    effectiveness_check: str = Field(min_length=1, max_length=5000)
    effective: bool


@router.post("/actions/{action_id}/close", response={200: ActionOut, **ERRORS})
def close_action(request: HttpRequest, action_id: int, payload: CloseIn) -> Any:
    require_permission(request, Permission.LEAD)
    action = _action(request, action_id, Permission.LEAD)
    closed = services.close_action(
        actor=request.user,  # type: ignore[arg-type]
        action=action,
        evidence=payload.evidence,
        effectiveness_check=payload.effectiveness_check,
        effective=payload.effective,
    )
    return action_out(closed)


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class NoteOut(Schema):
    id: int
    action: int
    text: str
    created_at: dt.datetime


@router.post("/actions/{action_id}/notes", response={201: NoteOut, **ERRORS})
def add_note(request: HttpRequest, action_id: int, payload: NoteIn) -> Any:
    require_permission(request, Permission.CONTRIBUTE)
    action = _action(request, action_id, Permission.CONTRIBUTE)
    if not action.is_open:
        raise ValidationError({"text": "This action is closed: it takes no more notes"})
    note = services.add_note(actor=request.user, action=action, text=payload.text)  # type: ignore[arg-type]
    return Answer(201, {"id": note.pk, "action": action.pk, "text": note.text, "created_at": note.created_at})
