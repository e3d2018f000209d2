"""Reads for quality control, each scoped through the access policy to what the person may see.

Pages fetch single objects with `policy.get_or_404` over the querysets built here; lists and counts
start from `policy.visible`, so a ward member never counts, lists or charts another ward's data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.audit.selectors import history_of
from openqms.control.models import (
    Annotation,
    DataShape,
    Measure,
    MeasureDefinition,
    Observation,
    Rollup,
    SpcSnapshot,
    TargetChange,
)
from openqms.control.spc_adapter import MeasureData, as_shown, compute_measures, result_from_dict
from openqms.organisations.models import Unit
from openqms.spc import ChartType, Direction, Result
from openqms.spc.render.describe import describe

Permission = policy.Permission
# Boards draw from the snapshot's icons, latest value and stored sparkline: never the full result.
BOARD_DEFERRED = ("snapshot__result_json",)


# --- the measure library -------------------------------------------------------------------------


def definitions_visible(user: Any, organisation_id: int | None = None) -> QuerySet[MeasureDefinition]:
    """Definitions the person may read: owned in their sub-trees, owned above them (the trust's
    standard measures are set at the top), or reported by a measure they may see."""
    units = policy.units_where(user, Permission.VIEW)
    above = {a for path in units.values_list("path", flat=True) for a in _ancestor_ids(path)}
    seen_measures = policy.visible(user, Permission.VIEW, Measure.objects.all()).values("definition_id")
    scoped = policy.visible(user, Permission.VIEW, MeasureDefinition.objects.all(), unit_field="owner_unit")
    queryset = MeasureDefinition.objects.filter(
        Q(pk__in=scoped.values("pk")) | Q(owner_unit_id__in=above) | Q(pk__in=seen_measures)
    )
    if organisation_id is not None:
        queryset = queryset.filter(organisation_id=organisation_id)
    return queryset.filter(archived_at__isnull=True).select_related("owner_unit")


def _ancestor_ids(path: str) -> list[int]:
    return [int(p) for p in path.split("/") if p]


def library(
    user: Any, *, organisation_id: int | None, domain: str = "", measure_type: str = "", search: str = ""
) -> QuerySet[MeasureDefinition]:
    queryset = definitions_visible(user, organisation_id)
    if domain:
        queryset = queryset.filter(quality_domain__key=domain)
    if measure_type:
        queryset = queryset.filter(measure_type=measure_type)
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(code__icontains=search) | Q(definition__icontains=search)
        )
    return queryset.select_related("quality_domain").order_by("name")


def measures_of_definition(user: Any, definition: MeasureDefinition) -> QuerySet[Measure]:
    return (
        policy.visible(user, Permission.VIEW, definition.measures.filter(archived_at__isnull=True))
        .select_related("unit", "snapshot")
        .defer(*BOARD_DEFERRED)
    )


def units_to_report(user: Any, definition: MeasureDefinition) -> QuerySet[Unit]:
    """Units the person leads in the definition's organisation that do not report it yet."""
    return (
        policy.units_where(user, Permission.LEAD)
        .filter(organisation_id=definition.organisation_id, archived_at__isnull=True)
        .exclude(measures__definition=definition)
        .order_by("path")
    )


def units_to_own(user: Any, organisation_id: int | None) -> QuerySet[Unit]:
    units = policy.units_where(user, Permission.LEAD).filter(archived_at__isnull=True)
    if organisation_id is not None:
        units = units.filter(organisation_id=organisation_id)
    return units.order_by("path")


def rollup_units(user: Any, definition: MeasureDefinition) -> list[Unit]:
    """Units above the reporting units, which the person may see, where a roll-up makes sense."""
    if definition.rollup == Rollup.NONE:
        return []
    paths = list(measures_of_definition(user, definition).values_list("unit__path", flat=True))
    above = {a for path in paths for a in _ancestor_ids(path)[:-1]}
    return list(
        policy.visible(user, Permission.VIEW, Unit.objects.filter(pk__in=above), unit_field="").order_by(
            "path"
        )
    )


# --- one measure ---------------------------------------------------------------------------------


def measures(user: Any, action: Permission = Permission.VIEW) -> QuerySet[Measure]:
    return policy.visible(user, action, Measure.objects.filter(archived_at__isnull=True))


def measure_queryset() -> QuerySet[Measure]:
    """For `policy.get_or_404`: the measure with what its page always shows."""
    return Measure.objects.filter(archived_at__isnull=True).select_related(
        "definition", "unit", "unit__organisation"
    )


def measure_page_queryset() -> QuerySet[Measure]:
    """For the measure's page: also its stored snapshot, and the definition's owning unit, which
    the access policy reads to name the definition in the page's history."""
    return measure_queryset().select_related("snapshot", "definition__owner_unit")


def snapshot_of(measure: Measure) -> SpcSnapshot | None:
    if Measure.snapshot.is_cached(measure):  # read with the measure (measure_page_queryset)
        return getattr(measure, "snapshot", None)  # None: it has no snapshot yet
    return SpcSnapshot.objects.filter(measure=measure).first()


def stored_result(snapshot: SpcSnapshot | None) -> Result | None:
    return result_from_dict(snapshot.result) if snapshot is not None else None


def annotations_of(measure: Measure, *, include_archived: bool = False) -> QuerySet[Annotation]:
    found = (
        measure.annotations.all()
        if include_archived
        else measure.annotations.filter(archived_at__isnull=True)
    )
    return found.select_related("created_by").order_by("-on", "-pk")


