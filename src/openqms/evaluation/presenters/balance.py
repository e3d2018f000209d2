"""QMS balance as a page, a report section and a panel on the unit's page: each component's
activity month by month against the rhythm (plan once a year, control daily, assure occasionally,
improve in short bursts), and the unit beside the units it is compared with.

`balance_section` is what the integrated report includes (with evaluation/_balance_section.jinja);
the pictures are SVG drawn here, each with a table of the same figures beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from markupsafe import Markup

from openqms.access import policy
from openqms.evaluation.selectors import balance as selectors
from openqms.evaluation.selectors.balance import COMPONENTS, KINDS, UnitActivity
from openqms.organisations.models import Unit
from openqms.spc.render import palette

TITLES = {
    "planning": "Planning",
    "control": "Control",
    "assurance": "Assurance",
    "improvement": "Improvement",
}
RHYTHM = {
    "planning": "once a year",
    "control": "every day",
    "assurance": "occasionally",
    "improvement": "in short bursts",
}
NHS_BLUE = "#005eb8"
FONT = f'font-family="{palette.FONT_FAMILY}" font-size="12"'


def verdict(component: str, active: int, months: int) -> str:
    """How the months with activity compare with the component's rhythm, in words."""
    if active == 0:
        return f"No {component} activity recorded"
    if component == "planning":
        return "Intentional, as the rhythm asks" if active <= 2 else f"Spread over {active} months"
    if component == "control":
        return (
            "Continuous, as the rhythm asks"
            if active >= months - 1
            else f"Paused in {months - active} months"
        )
    if component == "assurance":
        if active >= months - 1:
            return "Every month: check that it adds value"
        return "Occasional, as the rhythm asks"
    if active == months:
        return "Continuous: projects overlap rather than come in bursts"
    return "In bursts, as the rhythm asks"


@dataclass(frozen=True)
class ComponentRow:
    component: str
    title: str
    rhythm: str
    cells: list[int]
    months_active: int
    totals: str
    verdict: str


@dataclass(frozen=True)
class ComparedRow:
    unit: Unit
    url: str
    is_this: bool
    months_active: dict[str, int]
    totals: dict[str, int]


@dataclass(frozen=True)
class BalanceSection:
    unit: Unit
    period: str
    month_labels: list[str]
    rows: list[ComponentRow]
    picture: Markup
    compared: list[ComparedRow]
    compared_with: str
    compared_picture: Markup
    summary: str
    page_url: str


def _totals(activity: UnitActivity, component: str) -> str:
    parts = []
    for kind, (c, one, many) in KINDS.items():
        if c == component:
            n = activity.total(kind)
            parts.append(f"{n:,} {one if n == 1 else many}")
    return ", ".join(parts)


def _level(count: int, most: int) -> float:
    """Shading from 0.2 to 1 by the count's share of the component's busiest month, so a quiet
    month still shows and components with very different volumes can sit in one picture."""
    return 0.0 if count == 0 or most == 0 else 0.2 + 0.8 * count / most


def strip_svg(unit: Unit, rows: list[ComponentRow], month_labels: list[str], ident: str) -> Markup:
    left, top, cell, gap, right = 112, 22, 34, 4, 120
    width = left + len(month_labels) * (cell + gap) + right
    height = top + len(rows) * (cell + gap) + 4
    title = f"QMS balance of {unit.name}: activity in each component by month"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title" class="evaluation-chart">',
        f'<title id="{ident}-title">{escape(title)}</title><g {FONT}>',
    ]
    for j, label in enumerate(month_labels):
        x = left + j * (cell + gap) + cell / 2
        parts.append(
            f'<text x="{x:.0f}" y="14" text-anchor="middle" fill="{palette.TEXT_SECONDARY}">'
            f"{escape(label)}</text>"
        )
    for i, row in enumerate(rows):
        y = top + i * (cell + gap)
        most = max(row.cells) if row.cells else 0
        parts.append(
            f'<text x="{left - 8}" y="{y + cell / 2 + 4:.0f}" text-anchor="end" fill="{palette.TEXT}">'
            f"{row.title}</text>"
        )
        for j, count in enumerate(row.cells):
            x = left + j * (cell + gap)
            level = _level(count, most)
            fill = NHS_BLUE if level else palette.GRIDLINE
            opacity = f' fill-opacity="{level:.2f}"' if level else ""
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" rx="3" fill="{fill}"{opacity}>'
                f"<title>{row.title}, {escape(month_labels[j])}: {count:,}</title></rect>"
            )
        parts.append(
            f'<text x="{width - right + 8}" y="{y + cell / 2 + 4:.0f}" fill="{palette.TEXT_SECONDARY}">'
            f"{escape(row.rhythm.capitalize())}</text>"
        )
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 (every text inside is escaped or a number)


