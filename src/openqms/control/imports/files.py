"""Measure data files: reading CSV and Excel (.xlsx) into rows for `data_entry`, and writing templates.

Reading is lazy (a million-row extract is never held as text twice); problems with the file itself
(its encoding, its header, a row with too many cells) are collected beside the rows, so that the
person sees them together with every problem in the data. Row numbers are those a spreadsheet
shows: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from openqms.control.imports.checks import COLUMNS, INFORMATIONAL
from openqms.tables import Problem, header_problems

REQUIRED = ("measure", "unit", "period")
WHAT = "a measure data file"
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class DataFile:
    """The rows of a file, read as they are asked for, and what was wrong with the file itself."""

    names: list[str] = field(default_factory=list)
    records: Iterable[tuple[int, Sequence[Any]]] = ()
    problems: list[Problem] = field(default_factory=list)

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        names, width = self.names, len(self.names)
        for line, record in self.records:
            if len(record) == width and record[0]:
                # Nearly every row: the right number of cells and a measure code.
                yield line, dict(zip(names, record, strict=True))
                continue
            cells = list(record)
            # Spreadsheets leave empty cells after the last column; only values count.
            while len(cells) > width and (cells[-1] is None or str(cells[-1]).strip() == ""):
                cells.pop()
            if not any(c is not None and str(c).strip() != "" for c in cells):
                continue
            if len(cells) < width:
                # Missing cells at the end are empty ones: what they should hold is checked as such.
                cells += [None] * (width - len(cells))
            if len(cells) != width:
                self.problems.append(
                    Problem(line, "", "", f"This row has {len(cells)} cells; the header has {width} columns")
                )
                continue
            yield line, dict(zip(names, cells, strict=True))


def check_header(line: int, header: Sequence[Any]) -> tuple[list[str], list[Problem]]:
    names = ["" if cell is None else str(cell).strip().lower() for cell in header]
    problems = header_problems(
        line,
        names,
        columns=COLUMNS,
        required=REQUIRED,
        informational=INFORMATIONAL,
        what="a measure data file",
    )
    return names, problems


def _start(records: Iterator[tuple[int, Sequence[Any]]], problems: list[Problem]) -> DataFile:
    for line, record in records:
        if any(c is not None and str(c).strip() != "" for c in record):
            names, header_problems = check_header(line, record)
            if header_problems:
                return DataFile(names, (), problems + header_problems)
            return DataFile(names, records, problems)
    return DataFile([], (), [*problems, Problem(None, "", "", "The file is empty: it needs a header row")])


def _csv_records(text: IO[str], problems: list[Problem]) -> Iterator[tuple[int, Sequence[str]]]:
    reader = csv.reader(text, strict=True)
    line = 1
    try:
        for record in reader:
            # Cells are stripped where they are checked: most never need it.
            yield line, record
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(
            Problem(line, "", "", f"This line cannot be read as CSV ({exc}); the rest was not read")
        )
    except UnicodeDecodeError:
        problems.append(
            Problem(
                line,
                "",
                "",
                "The file is not in UTF-8 from this line on: save it as 'CSV UTF-8 (comma "
                "delimited)'; the rest was not read",
            )
        )


def read_csv(text: IO[str]) -> DataFile:
    """A CSV text stream; open files with encoding='utf-8-sig' and newline='' so a BOM is dropped."""
    problems: list[Problem] = []
    return _start(_csv_records(text, problems), problems)


def _xlsx_records(sheet: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    for line, record in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield line, [cell.strip() if isinstance(cell, str) else cell for cell in record]


def read_xlsx(stream: IO[bytes]) -> DataFile:
    """The first worksheet of an Excel workbook; dates may be real Excel dates or text."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return DataFile(
            problems=[Problem(None, "", "", "This is not an Excel workbook (.xlsx) that can be read")]
        )
    if not workbook.worksheets:
        return DataFile(problems=[Problem(None, "", "", "The workbook has no worksheet")])
    return _start(_xlsx_records(workbook.worksheets[0]), [])


def read_upload(data: bytes, filename: str) -> DataFile:
    """An uploaded file, CSV or Excel, told apart by its content rather than trusted by its name."""
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(io.BytesIO(data))
    if data.startswith(XLS_MAGIC):
        return DataFile(
            problems=[
                Problem(None, "", "", "Old Excel files (.xls) cannot be read: save it as .xlsx or as CSV")
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return DataFile(
            problems=[
                Problem(
                    line,
                    "",
                    "",
                    "The file is not in UTF-8 (the first character that cannot be read is "
                    "on this row): save it as 'CSV UTF-8 (comma delimited)'",
                )
            ]
        )
    return read_csv(io.StringIO(text, newline=""))


# Writing ------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(names: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # A BOM, so that Excel opens the file as UTF-8 (a unit name may have accents); reading drops it.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(names: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Data") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for index, name in enumerate(names):
        sheet.column_dimensions[chr(ord("A") + index)].width = 40 if name.endswith("_name") else 14
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_problems_csv(problems: Iterable[Sequence[Any]]) -> bytes:
    """The problem list as a CSV file, to work through beside the spreadsheet."""
    return write_csv(["row", "column", "value", "problem"], problems)
