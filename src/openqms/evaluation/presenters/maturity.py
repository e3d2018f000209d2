"""What the self-assessment pages show: each statement with its rating and the live evidence beside
it, and the results compared over the years and across units, with a chart and its table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import escape
from markupsafe import Markup

from openqms.evaluation.framework import Framework, Theme
from openqms.evaluation.models import SelfAssessment
from openqms.evaluation.selectors import assessments as selectors
from openqms.evaluation.selectors.evidence import Evidence, evidence_for
from openqms.nhsuk.dates import date_text
from openqms.organisations.models import Unit
from openqms.spc.render import palette

FONT = f'font-family="{palette.FONT_FAMILY}" font-size="12"'
# Distinguishable markers, by shape as well as colour, for up to six series.
SERIES_STYLE = [
    ("#005eb8", "circle"),
    ("#d5281b", "square"),
    ("#007f3b", "diamond"),
    ("#330072", "triangle"),
    ("#ed8b00", "circle"),
    ("#425563", "square"),
]


@dataclass(frozen=True)
class StatementRow:
    code: str
    text: str
    guidance: str
    level: str
    evidence: str
    rated_by: str
    live: list[Evidence]
    rate_url: str | None


@dataclass(frozen=True)
class ThemeRows:
    title: str
    rows: list[StatementRow]


@dataclass(frozen=True)
class AssessmentPage:
    assessment: SelfAssessment
    framework: Framework
    themes: list[ThemeRows]
    rated: int
    total: int
    evidence_period: str
    evidence_note: str
    may_rate: bool
    may_complete: bool
    complete_url: str


def _evidence(
    user: Any, assessment: SelfAssessment, today: dt.date | None
) -> tuple[dict[str, Evidence], str]:
    start, end = selectors.period_of(assessment.year, today)
    if assessment.is_completed:
        kept = {k: Evidence.from_plain(v) for k, v in assessment.evidence_json.items()}
        when = date_text(assessment.completed_at.date()) if assessment.completed_at else ""
        return kept, f"As it stood when the self-assessment was completed on {when}."
    live = evidence_for(user, assessment.unit, start, end)
    return live, "Live: worked out now from what OpenQMS holds, within what you may see."


def assessment_page(
    user: Any, assessment: SelfAssessment, framework: Framework, today: dt.date | None = None
) -> AssessmentPage:
    ratings = selectors.ratings_of(assessment)
    evidence, note = _evidence(user, assessment, today)
    may_rate = not assessment.is_completed and selectors.may_assess(user, assessment.unit)
    themes = []
    for theme in framework.themes:
        rows = []
        for s in theme.statements:
            rating = ratings.get(s.code)
            level = framework.level(rating.level) if rating else None
            rows.append(
                StatementRow(
                    code=s.code,
                    text=s.text,
                    guidance=s.guidance,
                    level=f"{level.level}. {level.label}"
                    if level
                    else ("Not rated" if not rating else str(rating.level)),
                    evidence=rating.evidence if rating else "",
                    rated_by=rating.rated_by.get_full_name() if rating and rating.rated_by else "",
                    live=[evidence[k] for k in s.evidence if k in evidence],
                    rate_url=reverse("evaluation:rate", args=[assessment.pk, s.code]) if may_rate else None,
                )
            )
        themes.append(ThemeRows(theme.title, rows))
    start, end = selectors.period_of(assessment.year, today)
    rated = sum(1 for s in framework.statements if s.code in ratings)
    return AssessmentPage(
        assessment=assessment,
        framework=framework,
        themes=themes,
        rated=rated,
        total=len(framework.statements),
        evidence_period=f"{date_text(start)} to {date_text(end)}",
        evidence_note=note,
        may_rate=may_rate,
        may_complete=may_rate and rated == len(framework.statements),
        complete_url=reverse("evaluation:complete", args=[assessment.pk]),
    )


def theme_means(framework: Framework, levels: dict[str, int]) -> dict[str, float | None]:
    """Each theme's mean level over its rated statements (None when none is rated)."""
    found: dict[str, float | None] = {}
    for theme in framework.themes:
        rated = [levels[s.code] for s in theme.statements if s.code in levels]
        found[theme.code] = sum(rated) / len(rated) if rated else None
    return found


@dataclass(frozen=True)
class Series:
    label: str
    means: dict[str, float | None]
    colour: str
    shape: str


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    tip_el = f"<title>{escape(tip)}</title>"
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}">{tip_el}</rect>'
    if shape == "diamond":
        pts = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}">{tip_el}</polygon>'
    if shape == "triangle":
        pts = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}"
        return f'<polygon points="{pts}" fill="{colour}">{tip_el}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">{tip_el}</circle>'