def compared_svg(unit: Unit, compared: list[ComparedRow], months: int, ident: str) -> Markup:
    left, top, row_h, col_w, bar_max = 200, 24, 26, 110, 90
    width = left + len(COMPONENTS) * col_w
    height = top + len(compared) * row_h + 4
    title = f"Months with activity in each component: {unit.name} beside the units it is compared with"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title" class="evaluation-chart">',
        f'<title id="{ident}-title">{escape(title)}</title><g {FONT}>',
    ]
    for k, component in enumerate(COMPONENTS):
        parts.append(
            f'<text x="{left + k * col_w}" y="14" fill="{palette.TEXT_SECONDARY}">{TITLES[component]}</text>'
        )
    for i, row in enumerate(compared):
        y = top + i * row_h
        weight = ' font-weight="bold"' if row.is_this else ""
        name = row.unit.name if len(row.unit.name) <= 28 else row.unit.name[:27] + "…"
        parts.append(
            f'<text x="{left - 10}" y="{y + 15}" text-anchor="end" fill="{palette.TEXT}"{weight}>'
            f"{escape(name)}</text>"
        )
        for k, component in enumerate(COMPONENTS):
            active = row.months_active[component]
            x = left + k * col_w
            length = bar_max * active / months if months else 0
            colour = NHS_BLUE if row.is_this else palette.CENTRE
            parts.append(
                f'<rect x="{x}" y="{y + 4}" width="{bar_max}" height="14" fill="{palette.GRIDLINE}"/>'
            )
            parts.append(
                f'<rect x="{x}" y="{y + 4}" width="{length:.1f}" height="14" fill="{colour}">'
                f"<title>{escape(row.unit.name)}, {TITLES[component]}: "
                f"{active} of {months} months</title></rect>"
            )
    parts.append("</g></svg>")
    return Markup("".join(parts))  # noqa: S704 (every text inside is escaped or a number)


def _rows(activity: UnitActivity, months: int) -> list[ComponentRow]:
    rows = []
    for component in COMPONENTS:
        cells = activity.component(component)
        active = sum(1 for c in cells if c)
        rows.append(
            ComponentRow(
                component=component,
                title=TITLES[component],
                rhythm=RHYTHM[component],
                cells=cells,
                months_active=active,
                totals=_totals(activity, component),
                verdict=verdict(component, active, months),
            )
        )
    return rows


def balance_section(
    user: Any, unit: Unit, *, until: dt.date | None = None, months: int = 12
) -> BalanceSection:
    """The QMS balance of the unit's sub-tree over the `months` months ending with until's month
    (this month by default), compared with its sibling units (or, at the top, its sub-units)."""
    until = until or timezone.localdate()
    units = selectors.compared_units(user, unit)
    found = selectors.activity(user, units, until, months)
    labels = [f"{m:%b}" for m in found.months]
    this = found.units[0]
    rows = _rows(this, months)
    compared = [
        ComparedRow(
            unit=a.unit,
            url=reverse("evaluation:balance", args=[a.unit.pk]),
            is_this=a.unit.pk == unit.pk,
            months_active={c: sum(1 for n in a.component(c) if n) for c in COMPONENTS},
            totals={c: sum(a.component(c)) for c in COMPONENTS},
        )
        for a in found.units
    ]
    summary = "; ".join(
        f"{r.title}: active in {r.months_active} of {months} months ({r.verdict.lower()})" for r in rows
    )
    first, last = found.months[0], found.months[-1]
    return BalanceSection(
        unit=unit,
        period=f"{first:%B %Y} to {last:%B %Y}",
        month_labels=[f"{m:%B %Y}" for m in found.months],
        rows=rows,
        picture=strip_svg(unit, rows, labels, f"balance-{unit.pk}"),
        compared=compared,
        compared_with="its sub-units" if unit.parent_id is None else "its sibling units",
        compared_picture=compared_svg(unit, compared, months, f"balance-compared-{unit.pk}"),
        summary=summary + ".",
        page_url=reverse("evaluation:balance", args=[unit.pk]),
    )


@dataclass(frozen=True)
class UnitPanel:
    picture: Markup
    summary: str
    balance_url: str
    maturity_url: str


def unit_panel(user: Any, unit: Unit) -> UnitPanel | None:
    """The panel on the shell's unit page, for people who see the unit's quality data."""
    if not policy.can(user, policy.Permission.VIEW, unit):
        return None
    until = timezone.localdate()
    found = selectors.activity(user, [unit], until)
    rows = _rows(found.units[0], len(found.months))
    labels = [f"{m:%b}" for m in found.months]
    summary = "; ".join(f"{r.title}: {r.months_active} of {len(found.months)} months" for r in rows)
    return UnitPanel(
        picture=strip_svg(unit, rows, labels, f"panel-balance-{unit.pk}"),
        summary=f"Months with activity over the last year. {summary}.",
        balance_url=reverse("evaluation:balance", args=[unit.pk]),
        maturity_url=reverse("evaluation:assessments", args=[unit.pk]),
    )
