"""Compliance and gap analysis for a unit's sub-tree, from completed audits' scores per standard.

The heat map has a row for the unit itself (when it is audited) and one for each unit directly below
it (its whole sub-tree's audits together), a column per standard audited there; a cell is the mean
of the latest score of each audited unit in the row. Each cell says its band in words as well as by
colour. A gap is an external requirement with no standard meeting it, with no audit evidence in the
sub-tree, or whose standards' latest score fails in any audited unit of the sub-tree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from openqms.access import policy
from openqms.actions.models import OPEN_STATUSES
from openqms.actions.selectors import tracker as action_selectors
from openqms.assurance.models import AuditRun, Framework, RunStatus, Standard, StandardScore, StandardStatus
from openqms.organisations.models import Unit
from openqms.spc.render import palette

Permission = policy.Permission
MISSED_AFTER_DAYS = 28
NEAR_MISS_POINTS = 10.0


@dataclass(frozen=True)
class Band:
    key: str
    words: str


MEETS = Band("meets", "Meets")
PARTLY = Band("partly", "Partly meets")
FAILS = Band("fails", "Does not meet")
NONE = Band("none", "No audit")


def band_of(score: float | None, threshold: float) -> Band:
    if score is None:
        return NONE
    if score >= threshold:
        return MEETS
    if score >= threshold - NEAR_MISS_POINTS:
        return PARTLY
    return FAILS


@dataclass
class Cell:
    score: float | None
    band: Band
    audits: int = 0


@dataclass
class HeatMap:
    rows: list[tuple[Unit, list[Cell]]] = field(default_factory=list)
    standards: list[Standard] = field(default_factory=list)


def _latest_scores(unit: Unit) -> list[tuple[int, int, float, float, Any]]:
    """(unit id, standard id, score, threshold, completed) of the latest completed audit per pair."""
    rows = (
        StandardScore.objects.filter(run__unit__path__startswith=unit.path, run__status=RunStatus.COMPLETED)
        .order_by("run__unit_id", "standard_id", "-run__completed_at")
        .values_list(
            "run__unit_id", "standard_id", "score", "run__version__pass_threshold", "run__completed_at"
        )
    )
    latest: dict[tuple[int, int], tuple[int, int, float, float, Any]] = {}
    for unit_id, standard_id, score, threshold, completed in rows:
        latest.setdefault((unit_id, standard_id), (unit_id, standard_id, score, threshold, completed))
    return list(latest.values())


def heat_map(user: Any, unit: Unit) -> HeatMap:
    latest = _latest_scores(unit)
    if not latest:
        return HeatMap()
    paths = dict(Unit.objects.filter(pk__in={u for u, *_ in latest}).values_list("pk", "path"))
    children = list(
        policy.visible(
            user, Permission.VIEW, unit.children.filter(archived_at__isnull=True), unit_field=""
        ).order_by("name")
    )
    rows: list[Unit] = []
    if any(paths[u] == unit.path for u, *_ in latest):
        rows.append(unit)
    rows += [c for c in children if any(paths[u].startswith(c.path) for u, *_ in latest)]
    standard_ids = sorted({s for _, s, *_ in latest})
    standards = list(Standard.objects.filter(pk__in=standard_ids).order_by("domain", "code"))
    result = HeatMap(standards=standards)
    for row in rows:
        cells = []
        for standard in standards:
            found = [
                (score, threshold)
                for u, s, score, threshold, _ in latest
                if s == standard.pk
                and (paths[u] == row.path if row is unit else paths[u].startswith(row.path))
            ]
            if not found:
                cells.append(Cell(None, NONE))
                continue
            mean = sum(s for s, _ in found) / len(found)
            threshold = min(t for _, t in found)
            cells.append(Cell(mean, band_of(mean, threshold), len(found)))
        result.rows.append((row, cells))
    return result


@dataclass
class Series:
    standard: Standard
    points: list[tuple[dt.date, float]]
    threshold: float


def series(unit: Unit, standards: list[Standard]) -> list[Series]:
    """Each standard's mean score per month over the sub-tree's completed audits."""
    rows = StandardScore.objects.filter(
        run__unit__path__startswith=unit.path,
        run__status=RunStatus.COMPLETED,
        standard__in=standards,
    ).values_list("standard_id", "score", "run__completed_at", "run__version__pass_threshold")
    by: dict[int, dict[dt.date, list[float]]] = defaultdict(lambda: defaultdict(list))
    thresholds: dict[int, float] = {}
    for standard_id, score, completed, threshold in rows:
        month = timezone.localtime(completed).date().replace(day=1)
        by[standard_id][month].append(score)
        thresholds[standard_id] = min(threshold, thresholds.get(standard_id, threshold))
    out = []
    for standard in standards:
        months = by.get(standard.pk, {})
        points = [(m, sum(v) / len(v)) for m, v in sorted(months.items())]
        out.append(Series(standard, points, thresholds.get(standard.pk, 85.0)))
    return out


def chart_svg(s: Series, width: int = 640, height: int = 220) -> SafeString:
    """A small line chart of a standard's compliance over time with its pass threshold, as SVG."""
    left, right, top, bottom = 44, 16, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    title = f"Compliance with {s.standard.code} {s.standard.title} by month"

    def y(value: float) -> float:
        return top + plot_h * (1 - value / 100)

    n = len(s.points)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="chart-{s.standard.pk}-title" class="assurance-chart">',
        f'<title id="chart-{s.standard.pk}-title">{escape(title)}</title>',
        '<g font-family="Frutiger W01, Arial, sans-serif" font-size="12">',
    ]
    for level in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(level):.1f}" y2="{y(level):.1f}" '
            f'stroke="{palette.GRIDLINE}"/>'
            f'<text x="{left - 6}" y="{y(level) + 4:.1f}" text-anchor="end" '
            f'fill="{palette.TEXT_SECONDARY}">{level}%</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{y(s.threshold):.1f}" y2="{y(s.threshold):.1f}" '
        f'stroke="{palette.RED}" stroke-dasharray="6 4"/>'
        f'<text x="{width - right}" y="{y(s.threshold) - 4:.1f}" text-anchor="end" fill="{palette.RED}">'
        f"pass {s.threshold:g}%</text>"
    )
    if n:
        line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(s.points))
        parts.append(f'<polyline points="{line}" fill="none" stroke="{palette.CENTRE}" stroke-width="2"/>')
        for i, (month, value) in enumerate(s.points):
            colour = palette.BLUE if value >= s.threshold else palette.ORANGE
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="{colour}" '
                f'stroke="{palette.OUTLINE}" stroke-width="0.5">'
                f"<title>{month:%b %Y}: {value:.0f}%</title></circle>"
            )
        step = max(1, n // 6)
        for i in range(0, n, step):
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle" '
                f'fill="{palette.TEXT_SECONDARY}">'
                f"{s.points[i][0]:%b %y}</text>"
            )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text inside is escaped or a number)


