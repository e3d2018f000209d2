"""Reading a chart's data from CSV, with errors that name the line and the column.

The CSV has a header with an `x` column (a date, a number or a label) and either `value` or
`numerator` and `denominator`. An empty cell (or `NA`) is a missing value. For xbar and s charts
consecutive rows sharing an `x` are the observations of one subgroup; for every other chart an
`x` may appear only once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from openqms.spc.types import ChartType, Series, XLabel

__all__ = ["CsvError", "CsvSeries", "parse_csv", "read_csv"]

MISSING = frozenset({"", "na", "nan"})
RATIO_CHARTS = frozenset({ChartType.P, ChartType.PP, ChartType.U, ChartType.UP})
SUBGROUP_CHARTS = frozenset({ChartType.XBAR, ChartType.S})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^[+-]?\d+$")


class CsvError(ValueError):
    """Bad input, with the CSV line number (1 = the header) and column when they are known."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None) -> None:
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class CsvSeries:
    """The series read from a CSV, and for each subgroup the `x` text and the line it starts on."""

    series: Series
    x_text: tuple[str, ...]  # one per subgroup, as written in the file
    lines: tuple[int, ...]  # CSV line of each subgroup's first row

    def subgroup_of_x(self, text: str) -> int | None:
        try:
            return self.x_text.index(text.strip())
        except ValueError:
            return None


def _number(text: str, line: int, column: str) -> float | None:
    t = text.strip()
    if t.lower() in MISSING:
        return None
    try:
        v = float(t)
    except ValueError:
        raise CsvError(f"'{t}' is not a number", line=line, column=column) from None
    if not math.isfinite(v):
        raise CsvError(f"'{t}' is not a finite number", line=line, column=column)
    return v


def _x_labels(texts: list[str]) -> tuple[XLabel, ...]:
    """Dates if every x is an ISO date, numbers if every x is a number, otherwise the text."""
    if all(_ISO_DATE.match(t) for t in texts):
        try:
            return tuple(dt.date.fromisoformat(t) for t in texts)
        except ValueError:
            pass
    try:
        return tuple(int(t) if _INT.match(t) else float(t) for t in texts)
    except ValueError:
        return tuple(texts)


def parse_csv(text: str, chart: ChartType = ChartType.XMR) -> CsvSeries:
    return read_rows(csv.reader(io.StringIO(text)), chart)


def read_csv(path: str, chart: ChartType = ChartType.XMR) -> CsvSeries:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            return read_rows(csv.reader(f), chart)
    except OSError as e:
        raise CsvError(f"cannot read {path}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise CsvError(f"{path} is not UTF-8 text") from None


def read_rows(rows: Iterable[list[str]], chart: ChartType) -> CsvSeries:
    it = iter(rows)
    try:
        header = [h.strip() for h in next(it)]
    except StopIteration:
        raise CsvError("the file is empty", line=1) from None
    except csv.Error as e:
        raise CsvError(f"not valid CSV: {e}", line=1) from None
    columns = {name: i for i, name in enumerate(header)}
    if "x" not in columns:
        raise CsvError("there is no 'x' column", line=1, column="x")
    ratio = "numerator" in columns or "denominator" in columns
    if ratio:
        for need in ("numerator", "denominator"):
            if need not in columns:
                raise CsvError(
                    f"there is no '{need}' column (numerator and denominator go together)",
                    line=1,
                    column=need,
                )
    elif "value" not in columns:
        raise CsvError(
            "there is no 'value' column (nor 'numerator' and 'denominator')", line=1, column="value"
        )
    if chart in RATIO_CHARTS and not ratio:
        raise CsvError(
            f"a {chart.value} chart needs 'numerator' and 'denominator' columns", line=1, column="numerator"
        )

    x_of_row: list[str] = []
    line_of_row: list[int] = []
    values: list[float | None] = []
    denominators: list[float | None] = []
    line = 1
    try:
        for row in it:
            line += 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise CsvError(f"has {len(row)} cells, the header has {len(header)}", line=line)
            x = row[columns["x"]].strip()
            if not x:
                raise CsvError("x is empty", line=line, column="x")
            if ratio:
                num = _number(row[columns["numerator"]], line, "numerator")
                den = _number(row[columns["denominator"]], line, "denominator")
                if den is not None and den <= 0:
                    raise CsvError(
                        f"the denominator must be above zero, got {row[columns['denominator']].strip()}",
                        line=line,
                        column="denominator",
                    )
                if num is not None and num < 0:
                    raise CsvError("the numerator must not be negative", line=line, column="numerator")
                if num is None or den is None:
                    num = den = None
                values.append(num)
                denominators.append(den)
            else:
                values.append(_number(row[columns["value"]], line, "value"))
            x_of_row.append(x)
            line_of_row.append(line)
    except csv.Error as e:
        raise CsvError(f"not valid CSV: {e}", line=line) from None

    x_text: list[str] = []
    lines: list[int] = []
    seen: set[str] = set()
    for i, x in enumerate(x_of_row):
        if x_text and x == x_text[-1] and chart in SUBGROUP_CHARTS:
            continue
        if x in seen:
            if chart in SUBGROUP_CHARTS:
                raise CsvError(
                    f"x '{x}' appears again after other subgroups; a subgroup's rows must be "
                    "next to each other",
                    line=line_of_row[i],
                    column="x",
                )
            raise CsvError(
                f"x '{x}' appears twice (only xbar and s charts take several rows per x)",
                line=line_of_row[i],
                column="x",
            )
        seen.add(x)
        x_text.append(x)
        lines.append(line_of_row[i])
    if len(x_text) < 2:
        raise CsvError(
            f"a {chart.value} chart needs at least 2 points, the file has {len(x_text)}", column="x"
        )
    present = [v for v in values if v is not None]
    if len(present) < 2:
        raise CsvError(
            f"a {chart.value} chart needs at least 2 values, the file has {len(present)}",
            column="numerator" if ratio else "value",
        )

    labels = dict(zip(x_text, _x_labels(x_text), strict=True))
    xs = tuple(labels[x] for x in x_of_row)
    if ratio and chart not in RATIO_CHARTS:
        # Charts of single values (xmr, i, run, ...) plot the ratio itself, as NHSRplotthedots does on y/n.
        ratios = tuple(
            None if v is None or d is None else v / d for v, d in zip(values, denominators, strict=True)
        )
        series = Series(x=xs, values=ratios)
    elif ratio:
        series = Series(x=xs, values=tuple(values), denominators=tuple(denominators))
    else:
        series = Series(x=xs, values=tuple(values))
    return CsvSeries(series=series, x_text=tuple(x_text), lines=tuple(lines))
