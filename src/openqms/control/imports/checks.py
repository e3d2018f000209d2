"""Measure data coming in: the checks every path shares, and the service that saves checked data.

Manual entry on a measure page, a CSV or Excel upload and the command-line bulk import all hand
their rows to `validate_rows`, so a value is judged the same way wherever it is typed. A row is a
mapping of column name to cell: `measure` (the definition's code), `unit` (the unit's code),
`period` (the period's first day) and either `value` or `numerator` and `denominator`. Cells may be
text as typed, or numbers and dates as a spreadsheet stores them.

Everything the checks need (codes, measures, the units the person may add data to) is fetched once
per call, never one query per row, so a million rows are checked in seconds. A unit outside the
person's scope is reported exactly as a unit that does not exist. `submit_rows` checks the whole
set first and writes nothing at all unless every row is valid (see docs/imports.md).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.control.models import DataShape, Frequency, Measure, MeasureDefinition
from openqms.organisations.models import Organisation, Unit
from openqms.people.models import User
from openqms.spc import ChartType
from openqms.tables import Problem

# (stage, done, total or None when unknown): the command line draws it as a progress bar.
ProgressCallback = Callable[[str, int, int | None], None]

COLUMNS = ("measure", "unit", "period", "value", "numerator", "denominator")
# Columns a template carries for the reader's sake; an upload ignores them.
INFORMATIONAL = ("measure_name", "unit_name")
DATA_COLUMNS = ("value", "numerator", "denominator")
# Only a proportion (p and p′ charts) cannot have more events than opportunities; a rate such as
# falls per 1,000 bed days, or a u chart, may.
PROPORTION_CHARTS = frozenset({ChartType.P.value, ChartType.PP.value})
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
PROGRESS_EVERY = 20_000
BLANK = (None, "")


@dataclass(frozen=True)
class DataPoint:
    """One period's data for one measure, already validated."""

    measure_id: int
    period_start: dt.date
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None


@dataclass
class Validation:
    points: list[DataPoint] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    # Rows naming a period but giving no data at all: a template's rows for periods to come.
    empty: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Target:
    """A measure that data may be given for, as the checks need it."""

    measure_id: int
    shape: str
    chart: str
    frequency: str
    code: str
    proportion: bool


class _Lookups:
    """Codes to measures for one organisation and one person's scope, fetched in a few queries."""

    def __init__(
        self, *, actor: User | None, organisation: Organisation, within: Unit | None, system: bool
    ) -> None:
        self.organisation = organisation
        units: QuerySet[Unit] = Unit.objects.filter(organisation=organisation)
        if not system:
            units = policy.visible(actor, policy.Permission.CONTRIBUTE, units, unit_field="")
        if within is not None:
            units = units.filter(path__startswith=within.path)
        self.units: dict[str, tuple[int, str, bool]] = {
            code.upper(): (pk, name, archived is not None)
            for pk, code, name, archived in units.values_list("pk", "code", "name", "archived_at")
        }
        self.definitions: dict[str, tuple[int, str, str, str, str, bool]] = {
            code.upper(): (pk, name, shape, chart, frequency, archived is not None)
            for pk, code, name, shape, chart, frequency, archived in MeasureDefinition.objects.filter(
                organisation=organisation
            ).values_list("pk", "code", "name", "data_shape", "chart_type", "frequency", "archived_at")
        }
        self.measures: dict[tuple[int, int], tuple[int, bool]] = {
            (definition_id, unit_id): (pk, archived is not None)
            for pk, definition_id, unit_id, archived in Measure.objects.filter(
                definition__organisation=organisation, unit__in=units.values("pk")
            ).values_list("pk", "definition_id", "unit_id", "archived_at")
        }
        self._resolved: dict[tuple[str, str], _Target | list[tuple[str, str]]] = {}

    def resolve(self, measure_code: str, unit_code: str) -> _Target | list[tuple[str, str]]:
        """The measure, or the problems as (column, message); remembered, since files repeat codes."""
        key = (measure_code, unit_code)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolve(measure_code.upper(), unit_code.upper())
            self._resolved[key] = found
        return found

    def _resolve(self, measure_code: str, unit_code: str) -> _Target | list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if not measure_code:
            problems.append(("measure", "A measure code is required"))
        if not unit_code:
            problems.append(("unit", "A unit code is required"))
        if problems:
            return problems
        unit = self.units.get(unit_code)
        definition = self.definitions.get(measure_code)
        if unit is None:
            # Out of scope reads exactly like "does not exist": an upload must not reveal other units.
            problems.append(("unit", f"Unknown unit: no unit you can add data to has the code {unit_code}"))
        if definition is None:
            problems.append(
                (
                    "measure",
                    f"Unknown measure for this unit: no measure in {self.organisation} has the code "
                    f"{measure_code}",
                )
            )
        if problems or unit is None or definition is None:
            return problems
        unit_id, unit_name, unit_archived = unit
        definition_id, name, shape, chart, frequency, definition_archived = definition
        measure = self.measures.get((definition_id, unit_id))
        if measure is None:
            return [
                (
                    "measure",
                    f"Unknown measure for this unit: {unit_name} does not report {name} ({measure_code}). "
                    "Measures are added to a unit on purpose, not by an import: add it to "
                    f"{unit_name} from the measure's page in Control, then upload the file again",
                )
            ]
        measure_id, measure_archived = measure
        if unit_archived or definition_archived or measure_archived:
            return [("measure", f"{name} on {unit_name} is archived: its data can no longer be changed")]
        return _Target(measure_id, shape, chart, frequency, measure_code, chart in PROPORTION_CHARTS)


