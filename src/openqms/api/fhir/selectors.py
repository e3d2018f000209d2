"""What FHIR reads: the measure library and measure data, scoped exactly as control's pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from openqms.access import policy
from openqms.control.models import Measure, MeasureDefinition, Observation, SpcSnapshot
from openqms.control.selectors import measures as control


def definitions(user: Any) -> QuerySet[MeasureDefinition]:
    return control.definitions_visible(user).select_related("organisation", "quality_domain")


def definition_or_404(user: Any, definition_id: int) -> MeasureDefinition:
    found = definitions(user).filter(pk=definition_id).first()
    if found is None:
        raise Http404("Not found")
    return found


def reports(user: Any) -> QuerySet[Observation]:
    """Every period of every measure the person may see, as the measure's page would list it."""
    return Observation.objects.filter(measure__in=control.measures(user)).select_related(
        "measure__definition", "measure__unit"
    )


def report_or_404(user: Any, measure_id: int, period: dt.date) -> Observation:
    measure = policy.get_or_404(user, policy.Permission.VIEW, control.measure_queryset(), pk=measure_id)
    found = Observation.objects.filter(measure=measure, period_start=period).first()
    if found is None:
        raise Http404("Not found")
    found.measure = measure
    return found


def after(queryset: QuerySet[Observation], measure_id: int, period: dt.date) -> QuerySet[Observation]:
    """The rows after (measure, period) in (measure, period) order: the next page's."""
    return queryset.filter(Q(measure_id__gt=measure_id) | Q(measure_id=measure_id, period_start__gt=period))


def snapshots(measures: list[Measure]) -> dict[int, SpcSnapshot]:
    return {s.measure_id: s for s in SpcSnapshot.objects.filter(measure__in=[m.pk for m in measures])}
