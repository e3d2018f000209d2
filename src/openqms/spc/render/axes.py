"""Scales and tick marks: "nice" numeric steps, calendar-aligned date ticks, and label formats."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from openqms.spc.types import XLabel

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MANTISSAS = (1.0, 2.0, 2.5, 5.0)


def _widen(lo: float, hi: float) -> tuple[float, float]:
    # A flat series (or one so narrow that float precision is all that differs) still needs an
    # axis with room above and below the line.
    # Spans below 1e-100 are treated as flat too: near the subnormal floats steps lose precision.
    mid = (lo + hi) / 2
    if hi - lo > max(abs(mid) * 1e-9, 1e-100):
        return lo, hi
    pad = abs(mid) * 0.1 if abs(mid) >= 1e-100 else 1.0
    return mid - pad, mid + pad


def nice_ticks(lo: float, hi: float, max_ticks: int = 6, *, integer: bool = False) -> list[float]:
    """Evenly spaced ticks on a 1, 2, 2.5 or 5 times a power of ten step, covering [lo, hi].

    The first tick is at or below `lo`, the last at or above `hi`, and there are at most
    `max(max_ticks, 3)` of them (three is the least that can always cover a range). With
    `integer`, only whole-number steps are used (for counts and sequence numbers).
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("ticks need a finite range")
    lo, hi = _widen(min(lo, hi), max(lo, hi))
    max_ticks = max(max_ticks, 3)
    smallest = math.floor(math.log10((hi - lo) / max_ticks)) - 1
    for exponent in range(smallest, 310):
        for mantissa in _MANTISSAS:
            step = mantissa * 10.0**exponent
            if integer and (step < 1 or step != int(step)):
                continue
            first, last = math.floor(lo / step), math.ceil(hi / step)
            # Division can underflow for values next to zero, so check and nudge outwards.
            first -= first * step > lo
            last += last * step < hi
            if last - first + 1 > max_ticks:
                continue
            # Multiplying integers (rather than adding steps) keeps float error from growing,
            # and rounding to the step's decimals turns 0.30000000000000004 into 0.3.
            decimals = max(0, -exponent + (1 if mantissa == 2.5 else 0))
            ticks = [round(k * step, decimals) for k in range(first, last + 1)]
            if ticks[0] <= lo and ticks[-1] >= hi:
                return ticks
    raise ValueError(f"no ticks cover {lo} to {hi}")  # only beyond the float range


def step_decimals(ticks: Sequence[float]) -> int:
    """Decimals needed to print every tick exactly (at most 10)."""
    for decimals in range(11):
        if all(abs(t - round(t, decimals)) < 1e-9 * max(1.0, abs(t)) for t in ticks):
            return decimals
    return 10


def format_number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and float(value) == 0 else text


def format_value(value: float) -> str:
    """A measurement in prose: about four significant figures, no trailing zeros."""
    if not math.isfinite(value):
        return str(value)
    magnitude = abs(value)
    decimals = 0 if magnitude >= 1000 else 1 if magnitude >= 100 else 2 if magnitude >= 1 else 4
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _has_time(value: dt.date) -> bool:
    return isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0)


def format_x(value: XLabel, *, monthly: bool = False) -> str:
    """An x value in prose and tooltips: "Mar 2024" for monthly series, "3 Mar 2024" otherwise."""
    if isinstance(value, dt.date):
        if monthly:
            return f"{MONTHS[value.month - 1]} {value.year}"
        text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
        if isinstance(value, dt.datetime) and _has_time(value):
            text += f" {value.hour:02d}:{value.minute:02d}"
        return text
    if isinstance(value, float):
        return format_value(value)
    return str(value)


def is_monthly(xs: Sequence[XLabel]) -> bool:
    return bool(xs) and all(isinstance(x, dt.date) and x.day == 1 and not _has_time(x) for x in xs)


