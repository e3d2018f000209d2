"""Planning: the organisation's strategic priorities, the needs register, annual quality plans,
feedback and the published "you said, we did" boards."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja import Status as Answer
from pydantic import Field

from openqms.access import policy
from openqms.api.auth import require_permission
from openqms.api.endpoints.common import MAX_ID
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import PeriodFilter, UnitFilter, in_period, unit_or_404, within
from openqms.assurance.models import Standard
from openqms.improvement.models import Project
from openqms.organisations.models import StrategicPriority, Unit
from openqms.planning.models import Feedback, FeedbackKind, Need, NeedStatus, YouSaidWeDid
from openqms.planning.models.plans import PlanStatus, QualityPlan
from openqms.planning.selectors import feedback as feedback_selectors
from openqms.planning.selectors import needs as need_selectors
from openqms.planning.selectors import plans as plan_selectors
from openqms.planning.selectors import priorities as priority_selectors
from openqms.planning.selectors import you_said as you_said_selectors
from openqms.planning.services import needs as need_services

router = Router(tags=["planning"])
Permission = policy.Permission


class PriorityOut(Schema):
    id: int
    organisation: int
    goal: int
    title: str
    description: str
    position: int
    executive_owner: int | None
    retired_at: dt.datetime | None


def priority_out(p: StrategicPriority) -> dict[str, Any]:
    return {
        "id": p.pk,
        "organisation": p.organisation_id,
        "goal": p.goal_id,
        "title": p.title,
        "description": p.description,
        "position": p.position,
        "executive_owner": p.executive_owner_id,
        "retired_at": p.retired_at,
    }


class PriorityQuery(Schema):
    organisation: int | None = Field(
        None, ge=1, le=MAX_ID, description="Only this organisation's priorities (id)"
    )
    retired: bool | None = Field(None, description="true: retired ones only; false: current ones only")


@router.get("/priorities", response={200: page_of(PriorityOut), **ERRORS})
def list_priorities(request: HttpRequest, filters: Query[PriorityQuery], paging: Query[PageQuery]) -> Any:
    """The strategic priorities of the organisations where the person holds a role (the strategy page)."""
    found = StrategicPriority.objects.filter(
        organisation__in=priority_selectors.organisations_of(request.user)
    )
    if filters.organisation is not None:
        found = found.filter(organisation_id=filters.organisation)
    if filters.retired is not None:
        found = found.filter(retired_at__isnull=not filters.retired)
    return page(found, paging, priority_out)


@router.get("/priorities/{priority_id}", response={200: PriorityOut, **ERRORS})
def get_priority(request: HttpRequest, priority_id: int) -> Any:
    found = priority_selectors.priority(request.user, priority_id)
    if found is None:
        raise Http404("Not found")
    return priority_out(found)


class NeedOut(Schema):
    id: int
    unit: int
    title: str
    who_affected: str
    description: str
    impact: int | None
    reach: int | None
    score: int | None = Field(description="Impact × reach, 1 to 25; null until both are set")
    status: str
    decline_reason: str
    raised_by: int | None
    raised_by_service_user: bool
    priorities: list[int]
    services: list[int]
    standards: list[int]
    projects: list[int]
    created_at: dt.datetime
    status_changed_at: dt.datetime | None


def need_out(n: Need) -> dict[str, Any]:
    return {
        "id": n.pk,
        "unit": n.unit_id,
        "title": n.title,
        "who_affected": n.who_affected,
        "description": n.description,
        "impact": n.impact,
        "reach": n.reach,
        "score": n.score,
        "status": n.status,
        "decline_reason": n.decline_reason,
        "raised_by": n.raised_by_id,
        "raised_by_service_user": n.raised_by_service_user,
        # Read from the prefetched rows (`.all()`), not `values_list`, which would query per need.
        "priorities": [x.pk for x in n.priorities.all()],
        "services": [x.pk for x in n.services.all()],
        "standards": [x.pk for x in n.standards.all()],
        "projects": [x.pk for x in n.projects.all()],
        "created_at": n.created_at,
        "status_changed_at": n.status_changed_at,
    }


NEED_LINKS: dict[str, Any] = {
    "priorities": StrategicPriority, "services": Unit, "standards": Standard, "projects": Project,
}  # fmt: skip


class NeedQuery(UnitFilter):
    status: NeedStatus | None = None


@router.get("/needs", response={200: page_of(NeedOut), **ERRORS})
def list_needs(request: HttpRequest, filters: Query[NeedQuery], paging: Query[PageQuery]) -> Any:
    """The needs register of the units the person's roles reach, and the needs they raised
    (a service user sees only those), as the register page shows them."""
    user = request.user
    staff = policy.visible(user, Permission.VIEW, Need.objects.all()).values("pk")
    found = Need.objects.filter(Q(pk__in=staff) | Q(raised_by_id=getattr(user, "pk", None)))
    found = within(user, found, filters)
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    # What answers each need is shown by id: fetch only that of each link.
    links = [Prefetch(name, queryset=model.objects.only("id")) for name, model in NEED_LINKS.items()]
    return page(found.prefetch_related(*links), paging, need_out)


@router.get("/needs/{need_id}", response={200: NeedOut, **ERRORS})
def get_need(request: HttpRequest, need_id: int) -> Any:
    return need_out(need_selectors.need(request.user, need_id))


class NeedIn(Schema):
    unit: int
    title: str = Field(min_length=1, max_length=200, description="What is needed")
    who_affected: str = Field(min_length=1, max_length=1000)
    description: str = Field("", max_length=4000)


@router.post("/needs", response={201: NeedOut, **ERRORS})
def create_need(request: HttpRequest, payload: NeedIn) -> Any:
    """Raise a need on a unit: its staff, and its service users (the "raise a need" page)."""
    require_permission(request, Permission.RAISE)
    unit = unit_or_404(request.user, payload.unit, Permission.RAISE)
    need = need_services.raise_need(
        actor=request.user,  # type: ignore[arg-type]
        unit=unit,
        title=payload.title,
        who_affected=payload.who_affected,
        description=payload.description,
    )
    return Answer(201, need_out(need_selectors.need(request.user, need.pk)))


class PlanPriorityOut(Schema):
    id: int
    priority: int
    is_improvement_priority: bool
    why: str
    resources: str


class PlanOut(Schema):
    id: int
    unit: int
    year: int = Field(description="The financial year it starts in: 2026 is 2026/27")
    year_label: str
    summary: str
    status: str
    shared_with_service_users: bool
    submitted_at: dt.datetime | None
    approved_by: int | None
    approved_at: dt.datetime | None
    signed_off_by: int | None
    signed_off_at: dt.datetime | None
    priorities: list[PlanPriorityOut]


def plan_out(p: QualityPlan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "unit": p.unit_id,
        "year": p.year,
        "year_label": p.year_label,
        "summary": p.summary,
        "status": p.status,
        "shared_with_service_users": p.shared_with_service_users,
        "submitted_at": p.submitted_at,
        "approved_by": p.approved_by_id,
        "approved_at": p.approved_at,
        "signed_off_by": p.signed_off_by_id,
        "signed_off_at": p.signed_off_at,
        "priorities": [
            {
                "id": pp.pk,
                "priority": pp.priority_id,
                "is_improvement_priority": pp.is_improvement_priority,
                "why": pp.why,
                "resources": pp.resources,
            }
            for pp in p.priorities.all()
        ],
    }


class PlanQuery(UnitFilter):
    status: PlanStatus | None = None
    year: int | None = Field(None, ge=2000, le=2100, description="The financial year it starts in")


@router.get("/plans", response={200: page_of(PlanOut), **ERRORS})
def list_plans(request: HttpRequest, filters: Query[PlanQuery], paging: Query[PageQuery]) -> Any:
    found = within(request.user, plan_selectors.plans(request.user), filters)
    if filters.status is not None:
        found = found.filter(status=filters.status.value)
    if filters.year is not None:
        found = found.filter(year=filters.year)
    return page(found.prefetch_related("priorities"), paging, plan_out)


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS})
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    return plan_out(plan_selectors.plan_for(request.user, plan_id))


class FeedbackOut(Schema):
    id: int
    unit: int
    kind: str
    given_by: str
    channel: str
    text: str
    received_on: dt.date
    may_quote: bool = Field(description="The giver agreed to be quoted, without their name")
    response: str
    responded_at: dt.datetime | None
    need: int | None
    projects: list[int]


def feedback_out(f: Feedback) -> dict[str, Any]:
    return {
        "id": f.pk,
        "unit": f.unit_id,
        "kind": f.kind,
        "given_by": f.given_by,
        "channel": f.channel,
        "text": f.text,
        "received_on": f.received_on,
        "may_quote": f.may_quote,
        "response": f.response,
        "responded_at": f.responded_at,
        "need": f.need_id,
        "projects": [p.pk for p in f.projects.all()],
    }


class FeedbackQuery(UnitFilter):
    kind: FeedbackKind | None = None


@router.get("/feedback", response={200: page_of(FeedbackOut), **ERRORS})
def list_feedback(
    request: HttpRequest, filters: Query[FeedbackQuery], period: Query[PeriodFilter], paging: Query[PageQuery]
) -> Any:
    """Feedback on the units the person's staff roles reach (never shown to service users), as the
    feedback pages show it; `period_from`/`period_to` choose by the day it was received."""
    found = policy.visible(request.user, Permission.VIEW, Feedback.objects.all())
    found = in_period(within(request.user, found, filters), period, "received_on")
    if filters.kind is not None:
        found = found.filter(kind=filters.kind.value)
    projects = Prefetch("projects", queryset=Project.objects.only("id"))
    return page(found.prefetch_related(projects), paging, feedback_out)


@router.get("/feedback/{feedback_id}", response={200: FeedbackOut, **ERRORS})
def get_feedback(request: HttpRequest, feedback_id: int) -> Any:
    return feedback_out(feedback_selectors.feedback_item(request.user, feedback_id))


class YouSaidRowOut(Schema):
    kind: str = Field(description="feedback or need")
    unit: str
    on: str = Field(description="The day it was raised (ISO)")
    you_said: str
    we_did: list[str]
    outcome: str
    when: str


class YouSaidOut(Schema):
    id: int
    unit: int
    starts_on: dt.date
    ends_on: dt.date
    published_at: dt.datetime
    rows: list[YouSaidRowOut]


def you_said_out(y: YouSaidWeDid) -> dict[str, Any]:
    return {
        "id": y.pk,
        "unit": y.unit_id,
        "starts_on": y.starts_on,
        "ends_on": y.ends_on,
        "published_at": y.published_at,
        "rows": [asdict(row) for row in you_said_selectors.rows_from_data(y.rows)],
    }


@router.get("/you-said-we-did", response={200: page_of(YouSaidOut), **ERRORS})
def list_you_said_we_did(request: HttpRequest, filters: Query[UnitFilter], paging: Query[PageQuery]) -> Any:
    """The published "you said, we did" boards of the units the person may see (each is public
    once published, at its own address), as they read when they were published."""
    found = policy.visible(request.user, Permission.VIEW_UNIT, YouSaidWeDid.objects.all())
    return page(within(request.user, found, filters), paging, you_said_out)