def annotations_of_measures(measure_ids: Iterable[int]) -> dict[int, list[Annotation]]:
    """The live annotations of several measures in one query, each measure's in the order of
    `annotations_of` (for a page that charts them all: an improvement project's measures)."""
    found: dict[int, list[Annotation]] = defaultdict(list)
    for note in Annotation.objects.filter(measure_id__in=measure_ids, archived_at__isnull=True).order_by(
        "measure_id", "-on", "-pk"
    ):
        found[note.measure_id].append(note)
    return found


def observations_of(measure: Measure) -> QuerySet[Observation]:
    return measure.observations.order_by("-period_start")


def target_history(measure: Measure) -> QuerySet[TargetChange]:
    return measure.target_changes.order_by("-effective_from")


def recent_history(measure: Measure, limit: int = 10) -> list[AuditEntry]:
    return list(history_of(measure).select_related("actor")[:limit])


def measure_history(measure: Measure) -> QuerySet[AuditEntry]:
    return history_of(measure).select_related("actor")


def summary_text(result: Result | None, annotations: list[tuple[Any, str]]) -> str:
    return describe(result, annotations) if result is not None else ""


# --- boards --------------------------------------------------------------------------------------


def has_sub_units(user: Any, unit: Unit) -> bool:
    return policy.visible(
        user, Permission.VIEW_UNIT, Unit.objects.filter(parent=unit, archived_at__isnull=True), unit_field=""
    ).exists()


def team_measures(user: Any, unit: Unit) -> list[Measure]:
    """The unit's own measures with their stored snapshots, in two queries whatever their number."""
    return list(
        measures(user)
        .filter(unit=unit)
        .select_related("definition", "snapshot")
        .defer(*BOARD_DEFERRED)
        .order_by("definition__name")
    )


def subtree_measures(user: Any, unit: Unit) -> QuerySet[Measure]:
    return measures(user).filter(unit__path__startswith=unit.path)


def icon_counts(user: Any, unit: Unit) -> dict[tuple[str, str], int]:
    """Measures in the sub-tree per (variation icon, assurance icon), as one grouped COUNT.

    "" stands for no icon: no assurance icon means no target; no variation icon, no data yet.
    """
    rows = (
        subtree_measures(user, unit)
        .order_by()
        .values("snapshot__variation_icon", "snapshot__assurance_icon")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        key = (row["snapshot__variation_icon"] or "", row["snapshot__assurance_icon"] or "")
        counts[key] += row["n"]
    return dict(counts)


def cell_measures(
    user: Any, unit: Unit, *, variation: str | None, assurance: str | None
) -> QuerySet[Measure]:
    """Measures behind one cell of the summary table ("none" stands for no icon)."""
    queryset = (
        subtree_measures(user, unit).select_related("definition", "unit", "snapshot").defer(*BOARD_DEFERRED)
    )
    for field, wanted in (("variation_icon", variation), ("assurance_icon", assurance)):
        if wanted is None:
            continue
        if wanted == "none":
            queryset = queryset.filter(Q(snapshot__isnull=True) | Q(**{f"snapshot__{field}": ""}))
        else:
            queryset = queryset.filter(**{f"snapshot__{field}": wanted})
    return queryset.order_by("definition__name", "unit__path")


def concerns(user: Any, unit: Unit, limit: int = 50) -> list[Measure]:
    return list(
        subtree_measures(user, unit)
        .filter(snapshot__variation_icon__startswith="concern")
        .select_related("definition", "unit", "snapshot")
        .defer(*BOARD_DEFERRED)
        .order_by("snapshot__concern_since", "definition__name")[:limit]
    )


# --- roll-up -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollupSeries:
    periods: list[dt.date]
    values: list[float | None]
    numerators: list[float | None]
    denominators: list[float | None]
    reporting_units: int
    result: Result | None


def rollup(user: Any, definition: MeasureDefinition, unit: Unit) -> RollupSeries:
    """The definition's series for a unit above the reporting teams, summed per period.

    A ratio adds numerators and denominators separately and divides the sums: an average of the
    teams' rates would weigh a ward of 5 beds like a ward of 50.
    """
    scoped = measures(user).filter(definition=definition, unit__path__startswith=unit.path)
    rows = list(
        Observation.objects.filter(measure__in=scoped.values("pk"))
        .values("period_start")
        .annotate(
            value=Sum("value"),
            numerator=Sum("numerator"),
            denominator=Sum("denominator"),
            units=Count("measure_id", distinct=True),
            latest=Max("updated_at"),
        )
        .order_by("period_start")
    )
    periods = [r["period_start"] for r in rows]
    # Ratio data only add up as sums of numerators and of denominators, whatever the roll-up says.
    ratio = definition.data_shape == DataShape.RATIO
    series = RollupSeries(
        periods=periods,
        values=[r["value"] for r in rows],
        numerators=[r["numerator"] for r in rows] if ratio else [None] * len(rows),
        denominators=[r["denominator"] for r in rows] if ratio else [None] * len(rows),
        reporting_units=max((r["units"] for r in rows), default=0),
        result=None,
    )
    if not periods:
        return series
    data = MeasureData(
        measure_id=0,
        chart=ChartType(definition.chart_type),
        direction=Direction(definition.direction),
        ratio=ratio,
        multiplier=definition.multiplier,
        periods=periods,
        values=series.values,
        numerators=series.numerators,
        denominators=series.denominators,
        targets=[],
        recalculate_from=[],
    )
    (result,) = compute_measures([data])
    return RollupSeries(**{**series.__dict__, "result": as_shown(data, result)})
