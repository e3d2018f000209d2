"""The report's measures: one row per measure in the sub-tree, read from control's stored SPC
snapshots in a fixed number of queries however many series there are, with roll-ups where the
definition says they add up, and the charts that need attention.

Every row is plain data (words, numbers and SVG as strings), so the report can be frozen as JSON.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, F, Func, Sum, TextField
from django.urls import reverse

from openqms.audit.models import AuditEntry
from openqms.control.models import (
    DataShape,
    Frequency,
    MeasureDefinition,
    Observation,
    Rollup,
    SpcSnapshot,
    TargetChange,
)
from openqms.control.presenters.measures import chart_svg, number, period
from openqms.control.selectors import measures as control
from openqms.control.services.snapshots import load_measure_data
from openqms.control.spc_adapter import (
    SPARKLINE_POINTS,
    MeasureData,
    as_shown,
    compute_measures,
    result_from_dict,
    snapshot_fields,
)
from openqms.improvement.models import ProjectMeasure
from openqms.organisations.models import Unit
from openqms.reporting.domains import domain_label, domain_order, domain_rank
from openqms.reporting.periods import Period
from openqms.spc import AssuranceIcon, ChartType, Direction, Result, VariationIcon
from openqms.spc.render import render_sparkline
from openqms.spc.render.describe import describe
from openqms.spc.render.palette import ASSURANCE_WORDS, VARIATION_WORDS

# How old the latest data may be, at the end of the period, before the row says it is stale.
STALE_AFTER_DAYS: dict[str, int] = {Frequency.DAILY: 3, Frequency.WEEKLY: 14, Frequency.MONTHLY: 62}
# A board pack with more charts than this is not read; the rest are listed by name.
MAX_CHARTS = 60
NO_PRIORITY = "Not linked to a strategic priority"


# What a row reads of a measure and its snapshot, as values: a trust has thousands of measures but
# a few dozen definitions, so definitions are read once each rather than once per measure.
ROW_VALUES = (
    "pk", "definition_id", "unit_id", "unit__name", "snapshot__n_points", "snapshot__last_period",
    "snapshot__last_value", "snapshot__variation_icon", "snapshot__assurance_icon",
    "snapshot__concern_since", "snapshot__sparkline_svg", "last_point",
)  # fmt: skip


class LastPoint(Func):
    """The last point of a stored result (`SpcSnapshot.result_json`) as JSON text, picked out in
    the database: a row shows the latest limits, and parsing every snapshot's whole result in
    Python to read them was a sixth of a 2,000-series report. SQLite's `->` and PostgreSQL's
    `#>` give the numbers' text as stored, so they read back exactly as `json.loads` reads them."""

    output_field = TextField()

    def __init__(self, field: str) -> None:
        super().__init__(F(field))

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} -> '$.points[#-1]')", tuple(params)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql})::json #> '{{points,-1}}')::text", tuple(params)


@dataclass(frozen=True)
class Snapshot:
    """What a row shows of a measure's stored SPC snapshot."""

    last_period: dt.date | None
    last_value: float | None
    variation_icon: str
    assurance_icon: str
    concern_since: dt.date | None
    sparkline_svg: str


@dataclass(frozen=True)
class Reported:
    """A measure in the report's sub-tree: its definition, its unit and its snapshot, if any."""

    pk: int
    definition: MeasureDefinition
    unit_id: int
    unit_name: str
    snapshot: Snapshot | None
    last_point: dict[str, Any]
    # The chart as at the end of a past period, recomputed over the points up to it (`_as_at`).
    computed: Result | None = None

    @property
    def definition_id(self) -> int:
        return int(self.definition.pk)


def _reported(user: Any, unit: Unit) -> list[Reported]:
    """The sub-tree's measures the person may see, in name and unit order (two queries)."""
    rows = list(
        control.subtree_measures(user, unit)
        .annotate(last_point=LastPoint("snapshot__result_json"))
        .order_by("definition__name", "unit__path")
        .values_list(*ROW_VALUES)
    )
    definitions = MeasureDefinition.objects.select_related(
        "quality_domain", "owner_person", "owner_unit"
    ).in_bulk({row[1] for row in rows})
    return [
        Reported(
            pk=pk,
            definition=definitions[definition_id],
            unit_id=unit_id,
            unit_name=unit_name,
            snapshot=None if n_points is None else Snapshot(*snapshot),
            last_point=json.loads(last_point) if last_point and last_point != "null" else {},
        )
        for pk, definition_id, unit_id, unit_name, n_points, *snapshot, last_point in rows
    ]


def _href(name: str) -> Any:
    """A function giving the URL of `name` for a primary key, reversed once: reversing a URL per
    row costs a fifth of a 2,000-series report. The marker stands where the key goes."""
    marker = "987654321"
    prefix, suffix = reverse(name, args=[int(marker)]).split(marker)
    return lambda pk: f"{prefix}{pk}{suffix}"


