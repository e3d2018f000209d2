"""People and their roles, for administrators (ADMINISTER on the unit the role is held on)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from openqms.access import policy
from openqms.access.models import RoleAssignment
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import UnitFilter, within
from openqms.people.models import User

router = Router(tags=["people"])


class RoleOut(Schema):
    id: int
    person: int
    unit: int
    role: str
    starts_on: dt.date
    ends_on: dt.date | None


class PersonOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    job_title: str
    is_active: bool


def role_out(role: RoleAssignment) -> dict[str, Any]:
    return {
        "id": role.pk,
        "person": role.person_id,
        "unit": role.unit_id,
        "role": role.role,
        "starts_on": role.starts_on,
        "ends_on": role.ends_on,
    }


def _roles(user: Any) -> Any:
    return policy.visible(user, policy.Permission.ADMINISTER, RoleAssignment.objects.all())


def _people(user: Any) -> Any:
    return User.objects.filter(pk__in=_roles(user).values("person_id"))


@router.get("/roles", response={200: page_of(RoleOut), **ERRORS})
def list_roles(
    request: HttpRequest, filters: Query[UnitFilter], paging: Query[PageQuery], current: bool = False
) -> Any:
    roles = within(request.user, _roles(request.user), filters)
    if current:
        roles = roles.filter(pk__in=RoleAssignment.objects.current().values("pk"))
    return page(roles, paging, role_out)


@router.get("/people", response={200: page_of(PersonOut), **ERRORS})
def list_people(request: HttpRequest, paging: Query[PageQuery]) -> Any:
    return page(_people(request.user), paging)


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS})
def get_person(request: HttpRequest, person_id: int) -> Any:
    person = _people(request.user).filter(pk=person_id).first()
    if person is None:
        raise Http404("Not found")
    return person
