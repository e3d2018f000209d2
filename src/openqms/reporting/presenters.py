"""What the report page and the PDF show, worked out from a report's contents (plain data), so the
templates only place it: the groups of the summary icon table, the icon-only page, the
variation × assurance matrix, the contents list, and the page's own links and `may_*` flags."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from markupsafe import Markup

from openqms.access import policy
from openqms.control.presenters.measures import assurance_icon, variation_icon
from openqms.reporting.models import Commentary, CommentaryStatus, Report
from openqms.reporting.selectors.measures import NO_PRIORITY

GROUPINGS = {"domain": "Quality domain", "priority": "Strategic priority"}

# The matrix's rows and columns (Making Data Count's three ways a measure varies, against the three
# ways it meets its target); a measure with no target or no data is counted beside it.
MATRIX_ROWS = [
    ("concerning", "Concerning", ("concern_high", "concern_low")),
    ("common", "Common cause or no direction", ("common_cause", "neutral_high", "neutral_low")),
    ("improving", "Improving", ("improvement_high", "improvement_low")),
]
MATRIX_COLUMNS = [
    ("failing", "Failing", "consistent_fail"),
    ("hit-or-miss", "Hit or miss", "inconsistent"),
    ("passing", "Passing", "consistent_pass"),
]


@dataclass
class Row:
    data: dict[str, Any]
    variation: Markup
    assurance: Markup
    sparkline: Markup


@dataclass
class Family:
    """The rows of one measure that several units report and that is not added up (a rate such as
    staff turnover, where summing numerators and denominators is not meaningful): shown once,
    under the measure's name, with one row per unit. `name` is empty for a run of other rows."""

    name: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Group:
    title: str
    anchor: str
    rows: list[Row] = field(default_factory=list)

    @property
    def families(self) -> list[Family]:
        """The group's rows in order, each measure reported by two or more units (and not rolled
        up) gathered at its first row; the other rows in runs between them."""
        counts: dict[Any, int] = defaultdict(int)
        for row in self.rows:
            if (definition := _family_key(row)) is not None:
                counts[definition] += 1
        found: list[Family] = []
        by_definition: dict[Any, Family] = {}
        for row in self.rows:
            definition = _family_key(row)
            if definition is not None and counts[definition] >= 2:
                if definition not in by_definition:
                    by_definition[definition] = Family(row.data["name"])
                    found.append(by_definition[definition])
                by_definition[definition].rows.append(row)
            else:
                if not found or found[-1].name:
                    found.append(Family(""))
                found[-1].rows.append(row)
        return found


def _family_key(row: Row) -> Any:
    # Rows frozen before definitions were kept in them have no key, and gather into no family.
    return None if row.data.get("rolled_up") else row.data.get("definition_id")


@dataclass
class MatrixCell:
    key: str
    count: int
    label: str
    names: list[str]


@dataclass
class MatrixRow:
    label: str
    icon: Markup
    cells: list[MatrixCell]


@dataclass
class Presented:
    contents: dict[str, Any]
    groups: list[Group]
    grouping: str
    matrix: list[MatrixRow]
    matrix_headers: list[tuple[Markup, str]]
    outside_matrix: int
    icon_page: list[Row]
    toc: list[tuple[str, str]]
    charts: list[dict[str, Any]]


class Icons:
    """Each icon a report shows, drawn once per kind, value and size: a trust's report shows
    thousands of icons, but only a score of different ones (ten variations, four assurances, two
    sizes), and drawing an SVG costs far more than looking one up."""

    def __init__(self) -> None:
        self._drawn: dict[tuple[str, str, int], Markup] = {}

    def variation(self, value: str, size: int) -> Markup:
        key = ("variation", value, size)
        if key not in self._drawn:
            self._drawn[key] = variation_icon(value or None, size)
        return self._drawn[key]

    def assurance(self, value: str, size: int) -> Markup:
        key = ("assurance", value, size)
        if key not in self._drawn:
            self._drawn[key] = assurance_icon(value or None, size)
        return self._drawn[key]


