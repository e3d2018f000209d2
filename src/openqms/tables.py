"""What every upload of a table shares: a problem found in it, and the checks of its header.

Measure data files (control), the unit tree and people (administration) are all tables with a
header row; a person fixing one should meet the same words for the same mistake in each. Pure
Python: any app may use it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection"): a cell of text that
# people typed must never begin with one when a download is opened in Excel.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+(\.\d+)?")


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (line or row; None for the whole file), which column, what it held, why."""

    line: int | None
    column: str
    value: str
    message: str


def separator_problem(line: int, names: Sequence[str]) -> Problem | None:
    """A header read as one column holding a separator: the file was saved with semicolons or tabs."""
    if len(names) == 1 and any(separator in names[0] for separator in ";\t|"):
        return Problem(line, "", names[0], "The columns are not separated by commas: save the file as CSV")
    return None


def header_problems(
    line: int,
    names: Sequence[str],
    *,
    columns: Sequence[str],
    required: Sequence[str] | None = None,
    informational: Sequence[str] = (),
    what: str,
) -> list[Problem]:
    """Everything wrong with a header of lower-cased, stripped `names`.

    `columns` are the table's columns, named in the messages; `required` those that must be there
    (all of `columns` unless given); `informational` columns are accepted and ignored (a template's
    names beside its codes). No column may appear twice or be unknown. `what` names the table in the
    messages ("this import", "a measure data file").
    """
    wrong_separator = separator_problem(line, names)
    if wrong_separator is not None:
        return [wrong_separator]
    known = (*columns, *informational)
    # A misspelt column is one of those not in the header: only they are worth suggesting.
    absent = [c for c in known if c not in names]
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in names:
        if not name:
            problems.append(Problem(line, "", "", "A column in the header has no name"))
        elif name in seen:
            problems.append(Problem(line, name, name, "This column appears twice in the header"))
        elif name not in known:
            close = difflib.get_close_matches(name, absent, n=1)
            hint = f": did you mean {close[0]}?" if close else f": the columns are {', '.join(columns)}"
            problems.append(Problem(line, name, name, f"Not a column of {what}{hint}"))
        seen.add(name)
    for column in columns if required is None else required:
        if column not in names:
            problems.append(Problem(line, column, "", f"The header has no {column} column"))
    return problems


def spreadsheet_text(value: Any) -> Any:
    """A cell for a CSV or Excel download: text that would start a formula gets a leading quote.

    Numbers are left alone (a negative number is data), and so is text that is a plain number
    ("-3.5"), which a spreadsheet reads as that number and never as a formula. Every writer of a
    download passes its cells through here.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