def chart_summary(s: Series) -> str:
    if not s.points:
        return "No completed audit has scored this standard yet."
    last_month, last = s.points[-1]
    met = sum(1 for _, v in s.points if v >= s.threshold)
    return (
        f"{len(s.points)} {'month' if len(s.points) == 1 else 'months'} with audits; "
        f"the pass threshold of {s.threshold:g}% was met in {met}. "
        f"Latest: {last:.0f}% in {last_month:%B %Y}."
    )


def overdue_audits(user: Any, unit: Unit) -> list[tuple[AuditRun, bool]]:
    """Audits in the sub-tree past their due date and not done, each with whether it counts as missed."""
    today = timezone.localdate()
    runs = (
        policy.visible(user, Permission.VIEW, AuditRun.objects.filter(unit__path__startswith=unit.path))
        .filter(status__in=(RunStatus.SCHEDULED, RunStatus.IN_PROGRESS), due_on__lt=today)
        .select_related("unit", "template")
        .order_by("due_on")
    )
    return [(run, (today - run.due_on).days > MISSED_AFTER_DAYS) for run in runs]


@dataclass
class Gap:
    requirement: Any
    kind: str  # "no standard", "no evidence", "failing"
    words: str
    standards: list[Standard] = field(default_factory=list)


def gaps(user: Any, unit: Unit) -> list[Gap]:
    """Every requirement of the organisation's latest framework versions with no or failing evidence."""
    latest_frameworks: dict[str, Framework] = {}
    for framework in Framework.objects.filter(organisation_id=unit.organisation_id).order_by(
        "code", "-loaded_at"
    ):
        latest_frameworks.setdefault(framework.code, framework)
    scores: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for _, standard_id, score, threshold, _ in _latest_scores(unit):
        scores[standard_id].append((score, threshold))
    found: list[Gap] = []
    # Standards that apply here: to the unit, above it or below it (or to no unit in particular).
    ancestors = [*unit.ancestor_ids, unit.pk]
    applying = (
        Q(applies_to__isnull=True) | Q(applies_to__in=ancestors) | Q(applies_to__path__startswith=unit.path)
    )
    # Which of the frameworks' standards apply here: one query, rather than one per requirement.
    applies = set(
        Standard.objects.filter(requirements__framework__in=latest_frameworks.values())
        .filter(applying)
        .values_list("pk", flat=True)
    )
    for framework in latest_frameworks.values():
        for requirement in framework.requirements.prefetch_related("standards").order_by("position"):
            standards = [s for s in requirement.standards.all() if s.status != StandardStatus.RETIRED]
            relevant = [s for s in standards if s.pk in applies]  # in Standard's order, as before
            if not relevant:
                found.append(Gap(requirement, "no standard", "No standard meets it here"))
                continue
            evidence = [(s, scores[s.pk]) for s in relevant if scores.get(s.pk)]
            if not evidence:
                found.append(Gap(requirement, "no evidence", "No audit evidence", relevant))
                continue
            # Failing where any audited unit's latest result for a standard is below its threshold.
            failing = [s for s, results in evidence if any(v < t for v, t in results)]
            if failing:
                units_failing = max(sum(1 for v, t in results if v < t) for s, results in evidence)
                audited = max(len(results) for _, results in evidence)
                words = (
                    "Failing evidence"
                    if audited == 1
                    else f"Failing evidence in {units_failing} of {audited} units"
                )
                found.append(Gap(requirement, "failing", words, failing))
    return found


