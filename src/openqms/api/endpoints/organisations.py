"""Organisations and units: what the unit tree shows a person (VIEW_UNIT)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from openqms.access import policy
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import UnitFilter, unit_or_404
from openqms.organisations.models import Organisation, Unit

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    code: str


class UnitOut(Schema):
    id: int
    organisation: int
    parent: int | None
    name: str
    code: str
    kind: str
    depth: int
    archived: bool


def unit_out(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "organisation": unit.organisation_id,
        "parent": unit.parent_id,
        "name": unit.name,
        "code": unit.code,
        "kind": unit.kind,
        "depth": unit.depth,
        "archived": unit.archived_at is not None,
    }


def _organisations(user: Any) -> Any:
    units = policy.units_where(user, policy.Permission.VIEW_UNIT)
    return Organisation.objects.filter(pk__in=units.values("organisation_id"))


@router.get("/organisations", response={200: page_of(OrganisationOut), **ERRORS})
def list_organisations(request: HttpRequest, paging: Query[PageQuery]) -> Any:
    return page(_organisations(request.user), paging)


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **ERRORS})
def get_organisation(request: HttpRequest, organisation_id: int) -> Any:
    found = _organisations(request.user).filter(pk=organisation_id).first()
    if found is None:
        raise Http404("Not found")
    return found


class UnitQuery(UnitFilter):
    include_archived: bool = False


@router.get("/units", response={200: page_of(UnitOut), **ERRORS})
def list_units(request: HttpRequest, filters: Query[UnitQuery], paging: Query[PageQuery]) -> Any:
    units = policy.units_where(request.user, policy.Permission.VIEW_UNIT)
    if not filters.include_archived:
        units = units.filter(archived_at__isnull=True)
    if filters.unit is not None:
        top = unit_or_404(request.user, filters.unit)
        units = units.filter(path__startswith=top.path) if filters.subtree else units.filter(pk=top.pk)
    return page(units, paging, unit_out)


@router.get("/units/{unit_id}", response={200: UnitOut, **ERRORS})
def get_unit(request: HttpRequest, unit_id: int) -> Any:
    return unit_out(unit_or_404(request.user, unit_id))
