"""Measures for tests, made through the services so that audit and SPC behave as in production."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openqms.control.imports.checks import DataPoint
from openqms.control.models import Measure, MeasureDefinition
from openqms.control.services.data import save_data
from openqms.control.services.measures import add_measure, create_definition
from openqms.organisations.models import Unit

_counter = {"n": 0}


def definition(owner_unit: Unit, **overrides: Any) -> MeasureDefinition:
    _counter["n"] += 1
    fields: dict[str, Any] = {
        "code": f"M{_counter['n']}",
        "name": f"Inpatient falls {_counter['n']}",
        "definition": "Falls of inpatients, from the incident system, per 1,000 occupied bed days.",
        "unit_of_measurement": "falls per 1,000 bed days",
        "measure_type": "outcome",
        "quality_domain": "safe",
        "direction": "decrease",
        "frequency": "monthly",
        "data_shape": "value",
    }
    fields.update(overrides)
    return create_definition(actor=None, owner_unit=owner_unit, **fields)


def measure(
    unit: Unit, values: Sequence[float | None] = (), start: dt.date = dt.date(2023, 1, 1), **overrides: Any
) -> Measure:
    """A monthly measure on the unit with the given values from `start`."""
    owner = unit.ancestors().first() or unit
    m = add_measure(actor=None, definition=definition(owner, **overrides), unit=unit)
    if values:
        save_data(
            actor=None,
            points=[DataPoint(m.pk, month(start, i), value=v) for i, v in enumerate(values)],
        )
    return m


def month(start: dt.date, offset: int) -> dt.date:
    index = start.year * 12 + start.month - 1 + offset
    return dt.date(index // 12, index % 12 + 1, 1)
