"""Measures and data for the control page tests, made through the services as a user would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openqms.control.imports.checks import DataPoint
from openqms.control.models import Measure, MeasureDefinition
from openqms.control.services.data import save_data
from openqms.control.services.measures import add_measure
from openqms.organisations.models import Unit
from tests.control.factories import definition, month


def measure(unit: Unit, defn: MeasureDefinition | None = None, **fields: Any) -> Measure:
    defn = defn or definition(unit, **fields)
    return add_measure(actor=None, definition=defn, unit=unit)


def months(n: int, start: dt.date = dt.date(2023, 1, 1)) -> list[dt.date]:
    return [month(start, i) for i in range(n)]


def monthly_values(m: Measure, values: list[float], start: dt.date = dt.date(2023, 1, 1)) -> None:
    points = [
        DataPoint(measure_id=m.pk, period_start=d, value=v)
        for d, v in zip(months(len(values), start), values, strict=True)
    ]
    save_data(actor=None, points=points)


def monthly_ratios(
    m: Measure, pairs: list[tuple[float, float]], start: dt.date = dt.date(2023, 1, 1)
) -> None:
    points = [
        DataPoint(measure_id=m.pk, period_start=d, numerator=n, denominator=den)
        for d, (n, den) in zip(months(len(pairs), start), pairs, strict=True)
    ]
    save_data(actor=None, points=points)


STEADY = [10.0, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 10, 10]
# A run of high values at the end: a concern when lower is better.
RISING = [10.0, 11, 9, 10, 12, 10, 9, 11, 10, 10, 11, 9, 10, 10, 30]


def person_on(unit: Unit, role: str) -> Any:
    from openqms.access import services as access
    from openqms.people import services as people

    person = people.create_person(
        actor=None,
        username=f"{role}-{unit.code}".lower(),
        full_name=f"{role} {unit.code}",
        password="x-Quality-2026",
    )
    access.grant_role(actor=None, person=person, unit=unit, role=role, starts_on=dt.date(2024, 1, 1))
    return person
