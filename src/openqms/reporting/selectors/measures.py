"""The report's measures: one row per measure in the sub-tree, read from control's stored SPC
snapshots in a fixed number of queries however many series there are, with roll-ups where the
definition says they add up, and the charts that need attention.

Every row is plain data (words, numbers and SVG as strings), so the report can be frozen as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse

from openqms.audit.models import AuditEntry
from openqms.control.models import (
    DataShape,
    Frequency,
    Measure,
    MeasureDefinition,
    Observation,
    Rollup,
    SpcSnapshot,
    TargetChange,
)
from openqms.control.presenters.measures import chart_svg, number, period
from openqms.control.selectors import measures as control
from openqms.control.spc_adapter import (
    SPARKLINE_POINTS,
    MeasureData,
    as_shown,
    compute_measures,
    result_from_dict,
)
from openqms.improvement.models import ProjectMeasure
from openqms.organisations.models import Unit
from openqms.reporting.domains import domain_label, domain_order, domain_rank
from openqms.reporting.periods import Period
from openqms.spc import AssuranceIcon, ChartType, Direction, Result, VariationIcon, result_to_dict
from openqms.spc.render import render_sparkline
from openqms.spc.render.describe import describe
from openqms.spc.render.palette import ASSURANCE_WORDS, VARIATION_WORDS

# How old the latest data may be, at the end of the period, before the row says it is stale.
STALE_AFTER_DAYS = {Frequency.DAILY: 3, Frequency.WEEKLY: 14, Frequency.MONTHLY: 62}
# A board pack with more charts than this is not read; the rest are listed by name.
MAX_CHARTS = 60
NO_PRIORITY = "Not linked to a strategic priority"


# What a row reads of a measure, its definition and its snapshot: a trust has hundreds of measures.
ROW_FIELDS = (
    "definition__name", "definition__frequency", "definition__quality_domain__label",
    "definition__quality_domain__retired_at", "definition__rollup",
    "definition__data_shape", "definition__chart_type", "definition__direction", "definition__multiplier",
    "definition__default_target", "definition__owner_person__full_name",
    "definition__owner_person__username", "definition__owner_unit__name",
    "unit__name", "snapshot__last_period", "snapshot__last_value", "snapshot__variation_icon",
    "snapshot__assurance_icon", "snapshot__concern_since", "snapshot__sparkline_svg",
)  # fmt: skip


def variation_words(value: str) -> str:
    return VARIATION_WORDS[VariationIcon(value) if value else None]


def assurance_words(value: str) -> str:
    return ASSURANCE_WORDS[AssuranceIcon(value) if value else None]


@dataclass
class Found:
    """A measure's row with what is kept only to draw its chart if it needs attention: the stored
    result as parsed JSON (rebuilt into the engine's Result only for a chart that is drawn), or
    the roll-up's Result as computed."""

    row: dict[str, Any]
    stored: dict[str, Any] | None
    title: str
    computed: Result | None = None

    @property
    def result(self) -> Result | None:
        if self.computed is not None:
            return self.computed
        return result_from_dict(self.stored) if self.stored else None


def _limits(result: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    points = result.get("points") or []
    if not points:
        return None, None, None
    last = points[-1]
    return last.get("centre"), last.get("lower"), last.get("upper")


def _targets(measure_ids: Sequence[int], end: dt.date) -> dict[int, tuple[float | None, str]]:
    """The target in force at the period's end per measure, and who set it (two queries)."""
    latest: dict[int, TargetChange] = {}
    for change in TargetChange.objects.filter(measure_id__in=measure_ids, effective_from__lte=end).order_by(
        "measure_id", "effective_from"
    ):
        latest[change.measure_id] = change
    setters = dict(
        AuditEntry.objects.filter(
            object_type="control.targetchange",
            object_id__in=[str(c.pk) for c in latest.values()],
            action=AuditEntry.Action.CREATE,
        ).values_list("object_id", "actor_name")
    )
    return {
        measure_id: (change.target, setters.get(str(change.pk), "") or "")
        for measure_id, change in latest.items()
    }


def _priorities(measure_ids: Sequence[int]) -> dict[int, str]:
    """A measure serves the strategic priority of an improvement project that measures it."""
    found: dict[int, str] = {}
    for measure_id, title in (
        ProjectMeasure.objects.filter(measure_id__in=measure_ids, project__strategic_priority__isnull=False)
        .order_by("project__strategic_priority__position", "pk")
        .values_list("measure_id", "project__strategic_priority__title")
    ):
        found.setdefault(measure_id, title)
    return found


def _sparkline(snapshot: SpcSnapshot | None, stored: dict[str, Any]) -> str:
    if snapshot is None or snapshot.sparkline_svg or not stored:
        return snapshot.sparkline_svg if snapshot else ""
    # Only snapshots stored before sparklines were kept come here, until their next recompute.
    recent = replace(result_from_dict(stored), points=result_from_dict(stored).points[-SPARKLINE_POINTS:])
    return render_sparkline(recent, title="Recent values", width=160, height=40)


def _snapshot(measure: Measure) -> SpcSnapshot | None:
    try:
        return measure.snapshot
    except SpcSnapshot.DoesNotExist:
        return None


def _owner(definition: MeasureDefinition) -> str:
    if definition.owner_person is not None:
        return str(definition.owner_person.get_full_name())
    return definition.owner_unit.name


def _stale(last: dt.date | None, frequency: str, end: dt.date) -> bool:
    if last is None:
        return True
    return (end - last).days > STALE_AFTER_DAYS.get(Frequency(frequency), 62)


def _row(
    *,
    key: str,
    name: str,
    unit_name: str,
    definition: MeasureDefinition,
    href: str,
    last_period: dt.date | None,
    last_value: float | None,
    variation: str,
    assurance: str,
    limits: tuple[float | None, float | None, float | None],
    target: tuple[float | None, str],
    sparkline: str,
    end: dt.date,
    concern_since: dt.date | None,
    priority: str,
    rolled_up: int = 0,
    measure_id: int | None = None,
) -> dict[str, Any]:
    mean, lower, upper = limits
    value, setter = target
    return {
        "key": key,
        "measure_id": measure_id,
        "name": name,
        "unit": unit_name,
        "domain": domain_label(definition),
        "priority": priority,
        "href": href,
        "latest": number(last_value),
        "latest_period": period(last_period, definition.frequency),
        "updated_to": last_period.isoformat() if last_period else "",
        "stale": _stale(last_period, definition.frequency, end),
        "frequency": definition.get_frequency_display(),
        "target": number(value),
        "target_set_by": setter if value is not None else "",
        "mean": number(mean),
        "lower": number(lower),
        "upper": number(upper),
        "variation": variation,
        "assurance": assurance,
        "variation_words": variation_words(variation),
        "assurance_words": assurance_words(assurance),
        "sparkline": sparkline,
        "owner": _owner(definition),
        "concern_since": concern_since.isoformat() if concern_since else "",
        "rolled_up": rolled_up,
    }


def measure_rows(user: Any, unit: Unit, reporting: Period) -> list[Found]:
    """Each measure in the sub-tree the person may see, and each roll-up; in domain order."""
    measures = list(
        control.subtree_measures(user, unit)
        .select_related(
            "definition",
            "definition__quality_domain",
            "definition__owner_person",
            "definition__owner_unit",
            "unit",
            "snapshot",
        )
        .only(*ROW_FIELDS)
        .order_by("definition__name", "unit__path")
    )
    rolled = _rolled_definitions(unit, measures)
    shown = [m for m in measures if m.definition_id not in rolled or m.unit_id == unit.pk]
    ids = [m.pk for m in shown]
    # The full results only of the measures shown: a rolled-up team's chart is not drawn here.
    results = dict(SpcSnapshot.objects.filter(measure_id__in=ids).values_list("measure_id", "result_json"))
    targets = _targets(ids, reporting.end)
    priorities = _priorities([m.pk for m in measures])
    found: list[Found] = []
    for measure in shown:
        definition = measure.definition
        snapshot = _snapshot(measure)
        stored = json.loads(results[measure.pk]) if measure.pk in results else {}
        found.append(
            Found(
                row=_row(
                    key=f"m{measure.pk}",
                    measure_id=measure.pk,
                    name=definition.name,
                    unit_name=measure.unit.name,
                    definition=definition,
                    href=reverse("control:measure", args=[measure.pk]),
                    last_period=snapshot.last_period if snapshot else None,
                    last_value=snapshot.last_value if snapshot else None,
                    variation=snapshot.variation_icon if snapshot else "",
                    assurance=snapshot.assurance_icon if snapshot else "",
                    limits=_limits(stored),
                    target=targets.get(measure.pk, (None, "")),
                    sparkline=_sparkline(snapshot, stored),
                    end=reporting.end,
                    concern_since=snapshot.concern_since if snapshot else None,
                    priority=priorities.get(measure.pk, NO_PRIORITY),
                ),
                stored=stored or None,
                title=f"{definition.name}, {measure.unit.name}",
            )
        )
    found += _rollups(unit, rolled, measures, priorities, reporting)
    order = domain_order(unit.organisation)
    found.sort(
        key=lambda f: (domain_rank(f.row["domain"], order), f.row["name"].lower(), f.row["rolled_up"] == 0)
    )
    return found


def _rolled_definitions(unit: Unit, measures: Sequence[Measure]) -> dict[int, list[Measure]]:
    """Definitions that add up and are reported by two or more units below this one."""
    below: dict[int, list[Measure]] = defaultdict(list)
    for m in measures:
        if m.definition.rollup != Rollup.NONE and m.unit_id != unit.pk:
            below[m.definition_id].append(m)
    return {d: ms for d, ms in below.items() if len(ms) >= 2}


def _rollups(
    unit: Unit,
    rolled: dict[int, list[Measure]],
    measures: Sequence[Measure],
    priorities: dict[int, str],
    reporting: Period,
) -> list[Found]:
    """One row per rolled-up definition: values summed, or numerators and denominators summed and
    then divided (an average of the units' rates would weigh a small ward like a large one). One
    query for every definition's sums; the charts computed together."""
    if not rolled:
        return []
    measure_ids = [m.pk for ms in rolled.values() for m in ms]
    sums: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        Observation.objects.filter(measure_id__in=measure_ids, period_start__lte=reporting.end)
        .values("measure__definition_id", "period_start")
        .annotate(
            value=Sum("value"), numerator=Sum("numerator"), denominator=Sum("denominator"), n=Count("pk")
        )
        .order_by("measure__definition_id", "period_start")
    ):
        sums[row["measure__definition_id"]].append(dict(row))
    inputs: list[tuple[MeasureDefinition, int, MeasureData]] = []
    for definition_id, reporting_measures in rolled.items():
        rows = sums.get(definition_id)
        if not rows:
            continue
        definition = reporting_measures[0].definition
        ratio = definition.data_shape == DataShape.RATIO
        inputs.append(
            (
                definition,
                len(reporting_measures),
                MeasureData(
                    measure_id=0,
                    chart=ChartType(definition.chart_type),
                    direction=Direction(definition.direction),
                    ratio=ratio,
                    multiplier=definition.multiplier,
                    periods=[r["period_start"] for r in rows],
                    values=[r["value"] for r in rows],
                    numerators=[r["numerator"] for r in rows] if ratio else [None] * len(rows),
                    denominators=[r["denominator"] for r in rows] if ratio else [None] * len(rows),
                    targets=[(dt.date.min, definition.default_target)]
                    if definition.default_target is not None
                    else [],
                    recalculate_from=[],
                ),
            )
        )
    results = compute_measures([data for _, _, data in inputs])
    found = []
    for (definition, units, data), raw in zip(inputs, results, strict=True):
        result = as_shown(data, raw)
        stored = result_to_dict(result)
        last = result.points[-1] if result.points else None
        found.append(
            Found(
                row=_row(
                    key=f"r{definition.pk}",
                    name=definition.name,
                    unit_name=f"{unit.name} (roll-up of {units} units)",
                    definition=definition,
                    href=reverse("control:rollup", args=[definition.pk, unit.pk]),
                    last_period=data.periods[-1],
                    last_value=last.value if last else None,
                    variation=result.variation_icon.value if result.variation_icon else "",
                    assurance=result.assurance_icon.value if result.assurance_icon else "",
                    limits=_limits(stored),
                    target=(definition.default_target, definition.owner_unit.name),
                    sparkline=render_sparkline(
                        replace(result, points=result.points[-SPARKLINE_POINTS:]),
                        title="Recent values",
                        width=160,
                        height=40,
                    ),
                    end=reporting.end,
                    concern_since=None,
                    priority=next(
                        (priorities[m.pk] for m in rolled[definition.pk] if m.pk in priorities), NO_PRIORITY
                    ),
                    rolled_up=units,
                ),
                stored=None,
                computed=result,
                title=f"{definition.name}, {unit.name} (all units)",
            )
        )
    return found


def needs_attention(row: dict[str, Any], previous: dict[str, dict[str, Any]]) -> list[str]:
    """Why a row's chart is in the report: a concern, a failing target, a signal new since last time."""
    reasons = []
    if row["variation"].startswith("concern"):
        reasons.append("Special-cause concern")
    if row["assurance"] == AssuranceIcon.CONSISTENT_FAIL.value:
        reasons.append("Consistently failing its target")
    before = previous.get(row["key"])
    changed = before is not None and before["variation"] != row["variation"]
    if changed and row["variation"] and not row["variation"].startswith("common"):
        reasons.append("Signal new since the last report")
    return reasons


def attention_charts(
    found: Sequence[Found], previous: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The charts that need attention, drawn from the stored results; past MAX_CHARTS, their names."""
    charts: list[dict[str, Any]] = []
    more: list[str] = []
    for item in found:
        reasons = needs_attention(item.row, previous)
        result = item.result if reasons else None
        if result is None:
            continue
        if len(charts) >= MAX_CHARTS:
            more.append(item.title)
            continue
        charts.append(
            {
                "key": item.row["key"],
                "measure_id": item.row["measure_id"],
                "title": item.title,
                "reasons": reasons,
                "svg": chart_svg(result, title=item.title, width=760, height=300),
                "summary": describe(result, []),
            }
        )
    return charts, more
