"""Formatting for the measure pages, the library and charts: words, numbers, icons and SVG, so
templates only place them.

Charts and sparklines are drawn from the stored snapshot, never recomputed on a page view.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from markupsafe import Markup

from openqms.control.models import (
    Annotation,
    Frequency,
    Measure,
    MeasureDefinition,
    SpcSnapshot,
)
from openqms.control.spc_adapter import result_from_dict
from openqms.organisations.selectors import domain_label
from openqms.spc import AssuranceIcon, Result, VariationIcon
from openqms.spc.render import assurance_icon_svg, render_chart, render_sparkline, variation_icon_svg
from openqms.spc.render.axes import format_value
from openqms.spc.render.describe import describe
from openqms.spc.render.palette import ASSURANCE_WORDS, VARIATION_WORDS

# Rows and columns of the summary icon table, in the order Making Data Count reports use.
# Rows and columns of the summary icon table, in the order Making Data Count reports use.
VARIATION_ORDER: list[VariationIcon] = [
    VariationIcon.CONCERN_HIGH,
    VariationIcon.CONCERN_LOW,
    VariationIcon.NEUTRAL_HIGH,
    VariationIcon.NEUTRAL_LOW,
    VariationIcon.COMMON_CAUSE,
    VariationIcon.IMPROVEMENT_HIGH,
    VariationIcon.IMPROVEMENT_LOW,
]
ASSURANCE_ORDER: list[AssuranceIcon | None] = [
    AssuranceIcon.CONSISTENT_FAIL,
    AssuranceIcon.INCONSISTENT,
    AssuranceIcon.CONSISTENT_PASS,
    None,
]

SHORT_VARIATION = {
    VariationIcon.CONCERN_HIGH: "Concern (high)",
    VariationIcon.CONCERN_LOW: "Concern (low)",
    VariationIcon.NEUTRAL_HIGH: "Neither (high)",
    VariationIcon.NEUTRAL_LOW: "Neither (low)",
    VariationIcon.COMMON_CAUSE: "Common cause",
    VariationIcon.IMPROVEMENT_HIGH: "Improvement (high)",
    VariationIcon.IMPROVEMENT_LOW: "Improvement (low)",
}
SHORT_ASSURANCE: dict[AssuranceIcon | None, str] = {
    AssuranceIcon.CONSISTENT_FAIL: "Consistently fails",
    AssuranceIcon.INCONSISTENT: "Hit and miss",
    AssuranceIcon.CONSISTENT_PASS: "Consistently passes",
    None: "No target",
}


def variation_of(value: str | None) -> VariationIcon | None:
    return VariationIcon(value) if value else None


def assurance_of(value: str | None) -> AssuranceIcon | None:
    return AssuranceIcon(value) if value else None


def variation_words(value: str | None) -> str:
    return VARIATION_WORDS[variation_of(value)]


def assurance_words(value: str | None) -> str:
    return ASSURANCE_WORDS[assurance_of(value)]


# An icon's SVG depends on nothing but the icon and the size (eight icons at a few sizes), and a
# board draws two for each of its measures: each is drawn once per process.
@functools.cache
def variation_icon(value: str | None, size: int = 40) -> Markup:
    return Markup(variation_icon_svg(variation_of(value), size=size))  # noqa: S704 (the engine escapes its SVG)


@functools.cache
def assurance_icon(value: str | None, size: int = 40) -> Markup:
    return Markup(assurance_icon_svg(assurance_of(value), size=size))  # noqa: S704


def number(value: float | None) -> str:
    return "" if value is None else format_value(value)


def period(day: dt.date | None, frequency: str) -> str:
    if day is None:
        return ""
    if frequency == Frequency.MONTHLY:
        return day.strftime("%B %Y")
    if frequency == Frequency.WEEKLY:
        return "Week of " + day.strftime("%-d %B %Y")
    return day.strftime("%-d %B %Y")


def board_rank(snapshot: SpcSnapshot | None) -> int:
    """Concerns first, then special causes that are neither good nor bad, then failing targets."""
    if snapshot is None:
        return 4
    if snapshot.variation_icon.startswith("concern"):
        return 0
    if snapshot.variation_icon.startswith("neutral"):
        return 1
    if snapshot.assurance_icon == AssuranceIcon.CONSISTENT_FAIL:
        return 2
    return 3


def _snapshot(measure: Measure) -> SpcSnapshot | None:
    try:
        return measure.snapshot
    except SpcSnapshot.DoesNotExist:
        return None


@dataclass(frozen=True)
class BoardRow:
    measure: Measure
    snapshot: SpcSnapshot | None
    rank: int
    latest: str
    when: str
    sparkline: Markup
    variation: Markup
    assurance: Markup
    variation_text: str
    assurance_text: str


def sparkline_of(measure: Measure, snapshot: SpcSnapshot) -> str:
    if snapshot.sparkline_svg:
        return snapshot.sparkline_svg
    # Only snapshots stored before sparklines were kept come here, until their next recompute.
    return render_sparkline(result_from_dict(snapshot.result), title="Recent values", width=160, height=40)


def board_rows(measures: Sequence[Measure]) -> list[BoardRow]:
    rows = []
    for measure in measures:
        snapshot = _snapshot(measure)
        definition = measure.definition
        rows.append(
            BoardRow(
                measure=measure,
                snapshot=snapshot,
                rank=board_rank(snapshot),
                latest=number(snapshot.last_value) if snapshot else "",
                when=period(snapshot.last_period, definition.frequency) if snapshot else "",
                sparkline=Markup(sparkline_of(measure, snapshot)) if snapshot else Markup(""),  # noqa: S704
                variation=variation_icon(snapshot.variation_icon if snapshot else None, 48),
                assurance=assurance_icon(snapshot.assurance_icon if snapshot else None, 48),
                variation_text=variation_words(snapshot.variation_icon if snapshot else None),
                assurance_text=assurance_words(snapshot.assurance_icon if snapshot else None),
            )
        )
    rows.sort(key=lambda r: (r.rank, r.measure.definition.name.lower()))
    return rows


@dataclass(frozen=True)
class Cell:
    count: int
    href: str
    label: str


@dataclass(frozen=True)
class SummaryRow:
    icon: Markup
    label: str
    cells: list[Cell]
    total: int


def summary_table(unit_pk: int, counts: dict[tuple[str, str], int]) -> tuple[list[SummaryRow], int, int]:
    """The icon table's rows; also the number of measures with no data yet and the grand total."""
    base = reverse("control:unit-measures", args=[unit_pk])
    rows = []
    for variation in VARIATION_ORDER:
        cells = []
        for assurance in ASSURANCE_ORDER:
            count = counts.get((variation.value, assurance.value if assurance else ""), 0)
            query = urlencode(
                {"variation": variation.value, "assurance": assurance.value if assurance else "none"}
            )
            cells.append(
                Cell(
                    count=count,
                    href=f"{base}?{query}",
                    label=f"{count} {'measure' if count == 1 else 'measures'}: "
                    f"{SHORT_VARIATION[variation].lower()}, {SHORT_ASSURANCE[assurance].lower()}",
                )
            )
        rows.append(
            SummaryRow(
                icon=variation_icon(variation.value, 36),
                label=SHORT_VARIATION[variation],
                cells=cells,
                total=sum(c.count for c in cells),
            )
        )
    no_data = sum(n for (variation_value, _), n in counts.items() if not variation_value)
    return rows, no_data, sum(counts.values())