def requirement_compliance(unit: Unit, framework: Framework) -> dict[int, Cell]:
    """Each requirement's compliance in the unit's sub-tree: the mean of the latest audit scores of
    the standards that meet it, banded against their lowest pass threshold."""
    latest: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for _, standard_id, score, threshold, _ in _latest_scores(unit):
        latest[standard_id].append((score, threshold))
    result: dict[int, Cell] = {}
    for requirement in framework.requirements.prefetch_related("standards"):
        found = [
            r for s in requirement.standards.all() if s.status != StandardStatus.RETIRED for r in latest[s.pk]
        ]
        if not found:
            result[requirement.pk] = Cell(None, NONE)
            continue
        mean = sum(v for v, _ in found) / len(found)
        result[requirement.pk] = Cell(mean, band_of(mean, min(t for _, t in found)), len(found))
    return result


@dataclass
class RepeatedGap:
    unit: Unit
    standard: Standard
    failures: int  # the latest audits in a row that failed the standard
    latest: float


def repeated_gaps(user: Any, unit: Unit, at_least: int = 2) -> list[RepeatedGap]:
    """Standards a unit has failed in its last `at_least` audits or more: proposed for improvement,
    since actions alone have not closed them."""
    rows = (
        policy.visible(
            user,
            Permission.VIEW,
            StandardScore.objects.filter(
                run__unit__path__startswith=unit.path, run__status=RunStatus.COMPLETED
            ),
            unit_field="run__unit",
        )
        .order_by("run__unit_id", "standard_id", "-run__completed_at")
        .values_list("run__unit_id", "standard_id", "passed", "score")
    )
    streaks: dict[tuple[int, int], list[float]] = {}
    done: set[tuple[int, int]] = set()
    for unit_id, standard_id, passed, score in rows:
        key = (unit_id, standard_id)
        if key in done:
            continue
        if passed:
            done.add(key)
            continue
        streaks.setdefault(key, []).append(score)
    found = [(k, v) for k, v in streaks.items() if len(v) >= at_least]
    units = Unit.objects.in_bulk({k[0] for k, _ in found})
    standards = Standard.objects.in_bulk({k[1] for k, _ in found})
    result = [RepeatedGap(units[u], standards[s], len(v), v[0]) for (u, s), v in found]
    return sorted(result, key=lambda g: (-g.failures, g.unit.name, g.standard.code))


def overview(user: Any, unit: Unit) -> dict[str, Any]:
    heat = heat_map(user, unit)
    all_series = series(unit, heat.standards)
    charts = [(s, chart_svg(s), chart_summary(s)) for s in all_series]
    overdue = overdue_audits(user, unit)
    upcoming = (
        policy.visible(user, Permission.VIEW, AuditRun.objects.filter(unit__path__startswith=unit.path))
        .filter(status__in=(RunStatus.SCHEDULED, RunStatus.IN_PROGRESS), due_on__gte=timezone.localdate())
        .select_related("unit", "template")
        .order_by("due_on")[:10]
    )
    recent = (
        policy.visible(user, Permission.VIEW, AuditRun.objects.filter(unit__path__startswith=unit.path))
        .filter(status=RunStatus.COMPLETED)
        .select_related("unit", "template", "version")
        .order_by("-completed_at")[:10]
    )
    return {
        "heat": heat,
        "charts": charts,
        "overdue": overdue,
        "upcoming": upcoming,
        "recent": recent,
        "gaps": gaps(user, unit),
        "repeated": repeated_gaps(user, unit),
        "overdue_actions": action_selectors.overdue_in_subtree(user, unit)[:20],
        "open_actions": action_selectors.in_subtree(user, unit).filter(status__in=OPEN_STATUSES).count(),
        "may_raise": policy.can(user, Permission.CONTRIBUTE, unit),
        "band_of": band_of,
    }
