"""Measure definitions, measures, their observations, SPC results and annotations.

Reads go through control's selectors; data in goes through control's `submit_rows`, the one path
manual entry, uploads and the command-line import share (checked whole, audited per measure, SPC
recomputed once per series: ADR 8).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openqms.access import policy
from openqms.api.auth import require_permission
from openqms.api.endpoints.common import MAX_ID
from openqms.api.errors import ERRORS
from openqms.api.pagination import PageQuery, page, page_of
from openqms.api.scope import PeriodFilter, UnitFilter, in_period, within
from openqms.api.submissions import ObservationIn, SubmissionOut, submit
from openqms.control.models import Annotation, AnnotationKind, Measure, MeasureDefinition, Observation
from openqms.control.selectors import measures as selectors
from openqms.control.services.measures import add_annotation

router = Router(tags=["measures"])
Permission = policy.Permission


class DefinitionOut(Schema):
    id: int
    organisation: int
    code: str
    name: str
    definition: str
    unit_of_measurement: str
    measure_type: str
    quality_domain: str
    direction: str
    frequency: str
    chart_type: str
    data_shape: str
    multiplier: float
    rollup: str
    default_target: float | None
    owner_unit: int


def definition_out(d: MeasureDefinition) -> dict[str, Any]:
    return {
        "id": d.pk,
        "organisation": d.organisation_id,
        "code": d.code,
        "name": d.name,
        "definition": d.definition,
        "unit_of_measurement": d.unit_of_measurement,
        "measure_type": d.measure_type,
        "quality_domain": d.quality_domain.key,
        "direction": d.direction,
        "frequency": d.frequency,
        "chart_type": d.chart_type,
        "data_shape": d.data_shape,
        "multiplier": d.multiplier,
        "rollup": d.rollup,
        "default_target": d.default_target,
        "owner_unit": d.owner_unit_id,
    }


class MeasureOut(Schema):
    id: int
    definition: int
    code: str = Field(description="The definition's code, as data files name the measure")
    name: str
    unit: int
    unit_code: str
    shared_with_service_users: bool
    variation_icon: str | None
    assurance_icon: str | None
    last_period: dt.date | None
    last_value: float | None


MEASURE_LIST_FIELDS = (
    "id", "definition_id", "unit_id", "shared_with_service_users", "definition__code", "definition__name",
    "unit__code", "snapshot__measure_id", "snapshot__variation_icon", "snapshot__assurance_icon",
    "snapshot__last_period", "snapshot__last_value",
)  # fmt: skip


def measure_out(m: Measure) -> dict[str, Any]:
    snapshot = getattr(m, "snapshot", None)
    return {
        "id": m.pk,
        "definition": m.definition_id,
        "code": m.definition.code,
        "name": m.definition.name,
        "unit": m.unit_id,
        "unit_code": m.unit.code,
        "shared_with_service_users": m.shared_with_service_users,
        "variation_icon": (snapshot.variation_icon or None) if snapshot else None,
        "assurance_icon": (snapshot.assurance_icon or None) if snapshot else None,
        "last_period": snapshot.last_period if snapshot else None,
        "last_value": snapshot.last_value if snapshot else None,
    }


class ObservationOut(Schema):
    id: int
    measure: int
    period: dt.date
    value: float | None
    numerator: float | None
    denominator: float | None


def observation_out(o: Observation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "measure": o.measure_id,
        "period": o.period_start,
        "value": o.value,
        "numerator": o.numerator,
        "denominator": o.denominator,
    }


class AnnotationOut(Schema):
    id: int
    measure: int
    on: dt.date
    kind: str
    label: str
    reason: str


class AnnotationIn(Schema):
    on: dt.date
    kind: AnnotationKind
    label: str = Field(min_length=1, max_length=80)
    reason: str = Field("", max_length=2000)


def annotation_out(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.pk,
        "measure": a.measure_id,
        "on": a.on,
        "kind": a.kind,
        "label": a.label,
        "reason": a.reason,
    }


def _measure(request: HttpRequest, measure_id: int, permission: Permission = Permission.VIEW) -> Measure:
    return policy.get_or_404(request.user, permission, selectors.measure_queryset(), pk=measure_id)


@router.get("/measure-definitions", response={200: page_of(DefinitionOut), **ERRORS})
def list_measure_definitions(request: HttpRequest, paging: Query[PageQuery]) -> Any:
    return page(
        selectors.definitions_visible(request.user).select_related("quality_domain"), paging, definition_out
    )


@router.get("/measure-definitions/{definition_id}", response={200: DefinitionOut, **ERRORS})
def get_measure_definition(request: HttpRequest, definition_id: int) -> Any:
    found = selectors.definitions_visible(request.user).filter(pk=definition_id).first()
    if found is None:
        raise Http404("Not found")
    return definition_out(found)


class MeasureQuery(UnitFilter):
    definition: int | None = Field(None, ge=1, le=MAX_ID, description="Only measures of this definition")
    variation: str | None = Field(None, description="Only measures whose latest variation icon is this")


@router.get("/measures", response={200: page_of(MeasureOut), **ERRORS})
def list_measures(request: HttpRequest, filters: Query[MeasureQuery], paging: Query[PageQuery]) -> Any:
    found = selectors.measures(request.user).filter(archived_at__isnull=True)
    # Only the columns an item shows: a page of 100 measures would otherwise also carry every
    # definition's text and each snapshot's sparkline SVG, and build every field of four models.
    found = within(request.user, found, filters).select_related("definition", "unit", "snapshot")
    found = found.only(*MEASURE_LIST_FIELDS)
    if filters.definition is not None:
        found = found.filter(definition_id=filters.definition)
    if filters.variation is not None:
        found = found.filter(snapshot__variation_icon=filters.variation)
    return page(found, paging, measure_out)


@router.get("/measures/{measure_id}", response={200: MeasureOut, **ERRORS})
def get_measure(request: HttpRequest, measure_id: int) -> Any:
    return measure_out(_measure(request, measure_id))


@router.get("/measures/{measure_id}/observations", response={200: page_of(ObservationOut), **ERRORS})
def list_observations(
    request: HttpRequest, measure_id: int, period: Query[PeriodFilter], paging: Query[PageQuery]
) -> Any:
    measure = _measure(request, measure_id)
    found = in_period(Observation.objects.filter(measure=measure), period, "period_start")
    return page(found, paging, observation_out)


class MeasureObservationIn(Schema):
    period: dt.date = Field(description="The period's first day")
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None


@router.post("/measures/{measure_id}/observations", response={200: SubmissionOut, **ERRORS})
def add_observation(request: HttpRequest, measure_id: int, payload: MeasureObservationIn) -> Any:
    """One period's value: created, or corrected when the period has one already."""
    require_permission(request, Permission.CONTRIBUTE)
    measure = _measure(request, measure_id, Permission.CONTRIBUTE)
    item = ObservationIn(
        measure=measure.definition.code,
        unit=measure.unit.code,
        period=payload.period,
        value=payload.value,
        numerator=payload.numerator,
        denominator=payload.denominator,
    )
    return submit(request, [item], organisation=measure.unit.organisation, within=measure.unit)


