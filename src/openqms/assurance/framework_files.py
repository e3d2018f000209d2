"""Reading an external framework from a file: CSV (one requirement a row) or JSON.

The format is documented in docs/frameworks.md. Every problem is collected with where it is (the
line a spreadsheet or editor shows, and the column or field) so that the person sees them all at
once; a file with any problem loads nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openqms.nhsuk.ids import MAX_JSON_DEPTH, depth_of

FRAMEWORK_COLUMNS = ("framework_code", "framework_name", "version")
OPTIONAL_FRAMEWORK_COLUMNS = ("publisher", "published_on")
REQUIREMENT_COLUMNS = ("code", "title")
OPTIONAL_REQUIREMENT_COLUMNS = ("section", "text")
ALL_COLUMNS = (
    *FRAMEWORK_COLUMNS,
    *OPTIONAL_FRAMEWORK_COLUMNS,
    *REQUIREMENT_COLUMNS,
    *OPTIONAL_REQUIREMENT_COLUMNS,
)
LIMITS = {
    "framework_code": 40, "framework_name": 200, "version": 40, "publisher": 200,
    "code": 40, "title": 300, "section": 200, "text": 10000,
}  # fmt: skip
MAX_REQUIREMENTS = 5000


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: line (None for the whole file), column or field, the message."""

    line: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where).capitalize()}: {self.message}" if where else self.message


@dataclass(frozen=True)
class RequirementRow:
    line: int
    code: str
    title: str
    section: str = ""
    text: str = ""


@dataclass
class FrameworkFile:
    code: str = ""
    name: str = ""
    version: str = ""
    publisher: str = ""
    published_on: dt.date | None = None
    requirements: list[RequirementRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.requirements)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _check_length(line: int, column: str, value: str, problems: list[Problem]) -> None:
    limit = LIMITS.get(column)
    if limit and len(value) > limit:
        problems.append(Problem(line, column, f"must be {limit} characters or fewer (it has {len(value)})"))


class _Builder:
    """Checks rows one at a time, the same way for CSV and JSON."""

    def __init__(self, result: FrameworkFile) -> None:
        self.result = result
        self.codes: dict[str, int] = {}
        self.first_line: int | None = None

    def framework(self, line: int, values: dict[str, str], *, every_row: bool) -> None:
        r, problems = self.result, self.result.problems
        for column in FRAMEWORK_COLUMNS:
            if not values.get(column):
                problems.append(
                    Problem(
                        line,
                        column,
                        f"is empty: every {'row' if every_row else 'file'} needs the framework's "
                        f"{column.replace('_', ' ')}",
                    )
                )
        for column in (*FRAMEWORK_COLUMNS, *OPTIONAL_FRAMEWORK_COLUMNS):
            _check_length(line, column, values.get(column, ""), problems)
        published = values.get("published_on", "")
        published_on = _date(published) if published else None
        if published and published_on is None:
            problems.append(
                Problem(line, "published_on", f"“{published}” is not a date in the form 2026-04-01")
            )
        if self.first_line is None:
            self.first_line = line
            r.code, r.name, r.version = (
                values.get("framework_code", ""),
                values.get("framework_name", ""),
                values.get("version", ""),
            )
            r.publisher, r.published_on = values.get("publisher", ""), published_on
            return
        held_values = (
            ("framework_code", r.code), ("framework_name", r.name),
            ("version", r.version), ("publisher", r.publisher),
        )  # fmt: skip
        for column, held in held_values:
            value = values.get(column, "")
            if value and held and value != held:
                problems.append(
                    Problem(
                        line,
                        column,
                        f"“{value}” differs from “{held}” on line {self.first_line}: "
                        "a file holds one framework version",
                    )
                )

    def requirement(self, line: int, values: dict[str, str]) -> None:
        problems = self.result.problems
        code, title = values.get("code", ""), values.get("title", "")
        if not code:
            problems.append(
                Problem(line, "code", "is empty: every requirement needs a code, for example S1.2")
            )
        elif code in self.codes:
            problems.append(
                Problem(
                    line,
                    "code",
                    f"“{code}” is also on line {self.codes[code]}: codes must be unique in a framework",
                )
            )
        else:
            self.codes[code] = line
        if not title:
            problems.append(Problem(line, "title", "is empty: every requirement needs a title"))
        for column in (*REQUIREMENT_COLUMNS, *OPTIONAL_REQUIREMENT_COLUMNS):
            _check_length(line, column, values.get(column, ""), problems)
        if len(self.result.requirements) >= MAX_REQUIREMENTS:
            problems.append(
                Problem(line, "", f"a framework may hold at most {MAX_REQUIREMENTS} requirements")
            )
            return
        self.result.requirements.append(
            RequirementRow(line, code, title, values.get("section", ""), values.get("text", ""))
        )


