"""CSV imports of the unit tree and of people with their roles (the formats: docs/imports.md).

An import is all or nothing. The whole file is checked first and every bad row is reported by
line and column; if any row is bad nothing is written. Otherwise everything is written in one
transaction, with an audit entry for each new unit, person and role.
"""

from openqms.administration.imports.people import COLUMNS as PEOPLE_COLUMNS
from openqms.administration.imports.people import import_people
from openqms.administration.imports.reading import MAX_BYTES, MAX_ROWS, ImportReport
from openqms.administration.imports.units import COLUMNS as UNIT_COLUMNS
from openqms.administration.imports.units import import_units
from openqms.tables import Problem

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "PEOPLE_COLUMNS",
    "UNIT_COLUMNS",
    "ImportReport",
    "Problem",
    "import_people",
    "import_units",
]
