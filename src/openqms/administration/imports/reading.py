"""Reading an uploaded CSV file into rows, and what every import shares (problems, the report).

Checks run against data fetched once per file (codes, usernames, roles), never one query per row,
so a file of ten thousand rows is checked in a few queries. A unit or person outside what the
administrator administers is reported exactly as one that does not exist, so an import cannot be
used to learn what other parts of the organisation contain.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from openqms.access import policy
from openqms.organisations.models import Organisation
from openqms.people.models import User
from openqms.tables import Problem, header_problems

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


class Check:
    """The checks on one row; remembers whether any failed."""

    def __init__(self, row: Row, problems: list[Problem]) -> None:
        self.row, self.problems, self.ok = row, problems, True

    def fail(self, column: str, message: str, value: str | None = None) -> None:
        self.ok = False
        shown = self.row.values.get(column, "") if value is None else value
        self.problems.append(Problem(self.row.line, column, shown, message))

    def text(self, column: str, max_length: int, *, required: bool = True) -> str:
        value = self.row.values.get(column, "")
        if required and not value:
            self.fail(column, f"A value is required in {column}")
        elif len(value) > max_length:
            self.fail(column, f"Too long: {len(value)} characters, where the most is {max_length}")
        return value

    def date(self, column: str, *, required: bool) -> dt.date | None:
        value = self.row.values.get(column, "")
        if not value:
            if required:
                self.fail(column, f"A date is required in {column}, like 2026-04-01")
            return None
        if not ISO_DATE.fullmatch(value):
            self.fail(column, "Not a date in the form YYYY-MM-DD, like 2026-04-01")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(column, "Not a real date")
            return None


# Reading the file ---------------------------------------------------------------------------------


def read_table(data: bytes, columns: Sequence[str]) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV file whose header names exactly these columns (in any order)."""
    if len(data) > MAX_BYTES:
        return [], [
            Problem(None, "", "", f"The file is larger than {MAX_BYTES // 1024 // 1024} MB: split it")
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return [], [
            Problem(
                line,
                "",
                "",
                "The file is not in UTF-8 (the first character it cannot read is on this line): "
                "save it again as 'CSV UTF-8 (comma delimited)'",
            )
        ]
    records: list[tuple[int, list[str]]] = []
    start = 1
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for record in reader:
            if any(value.strip() for value in record):
                records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        return [], [Problem(start, "", "", f"This line cannot be read as CSV ({exc})")]
    if not records:
        return [], [Problem(None, "", "", "The file is empty: it needs a header line and at least one row")]
    header_line, header = records[0]
    names = [name.strip().lower() for name in header]
    problems = header_problems(header_line, names, columns=columns, what="this import")
    if problems:
        return [], problems
    if len(records) == 1:
        return [], [Problem(None, "", "", "The file has a header but no rows")]
    if len(records) - 1 > MAX_ROWS:
        return [], [
            Problem(
                None, "", "", f"The file has {len(records) - 1:,} rows; the most is {MAX_ROWS:,}: split it"
            )
        ]
    rows: list[Row] = []
    for line, record in records[1:]:
        # Spreadsheets often leave empty cells after the last column; only values count.
        while len(record) > len(names) and not record[-1].strip():
            record = record[:-1]
        if len(record) != len(names):
            problems.append(
                Problem(
                    line, "", "", f"This row has {len(record)} values; the header has {len(names)} columns"
                )
            )
            continue
        rows.append(Row(line, {name: value.strip() for name, value in zip(names, record, strict=True)}))
    return rows, problems


def administered_unit_ids(actor: User | None, organisation: Organisation) -> set[int]:
    units = policy.units_where(actor, policy.Permission.ADMINISTER).filter(organisation=organisation)
    return set(units.values_list("pk", flat=True))


def in_one_transaction(check_and_write: Callable[[], ImportReport]) -> ImportReport:
    """Check and write in one transaction, so nothing can change between the checks and the writes."""
    try:
        with transaction.atomic():
            report = check_and_write()
    except IntegrityError:
        # A clash the checks did not see: someone created the same code or username meanwhile.
        return ImportReport(
            problems=[
                Problem(
                    None,
                    "",
                    "",
                    "Someone changed the same data while this file was imported: upload it again",
                )
            ]
        )
    report.problems.sort(key=lambda p: p.line or 0)
    return report