def read_csv(text: str, progress: Callable[[int], None] | None = None) -> FrameworkFile:
    result = FrameworkFile()
    builder = _Builder(result)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: Iterator[list[str]] = iter(reader)
    try:
        header = next(rows, None)
    except csv.Error as exc:
        result.problems.append(Problem(1, "", f"cannot be read as CSV ({exc})"))
        return result
    if header is None or not any(h.strip() for h in header):
        result.problems.append(
            Problem(None, "", "The file is empty: it needs a header row and one row a requirement")
        )
        return result
    names = [h.strip().lower() for h in header]
    for index, name in enumerate(names, start=1):
        if not name:
            result.problems.append(Problem(1, f"{index}", "has no name in the header"))
        elif name not in ALL_COLUMNS:
            result.problems.append(
                Problem(
                    1, name, f"is not a column of a framework file; the columns are {', '.join(ALL_COLUMNS)}"
                )
            )
        elif names.index(name) != index - 1:
            result.problems.append(Problem(1, name, "appears twice in the header"))
    for column in (*FRAMEWORK_COLUMNS, *REQUIREMENT_COLUMNS):
        if column not in names:
            result.problems.append(Problem(1, column, "is missing from the header"))
    if result.problems:
        return result
    line = 2
    try:
        for record in rows:
            if any(cell.strip() for cell in record):
                if len(record) != len(names):
                    result.problems.append(
                        Problem(line, "", f"has {len(record)} cells; the header has {len(names)} columns")
                    )
                else:
                    values = {n: c.strip() for n, c in zip(names, record, strict=True)}
                    builder.framework(line, values, every_row=True)
                    builder.requirement(line, values)
                if progress:
                    progress(1)
            line = reader.line_num + 1
    except csv.Error as exc:
        result.problems.append(Problem(line, "", f"cannot be read as CSV ({exc}); the rest was not read"))
    if not result.requirements and not result.problems:
        result.problems.append(Problem(None, "", "The file has a header but no requirements"))
    return result


def _json_lines(text: str) -> list[int]:
    """The line on which each requirement object starts, found by scanning for its opening brace."""
    lines, depth, line, in_string, escape = [], 0, 1, False, False
    in_requirements = False
    key_seen = text.find('"requirements"')
    for index, ch in enumerate(text):
        if ch == "\n":
            line += 1
        if in_string:
            escape = (ch == "\\") and not escape
            if ch == '"' and not escape:
                in_string = False
            continue
        if ch == '"':
            in_string, escape = True, False
        elif ch in "[{":
            depth += 1
            if ch == "[" and depth == 2 and index > key_seen >= 0:
                in_requirements = True
            elif ch == "{" and depth == 3 and in_requirements:
                lines.append(line)
        elif ch in "]}":
            depth -= 1
            if depth == 1:
                in_requirements = False
    return lines


def read_json(text: str, progress: Callable[[int], None] | None = None) -> FrameworkFile:
    result = FrameworkFile()
    if depth_of(text) > MAX_JSON_DEPTH:
        result.problems.append(
            Problem(1, "", f"nests more than {MAX_JSON_DEPTH} levels deep: this is not a framework file")
        )
        return result
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(exc.lineno, f"character {exc.colno}", f"is not valid JSON: {exc.msg}"))
        return result
    if not isinstance(data, dict):
        result.problems.append(
            Problem(
                1, "", "The file must hold one JSON object with the framework's fields and its requirements"
            )
        )
        return result
    builder = _Builder(result)
    head = {k: _text(data.get(k)) for k in ("code", "name", "version", "publisher", "published_on")}
    builder.framework(
        1,
        {"framework_code": head["code"], "framework_name": head["name"], "version": head["version"],
         "publisher": head["publisher"], "published_on": head["published_on"]},
        every_row=False,
    )  # fmt: skip
    # In JSON the framework's fields are named without the prefix the CSV needs.
    result.problems[:] = [
        Problem(p.line, p.column.removeprefix("framework_"), p.message) for p in result.problems
    ]
    requirements = data.get("requirements")
    if not isinstance(requirements, list) or not requirements:
        result.problems.append(Problem(1, "requirements", "must be a list of at least one requirement"))
        return result
    starts = _json_lines(text)
    for index, item in enumerate(requirements):
        line = starts[index] if index < len(starts) else 1
        if not isinstance(item, dict):
            result.problems.append(
                Problem(line, f"requirements[{index + 1}]", "must be an object with code and title")
            )
            continue
        unknown = sorted(set(item) - {"code", "title", "section", "text"})
        for name in unknown:
            result.problems.append(
                Problem(
                    line, name, "is not a field of a requirement; the fields are code, title, section, text"
                )
            )
        builder.requirement(line, {k: _text(item.get(k)) for k in ("code", "title", "section", "text")})
        if progress:
            progress(1)
    return result


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def read_file(
    data: bytes, filename: str = "", progress: Callable[[int], None] | None = None
) -> FrameworkFile:
    """A framework file, CSV or JSON, told apart by its content rather than its name."""
    if b"\x00" in data[:8192]:
        return FrameworkFile(
            problems=[Problem(None, "", "This is not a text file: upload a CSV or JSON file")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return FrameworkFile(
            problems=[
                Problem(
                    line, "", "is not UTF-8 text from here on: save the file as UTF-8 (CSV UTF-8 in Excel)"
                )
            ]
        )
    if "\x00" in text:
        return FrameworkFile(
            problems=[Problem(None, "", "This is not a text file: upload a CSV or JSON file")]
        )
    if text.lstrip().startswith(("{", "[")):
        return read_json(text, progress)
    return read_csv(text, progress)


def count_rows(data: bytes) -> int:
    """About how many requirements a file holds, for a progress bar."""
    return max(data.count(b"\n"), 1)