def _text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def parse_date(cell: Any) -> dt.date | str:
    """A date from an ISO or UK-style text, or a spreadsheet's date; else the reason it is not one."""
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time(0):
            return "A period is a day, without a time: give its first day only"
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if not text:
        return "A period is required: its first day, like 2026-04-01 or 01/04/2026"
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return dt.date.fromisoformat(text)
        match = UK_DATE.fullmatch(text)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        return "Not a real date (check the day and the month)"
    return "Not a date: write the period's first day as YYYY-MM-DD (2026-04-01) or DD/MM/YYYY (01/04/2026)"


def period_problem(frequency: str, day: dt.date) -> str | None:
    """Why this day cannot start a period of this frequency (None: it can)."""
    if frequency == Frequency.WEEKLY and day.weekday() != 0:
        monday = day - dt.timedelta(days=day.weekday())
        return (
            f"A weekly measure's periods start on a Monday; {day:%A} {day.isoformat()} is not one. "
            f"The week it falls in starts on Monday {monday.isoformat()}"
        )
    if frequency == Frequency.MONTHLY and day.day != 1:
        return (
            f"A monthly measure's periods start on the 1st of the month; the month of {day.isoformat()} "
            f"starts on {day.replace(day=1).isoformat()}"
        )
    return None


def parse_number(cell: Any) -> float | str:
    """A finite number, or the reason the cell is not one."""
    if isinstance(cell, bool):
        return "Not a number"
    if isinstance(cell, int | float):
        number = float(cell)
    else:
        try:
            number = float(str(cell).strip())
        except ValueError:
            return "Not a number: write digits with a full stop for decimals, like 12 or 3.5, without units"
    if not math.isfinite(number):
        return "Not a number"
    return number


def validate_rows(
    *,
    actor: User | None,
    organisation: Organisation,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    within: Unit | None = None,
    system: bool = False,
    progress: ProgressCallback | None = None,
    file_problems: list[Problem] | None = None,
) -> Validation:
    """Check every row; every problem found is reported with its line (or row) and column.

    `rows` are (line number, {column: cell}). Only units the actor may add data to count
    (`Permission.CONTRIBUTE`), narrowed to the sub-tree of `within` when given; `system=True` is the
    installation's own import, which may reach every unit of the organisation. `file_problems` is
    the list a file reader fills as it is read (a ragged row, a bad encoding): they count too.
    """
    lookups = _Lookups(actor=actor, organisation=organisation, within=within, system=system)
    result = Validation()
    problems = result.problems
    points = result.points
    first_line: dict[tuple[int, dt.date], int] = {}
    resolved: dict[tuple[Any, Any], _Target | list[tuple[str, str]]] = {}
    periods: dict[tuple[Any, str], dt.date | str] = {}
    for line, row in rows:
        result.rows += 1
        if progress is not None and result.rows % PROGRESS_EVERY == 0:
            progress("validating", result.rows, None)
        get = row.get
        measure_cell, unit_cell, period_cell = get("measure"), get("unit"), get("period")
        found = resolved.get((measure_cell, unit_cell))
        if found is None:
            found = resolved[(measure_cell, unit_cell)] = lookups.resolve(
                _text(measure_cell), _text(unit_cell)
            )
        target = found if isinstance(found, _Target) else None
        if target is None:
            for column, message in found:  # type: ignore[union-attr]
                problems.append(Problem(line, column, _text(get(column)), message))
        frequency = target.frequency if target is not None else ""
        period = periods.get((period_cell, frequency))
        if period is None:
            period = parse_date(period_cell)
            if not isinstance(period, str):
                period = period_problem(frequency, period) or period
            periods[(period_cell, frequency)] = period
        if isinstance(period, str):
            problems.append(Problem(line, "period", _text(period_cell), period))
            continue
        if target is None:
            continue
        value, numerator, denominator = get("value"), get("numerator"), get("denominator")
        point = _plain_point(target, period, value, numerator, denominator)
        if point is None:
            raw = {"value": value, "numerator": numerator, "denominator": denominator}
            given = {name for name, cell in raw.items() if _text(cell) != ""}
            if not given:
                result.empty += 1
                continue
            point = _check_data(line, target, period, raw, given, problems)
            if point is None:
                continue
        key = (target.measure_id, period)
        earlier = first_line.get(key)
        if earlier is not None:
            problems.append(
                Problem(
                    line,
                    "period",
                    _text(period_cell),
                    f"Duplicate period: line {earlier} already gives {target.code} for this unit in the "
                    f"period starting {period.isoformat()}",
                )
            )
            continue
        first_line[key] = line
        points.append(point)
    if file_problems:
        problems.extend(file_problems)
        problems.sort(key=lambda p: p.line or 0)
    if progress is not None:
        progress("validating", result.rows, result.rows)
    return result