def assurance_headers() -> list[tuple[Markup, str]]:
    return [
        (assurance_icon(a.value if a else None, 36) if a else Markup(""), SHORT_ASSURANCE[a])
        for a in ASSURANCE_ORDER
    ]


def chart_annotations(annotations: Sequence[Annotation]) -> list[tuple[Any, str]]:
    return [(a.on, a.label) for a in sorted(annotations, key=lambda a: a.on)]


def chart_title(measure: Measure) -> str:
    return f"{measure.definition.name}, {measure.unit.name}"


def chart_svg(
    result: Result,
    *,
    title: str,
    annotations: Sequence[tuple[Any, str]] = (),
    width: int = 900,
    height: int = 420,
) -> str:
    return render_chart(result, title=title, annotations=list(annotations), width=width, height=height)


def chart_markup(
    result: Result,
    *,
    title: str,
    annotations: Sequence[tuple[Any, str]] = (),
    width: int = 900,
    height: int = 420,
) -> Markup:
    """The chart to inline in a page; the engine escapes every text it draws."""
    return Markup(chart_svg(result, title=title, annotations=annotations, width=width, height=height))  # noqa: S704


# A measure page's chart and its summary are kept (in Django's cache) by what they are drawn from:
# the stored result, the title and the annotations. A recompute (each write recomputes the
# snapshot), a renamed measure or unit, or an annotation added or archived draws them afresh;
# otherwise parsing the stored result and drawing it was a tenth of the page's CPU.
CHART_SECONDS = 24 * 60 * 60


def measure_chart(
    snapshot: SpcSnapshot, *, title: str, annotations: Sequence[tuple[Any, str]] = ()
) -> tuple[Markup, str]:
    """The measure page's chart, to inline, and the text summary of it."""
    drawn_from = repr((snapshot.result_json, title, list(annotations))).encode()
    key = f"control:measure-chart:{hashlib.sha256(drawn_from).hexdigest()}"
    kept = cache.get(key)
    if kept is None:
        result = result_from_dict(snapshot.result)
        kept = (chart_svg(result, title=title, annotations=annotations), describe(result, annotations))
        cache.set(key, kept, CHART_SECONDS)
    return Markup(kept[0]), kept[1]  # noqa: S704 (the engine escapes every text it draws)


def definition_facts(definition: MeasureDefinition) -> list[tuple[str, str]]:
    """The definition as a summary list: what is measured and how it is charted."""
    facts = [
        ("Code", definition.code),
        ("Definition", definition.definition),
        ("Unit of measurement", definition.unit_of_measurement),
        ("Type", definition.get_measure_type_display()),
        ("Quality domain", domain_label(definition.quality_domain)),
        ("Improvement direction", definition.get_direction_display()),
        ("Frequency", definition.get_frequency_display()),
        ("Chart", definition.get_chart_type_display()),
        ("Data", definition.get_data_shape_display()),
    ]
    if definition.data_shape == "ratio":
        facts.append(("Multiplier", number(definition.multiplier)))
    facts += [
        ("Roll-up", definition.get_rollup_display()),
        ("Default target", number(definition.default_target) or "None"),
        ("Owned by", definition.owner_unit.name),
        ("Owner", definition.owner_person.get_full_name() if definition.owner_person else "Not named"),
        ("Data source", definition.data_source or "Not given"),
        ("Shared with service users", "Yes" if definition.shared_with_service_users else "No"),
    ]
    return facts
