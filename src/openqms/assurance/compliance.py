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
from typing import Any, NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from openqms.access import policy
from openqms.actions.models import OPEN_STATUSES
from openqms.actions.selectors import tracker as action_selectors
from openqms.assurance.models import (
    AuditRun,
    Framework,
    Requirement,
    RunStatus,
    Standard,
    StandardScore,
    StandardStatus,
)
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


class Score(NamedTuple):
    """One completed audit's score for one standard."""

    unit_id: int
    unit_path: str
    standard_id: int
    score: float
    threshold: float
    passed: bool
    completed: dt.datetime | None  # set on every completed audit


def completed_scores(unit: Unit, user: Any = None) -> list[Score]:
    """Every completed audit's score per standard in the unit's sub-tree, each unit's and standard's
    latest audit first; only those the person may see when one is given. The assurance home reads
    them once for its heat map, charts, gaps and repeated gaps (`overview`)."""
    queryset = StandardScore.objects.filter(
        run__unit__path__startswith=unit.path, run__status=RunStatus.COMPLETED
    )
    if user is not None:
        queryset = policy.visible(user, Permission.VIEW, queryset, unit_field="run__unit")
    rows = queryset.order_by("run__unit_id", "standard_id", "-run__completed_at").values_list(
        "run__unit_id",
        "run__unit__path",
        "standard_id",
        "score",
        "run__version__pass_threshold",
        "passed",
        "run__completed_at",
    )
    return [Score(*row) for row in rows]


def _latest(scores: list[Score]) -> list[Score]:
    """The latest completed audit's score of each (unit, standard) pair, of `completed_scores`."""
    latest: dict[tuple[int, int], Score] = {}
    for score in scores:
        latest.setdefault((score.unit_id, score.standard_id), score)
    return list(latest.values())