def dot_chart(
    title: str, themes: tuple[Theme, ...], series: list[Series], scale_max: int, ident: str
) -> Markup:
    """Each theme's mean level (x) for each series (a year, or a unit), one row per theme."""
    left, top, row_h, plot_w, right = 210, 56, 28, 380, 20
    width = left + plot_w + right
    height = top + len(themes) * row_h + 10

    def x(level: float) -> float:
        return left + plot_w * (level - 1) / max(scale_max - 1, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title" class="evaluation-chart">',
        f'<title id="{ident}-title">{escape(title)}</title><g {FONT}>',
    ]
    for level in range(1, scale_max + 1):
        parts.append(
            f'<line x1="{x(level):.1f}" x2="{x(level):.1f}" y1="{top - 8}" y2="{height - 6}" '
            f'stroke="{palette.GRIDLINE}"/>'
            f'<text x="{x(level):.1f}" y="{top - 14}" text-anchor="middle" '
            f'fill="{palette.TEXT_SECONDARY}">{level}</text>'
        )
    for i, theme in enumerate(themes):
        y = top + i * row_h + row_h / 2
        parts.append(
            f'<text x="{left - 16}" y="{y + 4:.1f}" text-anchor="end" fill="{palette.TEXT}">'
            f"{escape(theme.title)}</text>"
        )
        for s in series:
            mean = s.means.get(theme.code)
            if mean is not None:
                tip = f"{s.label}, {theme.title}: {mean:.1f}"
                parts.append(_marker(s.shape, x(mean), y, s.colour, tip))
    # The legend, in a row above the scale.
    lx = left
    for s in series:
        parts.append(_marker(s.shape, lx + 6, 12, s.colour, s.label))
        parts.append(f'<text x="{lx + 16}" y="16" fill="{palette.TEXT}">{escape(s.label)}</text>')
        lx += 24 + 7 * len(s.label)
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 (every text inside is escaped or a number)


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    url: str | None
    cells: list[str]
    overall: str


@dataclass(frozen=True)
class Comparison:
    picture: Markup
    headers: list[str]
    rows: list[ComparisonRow]


def _comparison(
    title: str, framework: Framework, items: list[tuple[str, str | None, dict[str, int]]], ident: str
) -> Comparison | None:
    if not items:
        return None
    series, rows = [], []
    for n, (label, url, levels) in enumerate(items[: len(SERIES_STYLE)]):
        means = theme_means(framework, levels)
        colour, shape = SERIES_STYLE[n]
        series.append(Series(label, means, colour, shape))
        rated = [m for m in means.values() if m is not None]
        rows.append(
            ComparisonRow(
                label=label,
                url=url,
                cells=[
                    f"{means[t.code]:.1f}" if means[t.code] is not None else "–" for t in framework.themes
                ],
                overall=f"{sum(rated) / len(rated):.1f}" if rated else "–",
            )
        )
    picture = dot_chart(title, framework.themes, series, len(framework.scale), ident)
    return Comparison(picture, [t.title for t in framework.themes], rows)


@dataclass(frozen=True)
class HistoryRow:
    year: int
    status: str
    url: str
    rated: str


@dataclass(frozen=True)
class UnitMaturity:
    unit: Unit
    history: list[HistoryRow]
    over_time: Comparison | None
    across_units: Comparison | None
    may_start: bool


def unit_maturity(user: Any, unit: Unit, framework: Framework, compared: list[Unit]) -> UnitMaturity:
    assessments = list(selectors.of_unit(user, unit).prefetch_related("ratings"))
    total = len(framework.statements)
    history = [
        HistoryRow(
            year=a.year,
            status=a.get_status_display(),
            url=reverse("evaluation:assessment", args=[a.pk]),
            rated=f"{len(a.ratings.all())} of {total}",
        )
        for a in assessments
    ]
    levels = selectors.levels_of(user, [unit, *compared])
    mine = levels.get(unit.pk, {})
    over_time = _comparison(
        f"Mean level of each theme by year, {unit.name}",
        framework,
        [(str(year), None, mine[year]) for year in sorted(mine)],
        f"maturity-years-{unit.pk}",
    )
    across: list[tuple[str, str | None, dict[str, int]]] = []
    for other in [unit, *compared]:
        years = levels.get(other.pk)
        if years:
            latest = max(years)
            across.append(
                (f"{other.name} {latest}", reverse("evaluation:assessments", args=[other.pk]), years[latest])
            )
    return UnitMaturity(
        unit=unit,
        history=history,
        over_time=over_time,
        across_units=_comparison(
            f"Mean level of each theme in the latest self-assessment: {unit.name} beside other units",
            framework,
            across,
            f"maturity-units-{unit.pk}",
        )
        if len(across) > 1
        else None,
        may_start=selectors.may_assess(user, unit),
    )


@dataclass(frozen=True)
class MaturitySection:
    unit: Unit
    latest: HistoryRow | None
    over_time: Comparison | None
    page_url: str


def maturity_section(user: Any, unit: Unit, framework: Framework) -> MaturitySection:
    """The unit's self-assessments over the years, for the integrated report
    (evaluation/_maturity_section.jinja, which expects it as `maturity_section`)."""
    found = unit_maturity(user, unit, framework, [])
    return MaturitySection(
        unit=unit,
        latest=found.history[0] if found.history else None,
        over_time=found.over_time,
        page_url=reverse("evaluation:assessments", args=[unit.pk]),
    )
