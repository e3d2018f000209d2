"""Reads for the measure data pages: the measures a person may add data to, and data-file templates.

A template lists a measure's periods from three years back to three months ahead: the periods
with data carry them (so the file doubles as a correction sheet), the others are empty rows to
fill in. An upload leaves rows without data alone, so a half-filled template imports cleanly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.control.models import DataShape, Frequency, Measure, Observation
from openqms.organisations.models import Unit

YEARS_BACK = 3
MONTHS_AHEAD = 3


def measures_to_fill(user: Any, unit: Unit) -> QuerySet[Measure]:
    """The unit's own measures that the person may add data to."""
    measures = Measure.objects.filter(
        unit=unit, archived_at__isnull=True, definition__archived_at__isnull=True
    )
    return (
        policy.visible(user, policy.Permission.CONTRIBUTE, measures)
        .select_related("definition", "unit")
        .order_by("definition__name")
    )


def _months_from(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_starts(frequency: str, today: dt.date) -> list[dt.date]:
    """Every period start of this frequency from three years ago to three months ahead."""
    first = _months_from(today.replace(day=1), -12 * YEARS_BACK)
    last = _months_from(today.replace(day=1), MONTHS_AHEAD + 1) - dt.timedelta(days=1)
    if frequency == Frequency.MONTHLY:
        return [_months_from(first, i) for i in range(12 * YEARS_BACK + MONTHS_AHEAD + 1)]
    step = dt.timedelta(weeks=1) if frequency == Frequency.WEEKLY else dt.timedelta(days=1)
    day = first + dt.timedelta(days=-first.weekday() % 7) if frequency == Frequency.WEEKLY else first
    days = []
    while day <= last:
        days.append(day)
        day += step
    return days


def template_columns(measures: Sequence[Measure]) -> list[str]:
    shapes = {m.definition.data_shape for m in measures}
    data = []
    if DataShape.VALUE in shapes or not shapes:
        data.append("value")
    if DataShape.RATIO in shapes:
        data += ["numerator", "denominator"]
    return ["measure", "unit", "period", *data, "measure_name"]


def template_rows(measures: Sequence[Measure], columns: Sequence[str], today: dt.date) -> Iterator[list[Any]]:
    """The template's rows, in measure then period order, with the data already held."""
    if not measures:
        return
    first = _months_from(today.replace(day=1), -12 * YEARS_BACK) - dt.timedelta(days=6)
    held: dict[int, dict[dt.date, tuple[float | None, ...]]] = defaultdict(dict)
    for measure_id, period, value, numerator, denominator in Observation.objects.filter(
        measure__in=measures, period_start__gte=first
    ).values_list("measure_id", "period_start", "value", "numerator", "denominator"):
        held[measure_id][period] = (value, numerator, denominator)
    for measure in measures:
        definition = measure.definition
        data = held.get(measure.pk, {})
        periods = sorted(set(period_starts(definition.frequency, today)) | set(data))
        for period in periods:
            value, numerator, denominator = data.get(period, (None, None, None))
            cells = {
                "measure": definition.code,
                "unit": measure.unit.code,
                "period": period,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "measure_name": definition.name,
            }
            yield [cells[c] for c in columns]