@router.get("/measures/{measure_id}/spc", response={200: dict[str, Any], **ERRORS})
def get_spc(request: HttpRequest, measure_id: int) -> Any:
    """The SPC engine's result as `openqms spc --format json` writes it ({} before any data)."""
    snapshot = selectors.snapshot_of(_measure(request, measure_id))
    return snapshot.result if snapshot is not None else {}


@router.get("/measures/{measure_id}/annotations", response={200: page_of(AnnotationOut), **ERRORS})
def list_annotations(request: HttpRequest, measure_id: int, paging: Query[PageQuery]) -> Any:
    measure = _measure(request, measure_id)
    return page(selectors.annotations_of(measure), paging, annotation_out)


@router.post("/measures/{measure_id}/annotations", response={201: AnnotationOut, **ERRORS})
def create_annotation(request: HttpRequest, measure_id: int, payload: AnnotationIn) -> Any:
    require_permission(request, Permission.CONTRIBUTE)
    measure = _measure(request, measure_id, Permission.CONTRIBUTE)
    annotation = add_annotation(
        actor=request.user,  # type: ignore[arg-type]
        measure=measure,
        on=payload.on,
        kind=payload.kind.value,
        label=payload.label,
        reason=payload.reason,
    )
    return Status(201, annotation_out(annotation))