def _day_number(value: dt.date) -> float:
    days = float(value.toordinal())
    if isinstance(value, dt.datetime):
        days += (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return days


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def date_ticks(first: dt.date, last: dt.date, max_ticks: int) -> list[tuple[float, str]]:
    """Month starts ("Jan 2024", or just "2024" on yearly steps) or days ("3 Mar") for short spans."""
    max_ticks = max(max_ticks, 2)
    first_month = first.year * 12 + first.month - 1 + (0 if first.day == 1 and not _has_time(first) else 1)
    last_month = last.year * 12 + last.month - 1
    if last_month - first_month + 1 >= 3:
        for step in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240, 600, 1200):
            months = [m for m in range(first_month, last_month + 1) if m % step == 0]
            if len(months) <= max_ticks:
                break
        ticks = []
        for m in months:
            day = dt.date(m // 12, m % 12 + 1, 1)
            label = str(day.year) if step >= 12 else f"{MONTHS[day.month - 1]} {day.year}"
            ticks.append((float(day.toordinal()), label))
        return ticks
    lo, hi = math.ceil(_day_number(first)), math.floor(_day_number(last))
    for step in (1, 2, 7, 14, 28, 56):
        # Weekly steps land on Mondays (ordinal 1 is a Monday), as a rota or a week number would.
        offset = 1 if step % 7 == 0 else 0
        days = [d for d in range(lo, hi + 1) if (d - offset) % step == 0]
        if len(days) <= max_ticks:
            break
    out = []
    for d in days:
        day = dt.date.fromordinal(d)
        out.append((float(d), f"{day.day} {MONTHS[day.month - 1]}"))
    return out


@dataclass(frozen=True)
class XScale:
    """Where each point sits along the time axis, before mapping to pixels.

    Dates sit at their day number, so uneven sampling shows as uneven spacing; numbers sit at
    their value; anything else (text labels, mixed types) is spaced evenly by position.
    """

    kind: Literal["time", "number", "index"]
    xs: tuple[XLabel, ...]
    positions: tuple[float, ...]

    @property
    def lo(self) -> float:
        return min(self.positions) if self.positions else 0.0

    @property
    def hi(self) -> float:
        return max(self.positions) if self.positions else 1.0

    def position_of(self, x: XLabel) -> float | None:
        """Where an annotation's x falls, or None when it cannot be placed on this axis."""
        if self.kind == "time":
            if isinstance(x, str):
                try:
                    x = dt.date.fromisoformat(x)
                except ValueError:
                    return None
            if isinstance(x, dt.date):
                return _day_number(x)
            return None
        if self.kind == "number":
            if isinstance(x, int | float) and _is_number(x):
                return float(x)
            if isinstance(x, str):
                try:
                    return float(x)
                except ValueError:
                    return None
            return None
        for position, own in zip(self.positions, self.xs, strict=True):
            if own == x or str(own) == str(x):
                return position
        return None

    def ticks(self, max_ticks: int) -> list[tuple[float, str]]:
        if not self.positions:
            return []
        if self.kind == "time":
            first = dt.date.fromordinal(math.floor(self.lo))
            last = dt.date.fromordinal(math.floor(self.hi))
            return date_ticks(first, last, max_ticks)
        if self.kind == "number":
            whole = all(isinstance(x, int) for x in self.xs)
            ticks = nice_ticks(self.lo, self.hi, max_ticks, integer=whole)
            values = [v for v in ticks if self.lo <= v <= self.hi]
            decimals = step_decimals(values)
            return [(v, format_number(v, decimals)) for v in values]
        count = len(self.positions)
        step = 1
        for step in (1, 2, 3, 4, 5, 6, 10, 12, 20, 24, 25, 50, 100, 250, 500, 1000):
            if math.ceil(count / step) <= max_ticks:
                break
        else:
            step = math.ceil(count / max(max_ticks, 1))
        return [(self.positions[i], str(self.xs[i])) for i in range(0, count, step)]


def build_x_scale(xs: Sequence[XLabel]) -> XScale:
    values = tuple(xs)
    if values and all(isinstance(x, dt.date) for x in values):
        dates = [x for x in values if isinstance(x, dt.date)]
        return XScale("time", values, tuple(_day_number(d) for d in dates))
    if values and all(_is_number(x) for x in values):
        return XScale("number", values, tuple(float(x) for x in values if not isinstance(x, str | dt.date)))
    return XScale("index", values, tuple(float(i) for i in range(len(values))))