# Looked up by the icon's stored value ("" for none): thousands of rows, a dozen words.
_VARIATION_WORDS = {"": VARIATION_WORDS[None]} | {i.value: VARIATION_WORDS[i] for i in VariationIcon}
_ASSURANCE_WORDS = {"": ASSURANCE_WORDS[None]} | {i.value: ASSURANCE_WORDS[i] for i in AssuranceIcon}


def variation_words(value: str) -> str:
    return _VARIATION_WORDS[value or ""]


def assurance_words(value: str) -> str:
    return _ASSURANCE_WORDS[value or ""]


@dataclass(frozen=True)
class About:
    """What every row of a definition shows alike, worked out once per definition."""

    definition_id: int
    domain: str
    frequency: str
    frequency_words: str
    owner: str

    @classmethod
    def of(cls, definition: MeasureDefinition) -> About:
        return cls(
            definition_id=definition.pk,
            domain=domain_label(definition),
            frequency=definition.frequency,
            frequency_words=definition.get_frequency_display(),
            owner=_owner(definition),
        )


@dataclass
class Found:
    """A measure's row with what is kept only to draw its chart if it needs attention: the
    Result as computed (a roll-up's), or nothing, when the chart is read from the measure's stored
    snapshot (only for the charts drawn, `attention_charts`)."""

    row: dict[str, Any]
    title: str
    computed: Result | None = None
    snapshot_of: int | None = None  # the measure whose stored snapshot holds the chart


