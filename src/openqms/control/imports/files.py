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
from openqms.tables import Problem, header_problems, spreadsheet_text

REQUIRED = ("measure", "unit", "period")
WHAT = "a measure data file"
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# What a workbook may expand to: the upload limit applies to the compressed file, and a few hundred
# kilobytes of zip can hold gigabytes of repeated XML. openpyxl holds the shared strings in memory
# even in read-only mode, so they have a bound of their own. zipfile never inflates an entry past
# the size its header declares, so checking the declared sizes bounds what is read.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_SHARED_STRINGS = 20 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one upload through the web may hold; the command line (openqms import-data) has none."""

    rows: int = 100_000
    cells: int = 1_000_000


UPLOAD_LIMITS = Limits()
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


def _bounded(
    records: Iterator[tuple[int, Sequence[Any]]], problems: list[Problem], limits: Limits | None
) -> Iterator[tuple[int, Sequence[Any]]]:
    """The records until the file passes a limit: then one problem says so and reading stops."""
    if limits is None:
        yield from records
        return
    cells = 0
    for count, (line, record) in enumerate(records, start=1):
        cells += len(record)
        if count > limits.rows or cells > limits.cells:
            what = f"{limits.rows:,} rows" if count > limits.rows else f"{limits.cells:,} cells"
            problems.append(
                Problem(
                    line,
                    "",
                    "",
                    f"The file holds more than {what}, the most an upload may hold; the rest was not "
                    "read: split it, or ask an administrator to load it with openqms import-data",
                )
            )
            return
        yield line, record


def _start(
    records: Iterator[tuple[int, Sequence[Any]]], problems: list[Problem], limits: Limits | None = None
) -> DataFile:
    records = _bounded(records, problems, limits)
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


def read_csv(text: IO[str], limits: Limits | None = None) -> DataFile:
    """A CSV text stream; open files with encoding='utf-8-sig' and newline='' so a BOM is dropped."""
    problems: list[Problem] = []
    return _start(_csv_records(text, problems), problems, limits)


def _xlsx_records(sheet: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    for line, record in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield line, [cell.strip() if isinstance(cell, str) else cell for cell in record]


def expansion_problem(stream: IO[bytes]) -> Problem | None:
    """A workbook that would expand past what may be read, told from its zip directory alone."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # load_workbook says it cannot be read
    finally:
        stream.seek(0)
    total = sum(entry.file_size for entry in entries)
    shared = sum(entry.file_size for entry in entries if entry.filename.lower().endswith("sharedstrings.xml"))
    if total > MAX_UNCOMPRESSED or shared > MAX_SHARED_STRINGS:
        return Problem(
            None,
            "",
            "",
            f"The workbook expands to {total // 1024 // 1024:,} MB when opened, more than can be read "
            f"(at most {MAX_UNCOMPRESSED // 1024 // 1024} MB, of which {MAX_SHARED_STRINGS // 1024 // 1024} "
            "MB of text): save it again as CSV, or split it",
        )
    return None


def read_xlsx(stream: IO[bytes], limits: Limits | None = None) -> DataFile:
    """The first worksheet of an Excel workbook; dates may be real Excel dates or text."""
    from openpyxl import load_workbook

    too_large = expansion_problem(stream)
    if too_large is not None:
        return DataFile(problems=[too_large])
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return DataFile(
            problems=[Problem(None, "", "", "This is not an Excel workbook (.xlsx) that can be read")]
        )
    if not workbook.worksheets:
        return DataFile(problems=[Problem(None, "", "", "The workbook has no worksheet")])
    sheet = workbook.worksheets[0]
    # The sheet's own dimension (A1:XFD1048576) would pad every row to its width and add every row up
    # to its height: only the cells the file really holds are read.
    sheet.reset_dimensions()
    return _start(_xlsx_records(sheet), [], limits)


def read_upload(data: bytes, filename: str) -> DataFile:
    """An uploaded file, CSV or Excel, told apart by its content rather than trusted by its name."""
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(io.BytesIO(data), UPLOAD_LIMITS)
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
    return read_csv(io.StringIO(text, newline=""), UPLOAD_LIMITS)


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
    writer.writerow([spreadsheet_text(name) for name in names])
    for row in rows:
        writer.writerow([spreadsheet_text(_cell(v)) for v in row])
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
            if isinstance(value, str):
                # openpyxl takes any text starting with "=" for a formula unless told it is text; as
                # text, Excel shows it as typed and never runs it, so it needs no quote (the CSV does).
                cell.data_type = "s"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_problems_csv(problems: Iterable[Sequence[Any]]) -> bytes:
    """The problem list as a CSV file, to work through beside the spreadsheet."""
    return write_csv(["row", "column", "value", "problem"], problems)