def _plain_point(
    target: _Target, period: dt.date, value: Any, numerator: Any, denominator: Any
) -> DataPoint | None:
    """The point when its cells are plainly right, as nearly all are; None sends the row to `_check_data`.

    A million-row import spends its time here, so this path makes no message and no copies.
    """
    try:
        if target.shape == DataShape.VALUE:
            if (
                numerator in BLANK
                and denominator in BLANK
                and value not in BLANK
                and value.__class__ is not bool
            ):
                number = float(value)
                if number - number == 0:  # finite: NaN and infinities are not
                    return DataPoint(target.measure_id, period, value=number)
        elif value in BLANK and numerator not in BLANK and denominator not in BLANK:
            n, d = float(numerator), float(denominator)
            plain = n - n == 0 and d - d == 0 and n >= 0 and d > 0 and not (target.proportion and n > d)
            if plain and numerator.__class__ is not bool and denominator.__class__ is not bool:
                return DataPoint(target.measure_id, period, numerator=n, denominator=d)
    except (TypeError, ValueError):
        pass
    return None


def _check_data(
    line: int,
    target: _Target,
    period: dt.date,
    raw: dict[str, Any],
    given: set[str],
    problems: list[Problem],
) -> DataPoint | None:
    before = len(problems)

    def fail(column: str, message: str) -> None:
        problems.append(Problem(line, column, _text(raw[column]), message))

    if target.shape == DataShape.VALUE:
        for column in ("numerator", "denominator"):
            if column in given:
                fail(
                    column,
                    f"{target.code} takes one value per period, not a numerator and a denominator: "
                    f"put the figure in value and leave {column} empty",
                )
        if "value" not in given:
            fail("value", f"A value is required: {target.code} takes one value per period")
            return None
        value = parse_number(raw["value"])
        if isinstance(value, str):
            fail("value", value)
        if len(problems) > before or isinstance(value, str):
            return None
        return DataPoint(target.measure_id, period, value=value)
    if "value" in given:
        fail(
            "value",
            f"{target.code} takes a numerator and a denominator, not a value: put them in "
            "numerator and denominator and leave value empty",
        )
    numbers: dict[str, float] = {}
    for column in ("numerator", "denominator"):
        if column not in given:
            fail(column, f"A {column} is required: {target.code} takes a numerator and a denominator")
            continue
        number = parse_number(raw[column])
        if isinstance(number, str):
            fail(column, number)
        else:
            numbers[column] = number
    numerator, denominator = numbers.get("numerator"), numbers.get("denominator")
    if numerator is not None and numerator < 0:
        fail("numerator", "The numerator cannot be below zero: it counts events")
    if denominator is not None and denominator == 0:
        fail("denominator", "The denominator is zero: a ratio needs a denominator above zero")
    elif denominator is not None and denominator < 0:
        fail("denominator", "The denominator must be above zero")
    elif numerator is not None and denominator is not None and target.proportion and numerator > denominator:
        fail(
            "numerator",
            f"The numerator ({numerator:g}) is above the denominator ({denominator:g}): "
            f"{target.code} is a proportion, which cannot be more than all of its denominator",
        )
    if len(problems) > before or numerator is None or denominator is None:
        return None
    return DataPoint(target.measure_id, period, numerator=numerator, denominator=denominator)


def entry_row(
    *, measure: Measure, period: Any, value: Any = None, numerator: Any = None, denominator: Any = None
) -> dict[str, Any]:
    """One row for `validate_rows` from a form on a measure's page."""
    return {
        "measure": measure.definition.code,
        "unit": measure.unit.code,
        "period": period,
        "value": value,
        "numerator": numerator,
        "denominator": denominator,
    }