def _limits(last: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    """The mean and limits at a result's last point (as stored by `result_to_dict`)."""
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


def _sparklines(measures: Sequence[Reported]) -> dict[int, str]:
    """Sparklines of the snapshots stored before sparklines were kept, until their next recompute."""
    missing = [
        m.pk
        for m in measures
        if m.snapshot is not None and not m.snapshot.sparkline_svg and m.computed is None
    ]
    drawn = {}
    for measure_id, stored in stored_results(missing).items():
        result = result_from_dict(stored)
        recent = replace(result, points=result.points[-SPARKLINE_POINTS:])
        drawn[measure_id] = render_sparkline(recent, title="Recent values", width=160, height=40)
    return drawn


def stored_results(measure_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The stored results of these measures, parsed (one query; none when there are none)."""
    if not measure_ids:
        return {}
    return {
        measure_id: json.loads(text)
        for measure_id, text in SpcSnapshot.objects.filter(measure_id__in=measure_ids).values_list(
            "measure_id", "result_json"
        )
    }


def _owner(definition: MeasureDefinition) -> str:
    if definition.owner_person is not None:
        return str(definition.owner_person.get_full_name())
    return definition.owner_unit.name


def _stale(last: dt.date | None, frequency: str, end: dt.date) -> bool:
    if last is None:
        return True
    return (end - last).days > STALE_AFTER_DAYS.get(frequency, 62)


def _row(
    *,
    key: str,
    name: str,
    unit_name: str,
    about: About,
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
        "definition_id": about.definition_id,
        "name": name,
        "unit": unit_name,
        "domain": about.domain,
        "priority": priority,
        "href": href,
        "latest": number(last_value),
        "latest_period": period(last_period, about.frequency),
        "updated_to": last_period.isoformat() if last_period else "",
        "stale": _stale(last_period, about.frequency, end),
        "frequency": about.frequency_words,
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
        "owner": about.owner,
        "concern_since": concern_since.isoformat() if concern_since else "",
        "rolled_up": rolled_up,
    }


def _as_at(measures: Sequence[Reported], end: dt.date) -> list[Reported]:
    """The measures as they stood at the end of the period: a snapshot holds today's chart, so a
    measure with points after the period's end is recomputed over its points up to the end (with
    the targets and recalculations in force then), in one batch. A report for the current period
    recomputes nothing."""
    later = {m.pk for m in measures if m.snapshot and m.snapshot.last_period and m.snapshot.last_period > end}
    if not later:
        return list(measures)
    cut = [_until(d, end) for d in load_measure_data(sorted(later))]
    measured = [d for d in cut if d.periods]
    charts = {
        d.measure_id: (as_shown(d, raw), snapshot_fields(d, raw))
        for d, raw in zip(measured, compute_measures(measured), strict=True)
    }
    as_at = []
    for m in measures:
        if m.pk not in later:
            as_at.append(m)
        elif m.pk not in charts:
            as_at.append(replace(m, snapshot=None, last_point={}))  # no point yet at the period's end
        else:
            shown, fields = charts[m.pk]
            snapshot = Snapshot(
                last_period=fields["last_period"], last_value=fields["last_value"],
                variation_icon=fields["variation_icon"], assurance_icon=fields["assurance_icon"],
                concern_since=fields["concern_since"], sparkline_svg=fields["sparkline_svg"],
            )  # fmt: skip
            as_at.append(replace(m, snapshot=snapshot, last_point={}, computed=shown))
    return as_at


def _until(data: MeasureData, end: dt.date) -> MeasureData:
    """A measure's data without the periods after `end`."""
    n = bisect.bisect_right(list(data.periods), end)
    return replace(
        data,
        periods=data.periods[:n],
        values=data.values[:n],
        numerators=data.numerators[:n],
        denominators=data.denominators[:n],
    )


def _limits_of(result: Result) -> tuple[float | None, float | None, float | None]:
    """The mean and limits at a computed result's last point, as `result_to_dict` would store them."""
    if not result.points:
        return None, None, None
    last = result.points[-1]

    def plain(v: float | None) -> float | None:
        return None if v is None or math.isnan(v) else float(v)

    return plain(last.centre), plain(last.lower), plain(last.upper)


def measure_rows(user: Any, unit: Unit, reporting: Period) -> list[Found]:
    """Each measure in the sub-tree the person may see, and each roll-up; in domain order; each as
    it stood at the end of the period."""
    measures = _reported(user, unit)
    rolled = _rolled_definitions(unit, measures)
    shown = _as_at(
        [m for m in measures if m.definition_id not in rolled or m.unit_id == unit.pk], reporting.end
    )
    ids = [m.pk for m in shown]
    sparklines = _sparklines(shown)
    targets = _targets(ids, reporting.end)
    priorities = _priorities([m.pk for m in measures])
    found: list[Found] = []
    href = _href("control:measure")
    about = {m.definition_id: About.of(m.definition) for m in {m.definition_id: m for m in shown}.values()}
    for measure in shown:
        definition = measure.definition
        snapshot = measure.snapshot
        found.append(
            Found(
                row=_row(
                    key=f"m{measure.pk}",
                    measure_id=measure.pk,
                    name=definition.name,
                    unit_name=measure.unit_name,
                    about=about[definition.pk],
                    href=href(measure.pk),
                    last_period=snapshot.last_period if snapshot else None,
                    last_value=snapshot.last_value if snapshot else None,
                    variation=snapshot.variation_icon if snapshot else "",
                    assurance=snapshot.assurance_icon if snapshot else "",
                    limits=_limits_of(measure.computed) if measure.computed else _limits(measure.last_point),
                    target=targets.get(measure.pk, (None, "")),
                    sparkline=sparklines.get(measure.pk) or (snapshot.sparkline_svg if snapshot else ""),
                    end=reporting.end,
                    concern_since=snapshot.concern_since if snapshot else None,
                    priority=priorities.get(measure.pk, NO_PRIORITY),
                ),
                title=f"{definition.name}, {measure.unit_name}",
                computed=measure.computed,
                snapshot_of=measure.pk if snapshot is not None and measure.computed is None else None,
            )
        )
    found += _rollups(unit, rolled, measures, priorities, reporting)
    order = domain_order(unit.organisation)
    found.sort(
        key=lambda f: (domain_rank(f.row["domain"], order), f.row["name"].lower(), f.row["rolled_up"] == 0)
    )
    return found


def _rolled_definitions(unit: Unit, measures: Sequence[Reported]) -> dict[int, list[Reported]]:
    """Definitions that add up and are reported by two or more units below this one."""
    below: dict[int, list[Reported]] = defaultdict(list)
    for m in measures:
        if m.definition.rollup != Rollup.NONE and m.unit_id != unit.pk:
            below[m.definition_id].append(m)
    return {d: ms for d, ms in below.items() if len(ms) >= 2}


def _rollups(
    unit: Unit,
    rolled: dict[int, list[Reported]],
    measures: Sequence[Reported],
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
        last = result.points[-1] if result.points else None
        found.append(
            Found(
                row=_row(
                    key=f"r{definition.pk}",
                    name=definition.name,
                    unit_name=f"{unit.name} (roll-up of {units} units)",
                    about=About.of(definition),
                    href=reverse("control:rollup", args=[definition.pk, unit.pk]),
                    last_period=data.periods[-1],
                    last_value=last.value if last else None,
                    variation=result.variation_icon.value if result.variation_icon else "",
                    assurance=result.assurance_icon.value if result.assurance_icon else "",
                    limits=_limits_of(result),
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
    """The charts that need attention, drawn from the stored results (read for these charts only,
    in one query); past MAX_CHARTS, their names."""
    wanted = [
        (item, reasons)
        for item in found
        if (item.computed is not None or item.snapshot_of is not None)
        and (reasons := needs_attention(item.row, previous))
    ]
    drawn = wanted[:MAX_CHARTS]
    stored = stored_results([item.snapshot_of for item, _ in drawn if item.snapshot_of is not None])
    charts: list[dict[str, Any]] = []
    for item, reasons in drawn:
        result = item.computed
        if result is None:
            result = result_from_dict(stored[item.snapshot_of or 0])
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
    return charts, [item.title for item, _ in wanted[MAX_CHARTS:]]
