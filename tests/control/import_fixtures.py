"""Measures for the import tests: Ward A reports falls (monthly values), hand hygiene (a weekly
proportion on a p chart) and pressure ulcers per 1,000 bed days (a monthly rate on a u chart);
Ward B reports falls too. Theatres' "DELAY" measure is defined but Ward A does not report it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest

from openqms.control.models import Measure
from openqms.control.services.measures import add_measure
from tests.control import factories
from tests.personas import Trust


@dataclass
class Measures:
    falls_a: Measure
    falls_b: Measure
    hygiene_a: Measure
    ulcers_a: Measure


@pytest.fixture
def measures(trust: Trust) -> Measures:
    falls = factories.definition(trust.elderly_care, code="FALLS", name="Inpatient falls")
    hygiene = factories.definition(
        trust.elderly_care,
        code="HANDHYG",
        name="Hand hygiene",
        frequency="weekly",
        data_shape="ratio",
        chart_type="p",
        direction="increase",
        multiplier=100.0,
    )
    ulcers = factories.definition(
        trust.elderly_care,
        code="ULCERS",
        name="Pressure ulcers",
        data_shape="ratio",
        chart_type="u",
        multiplier=1000.0,
    )
    factories.definition(trust.surgery, code="DELAY", name="Theatre delays")
    add = add_measure
    return Measures(
        falls_a=add(actor=None, definition=falls, unit=trust.ward_a),
        falls_b=add(actor=None, definition=falls, unit=trust.ward_b),
        hygiene_a=add(actor=None, definition=hygiene, unit=trust.ward_a),
        ulcers_a=add(actor=None, definition=ulcers, unit=trust.ward_a),
    )


def csv_bytes(*rows: list[Any], header: str = "measure,unit,period,value,numerator,denominator") -> bytes:
    out = io.StringIO()
    out.write(header + "\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")
