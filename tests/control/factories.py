"""Measures for tests, made through the services so that audit and SPC behave as in production."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import factory

from openqms.control.imports.checks import DataPoint
from openqms.control.models import Measure, MeasureDefinition
from openqms.control.services.data import save_data
from openqms.control.services.measures import add_measure, create_definition
from openqms.organisations.models import Unit


class MeasureDefinitionFactory(factory.Factory):
    """A measure definition in the library, created through the service (so it has its audit entry).

    `MeasureDefinitionFactory(owner_unit=unit, name="Falls")`; every other field has a default.
    """

    class Meta:
        model = MeasureDefinition

    code = factory.Sequence(lambda n: f"M{n + 1}")
    name = "Falls"
    definition = "Inpatient falls, with or without harm."
    unit_of_measurement = "falls"
    measure_type = "outcome"
    quality_domain = "safe"
    direction = "decrease"
    frequency = "monthly"
    data_shape = "value"

    @classmethod
    def _create(cls, model_class: type[MeasureDefinition], *args: Any, **kwargs: Any) -> MeasureDefinition:
        owner_unit = kwargs.pop("owner_unit")
        return create_definition(actor=None, owner_unit=owner_unit, **kwargs)


def definition(owner_unit: Unit, **overrides: Any) -> MeasureDefinition:
    return MeasureDefinitionFactory(owner_unit=owner_unit, **overrides)


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