def heat_map(user: Any, unit: Unit, scores: list[Score] | None = None) -> HeatMap:
    latest = _latest(completed_scores(unit) if scores is None else scores)
    if not latest:
        return HeatMap()
    children = list(
        policy.visible(
            user, Permission.VIEW, unit.children.filter(archived_at__isnull=True), unit_field=""
        ).order_by("name")
    )
    rows: list[Unit] = []
    if any(s.unit_path == unit.path for s in latest):
        rows.append(unit)
    rows += [c for c in children if any(s.unit_path.startswith(c.path) for s in latest)]
    standard_ids = sorted({s.standard_id for s in latest})
    standards = list(Standard.objects.filter(pk__in=standard_ids).order_by("domain", "code"))
    result = HeatMap(standards=standards)
    for row in rows:
        cells = []
        for standard in standards:
            found = [
                (s.score, s.threshold)
                for s in latest
                if s.standard_id == standard.pk
                and (s.unit_path == row.path if row is unit else s.unit_path.startswith(row.path))
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


def series(unit: Unit, standards: list[Standard], scores: list[Score] | None = None) -> list[Series]:
    """Each standard's mean score per month over the sub-tree's completed audits."""
    if scores is None:
        scores = completed_scores(unit)
    wanted = {s.pk for s in standards}
    rows = [(s.standard_id, s.score, s.completed, s.threshold) for s in scores if s.standard_id in wanted]
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


def gaps(user: Any, unit: Unit, scores: list[Score] | None = None) -> list[Gap]:
    """Every requirement of the organisation's latest framework versions with no or failing evidence."""
    latest_frameworks: dict[str, Framework] = {}
    for framework in Framework.objects.filter(organisation_id=unit.organisation_id).order_by(
        "code", "-loaded_at"
    ):
        latest_frameworks.setdefault(framework.code, framework)
    by_standard: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for latest in _latest(completed_scores(unit) if scores is None else scores):
        by_standard[latest.standard_id].append((latest.score, latest.threshold))
    found: list[Gap] = []
    # Standards that apply here: to the unit, above it or below it (or to no unit in particular).
    ancestors = [*unit.ancestor_ids, unit.pk]
    applying = (
        Q(applies_to__isnull=True) | Q(applies_to__in=ancestors) | Q(applies_to__path__startswith=unit.path)
    )
    # Each requirement's standards that apply here and are not retired, in Standard's order: one
    # query for every framework's requirements and one for their standards, not one per requirement.
    meeting = (
        Standard.requirements.through.objects.filter(
            requirement__framework__in=latest_frameworks.values(),
            standard__in=Standard.objects.filter(applying).exclude(status=StandardStatus.RETIRED),
        )
        .select_related("standard")
        .order_by("standard__domain", "standard__code")
    )
    relevant_to: dict[int, list[Standard]] = defaultdict(list)
    for link in meeting:
        relevant_to[link.requirement_id].append(link.standard)
    requirements: dict[int, list[Requirement]] = defaultdict(list)
    for requirement in Requirement.objects.filter(framework__in=latest_frameworks.values()).order_by(
        "position"
    ):
        requirements[requirement.framework_id].append(requirement)
    for framework in latest_frameworks.values():
        for requirement in requirements[framework.pk]:
            requirement.framework = framework  # as `framework.requirements` gives it, with no query
            relevant = relevant_to[requirement.pk]
            if not relevant:
                found.append(Gap(requirement, "no standard", "No standard meets it here"))
                continue
            evidence = [(s, by_standard[s.pk]) for s in relevant if by_standard.get(s.pk)]
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
    for score in _latest(completed_scores(unit)):
        latest[score.standard_id].append((score.score, score.threshold))
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


def repeated_gaps(
    user: Any,
    unit: Unit,
    at_least: int = 2,
    scores: list[Score] | None = None,
    standards_read: list[Standard] | None = None,
) -> list[RepeatedGap]:
    """Standards a unit has failed in its last `at_least` audits or more: proposed for improvement,
    since actions alone have not closed them. `scores`, when given, are `completed_scores(unit,
    user)`; `standards_read`, standards already read (the heat map's), not read again."""
    if scores is None:
        scores = completed_scores(unit, user)
    streaks: dict[tuple[int, int], list[float]] = {}
    done: set[tuple[int, int]] = set()
    for s in scores:
        key = (s.unit_id, s.standard_id)
        if key in done:
            continue
        if s.passed:
            done.add(key)
            continue
        streaks.setdefault(key, []).append(s.score)
    found = [(k, v) for k, v in streaks.items() if len(v) >= at_least]
    units = Unit.objects.in_bulk({k[0] for k, _ in found})
    known = {s.pk: s for s in standards_read or []}
    wanted = {k[1] for k, _ in found}
    missing = wanted - known.keys()
    standards = (known | Standard.objects.in_bulk(missing)) if missing else known
    result = [RepeatedGap(units[u], standards[s], len(v), v[0]) for (u, s), v in found]
    return sorted(result, key=lambda g: (-g.failures, g.unit.name, g.standard.code))


def overview(user: Any, unit: Unit) -> dict[str, Any]:
    # The scores this person may see, read once for the heat map, the charts and both kinds of gap.
    # The home shows the overview only to those who may see the unit's quality data, and a role
    # reaches the whole sub-tree, so these are every score the parts would each read alone.
    scores = completed_scores(unit, user)
    heat = heat_map(user, unit, scores)
    all_series = series(unit, heat.standards, scores)
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
        .select_related("unit", "template")
        .order_by("-completed_at")[:10]
    )
    return {
        "heat": heat,
        "charts": charts,
        "overdue": overdue,
        "upcoming": upcoming,
        "recent": recent,
        "gaps": gaps(user, unit, scores),
        "repeated": repeated_gaps(user, unit, scores=scores, standards_read=heat.standards),
        "overdue_actions": action_selectors.overdue_in_subtree(user, unit)[:20],
        "open_actions": action_selectors.in_subtree(user, unit).filter(status__in=OPEN_STATUSES).count(),
        "may_raise": policy.can(user, Permission.CONTRIBUTE, unit),
        "band_of": band_of,
    }