def _row(data: dict[str, Any], icons: Icons, size: int = 36) -> Row:
    return Row(
        data=data,
        variation=icons.variation(data["variation"], size),
        assurance=icons.assurance(data["assurance"], size),
        sparkline=Markup(data["sparkline"]),  # noqa: S704 (drawn by the SPC engine, which escapes its text)
    )


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def groups_of(rows: list[dict[str, Any]], grouping: str, icons: Icons | None = None) -> list[Group]:
    icons = icons or Icons()
    key = "priority" if grouping == "priority" else "domain"
    found: dict[str, Group] = {}
    for data in rows:
        title = data[key]
        group = found.setdefault(title, Group(title, f"group-{_slug(title)}"))
        group.rows.append(_row(data, icons))
    if key == "domain":
        return list(found.values())  # the rows come in the organisation's order of its domains
    return sorted(found.values(), key=lambda g: (g.title == NO_PRIORITY, g.title))


def matrix_of(rows: list[dict[str, Any]]) -> tuple[list[MatrixRow], int]:
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    outside = 0
    for data in rows:
        place = next((r for r, _, icons in MATRIX_ROWS if data["variation"] in icons), None)
        column = next((c for c, _, icon in MATRIX_COLUMNS if data["assurance"] == icon), None)
        if place is None or column is None:
            outside += 1
            continue
        names[(place, column)].append(f"{data['name']} ({data['unit']})")
    matrix = []
    for place, label, icons in MATRIX_ROWS:
        cells = []
        for column, column_label, _ in MATRIX_COLUMNS:
            found = names.get((place, column), [])
            cells.append(
                MatrixCell(
                    key=f"matrix-{place}-{column}",
                    count=len(found),
                    label=f"{len(found)} {'measure' if len(found) == 1 else 'measures'}: {label.lower()}, "
                    f"{column_label.lower()}",
                    names=sorted(found),
                )
            )
        matrix.append(MatrixRow(label, variation_icon(icons[0], 32), cells))
    return matrix, outside


def matrix_headers() -> list[tuple[Markup, str]]:
    return [(assurance_icon(icon, 32), label) for _, label, icon in MATRIX_COLUMNS]


def toc_of(contents: dict[str, Any]) -> list[tuple[str, str]]:
    """The contents list: the page shows it beside a frozen body, so it is read without the rest."""
    return [
        ("cover", "Cover"),
        ("icons", "Summary in icons"),
        ("summary", "Summary icon table"),
        ("matrix", "Variation and assurance"),
        ("attention", "Charts that need attention"),
        ("assurance", "Assurance"),
        ("improvement", "Improvement"),
        ("actions", "Actions and escalations"),
        ("planning", "Planning"),
        ("huddles", "Huddle activity"),
        ("changes", "What changed since the last report"),
    ] + [(f"section-{s['key']}", s["title"]) for s in contents.get("extra_sections", [])]


def present(contents: dict[str, Any], grouping: str = "domain") -> Presented:
    grouping = grouping if grouping in GROUPINGS else "domain"
    rows = contents["measures"]
    matrix, outside = matrix_of(rows)
    icons = Icons()
    charts = [
        {**chart, "svg_markup": Markup(chart["svg"])}  # noqa: S704 (the SPC engine escapes its SVG)
        for chart in contents["charts"]
    ]
    return Presented(
        contents=contents,
        groups=groups_of(rows, grouping, icons),
        grouping=grouping,
        matrix=matrix,
        matrix_headers=matrix_headers(),
        outside_matrix=outside,
        icon_page=[_row(r, icons, 28) for r in rows],
        toc=toc_of(contents),
        charts=charts,
    )


@dataclass(frozen=True)
class CommentaryRow:
    commentary: Commentary
    href: str
    may_write: bool
    may_approve: bool


def commentary_rows(user: Any, report: Report, commentaries: list[Commentary]) -> list[CommentaryRow]:
    owner = policy.may_own_report(user, report.unit)
    return [
        CommentaryRow(
            commentary=c,
            href=reverse("reporting:commentary", args=[c.pk]),
            may_write=not report.is_published
            and policy.may_write_commentary(user, report.unit, c.requested_of_id),
            may_approve=owner and not report.is_published and c.status == CommentaryStatus.WRITTEN,
        )
        for c in commentaries
    ]
