"""The demo trust's measure data as a plan: every series, target change and annotation, decided from
the seed and the day before anything is written.

Like the organisation plan this is pure, so the same seed on the same day gives the same data and
tests can compare plans without a database. Each series draws from its own random generator,
seeded from the seed and the measure's and unit's codes, so that adding a measure or a unit to
the catalogue leaves every other series exactly as it was.

Data end at the last complete period before the day of loading (last week's Monday, last month's
first day) and go back about three years, so the demo always looks current.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass

import numpy as np

from openqms.demo import control_catalogue as cc
from openqms.demo.generator import DemoPlan
from openqms.demo.logins import DEMO_LOGINS, DEMO_WARD

MONTHS = 36
WEEKS = 156
AVERAGE_MONTH = 30.44
# How much worse (as a fraction: 1.0 doubles a rate) a planted signal makes a series.
STEP_BETTER = -0.5
SHIFT_WORSE = 1.3
TREND_WORSE = 2.0
# The demo ward tells a story its logins can follow: falls came down after its falls bundle, and
# night shifts have lately been short of registered nurses.
FORCED_SIGNALS = {("FALLS", DEMO_WARD): "step", ("RN-FILL-NIGHT", DEMO_WARD): "shift"}
SHIFT_LABELS = {
    "RN-FILL-NIGHT": "Two RN vacancies on nights",
    "SICKNESS": "Long-term sickness in the team",
    "FALLS": "Extra beds opened in the bays",
    "VTE-RA": "New junior doctors' rotation",
    "OBS-ON-TIME": "Electronic observations upgrade",
    "COM-VISITS": "Caseload grew after a GP practice merger",
}
# (definition, new target, months before the last period, reason)
TARGET_CHANGES = (
    ("ED-4H", 78.0, 10, "Raised to 78% in line with the urgent and emergency care plan's interim standard."),
    ("SICKNESS", 4.0, 12, "The trust's people plan lowered the sickness absence target to 4%."),
)
BAND_WEIGHTS = {"pass": 0.35, "around": 0.4, "fail": 0.25}


@dataclass(frozen=True)
class PlannedSeries:
    definition: str
    unit_code: str
    band: str
    signal: str  # "", "step", "trend" or "shift"
    periods: tuple[dt.date, ...]
    values: tuple[float | None, ...]
    numerators: tuple[float | None, ...]
    denominators: tuple[float | None, ...]
    signal_from: dt.date | None = None  # the first period a planted signal changes


@dataclass(frozen=True)
class PlannedTarget:
    definition: str
    unit_code: str
    effective_from: dt.date
    target: float
    reason: str


@dataclass(frozen=True)
class PlannedAnnotation:
    definition: str
    unit_code: str
    on: dt.date
    kind: str  # event or recalculation
    label: str
    reason: str
    username: str | None


@dataclass(frozen=True)
class ControlPlan:
    definitions: tuple[tuple[str, str | None], ...]  # (code, owning person's username)
    series: tuple[PlannedSeries, ...]
    targets: tuple[PlannedTarget, ...]
    annotations: tuple[PlannedAnnotation, ...]

    @property
    def points(self) -> int:
        return sum(len(s.periods) for s in self.series)


def spec(code: str) -> cc.MeasureSpec:
    return next(s for s in cc.MEASURES if s.code == code)


def last_periods(frequency: str, today: dt.date) -> tuple[dt.date, ...]:
    """The periods of about three years, ending at the last one complete before today."""
    if frequency == "weekly":
        last = today - dt.timedelta(days=today.weekday() + 7)
        return tuple(last - dt.timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS))
    months = today.year * 12 + today.month - 2  # last month, counted from year 0
    return tuple(dt.date((m := months - MONTHS + 1 + i) // 12, m % 12 + 1, 1) for i in range(MONTHS))


def _period_days(periods: tuple[dt.date, ...], frequency: str) -> np.ndarray:
    if frequency == "weekly":
        return np.full(len(periods), 7.0)
    ends = [dt.date(p.year + p.month // 12, p.month % 12 + 1, 1) for p in periods]
    return np.array([(end - start).days for start, end in zip(periods, ends, strict=True)], dtype=float)


def _rng(seed: int, *parts: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(":".join(parts).encode())])


def current_people(plan: DemoPlan, today: dt.date) -> dict[str, list[tuple[str, str]]]:
    """unit code → [(username, role)] of the roles in force today, in plan order."""
    people: dict[str, list[tuple[str, str]]] = {}
    for role in plan.roles:
        if role.starts_on <= today and (role.ends_on is None or role.ends_on >= today):
            people.setdefault(role.unit_code, []).append((role.username, role.role))
    return people


def leader_of(people: dict[str, list[tuple[str, str]]], unit_code: str) -> str | None:
    leaders = [u for u, role in people.get(unit_code, []) if role in ("team_leader", "senior_leader")]
    return leaders[0] if leaders else None


def plan_control(*, plan: DemoPlan, seed: int, today: dt.date) -> ControlPlan:
    kinds = {u.code: u.kind for u in plan.units} | {"BOARD": "board"}
    people = current_people(plan, today)
    titles = {p.username: p.job_title for p in plan.people}
    demo_usernames = [login.username for login in DEMO_LOGINS]
    picker = random.Random(seed)

    definitions, series, targets, annotations = [], [], [], []
    for s in cc.MEASURES:
        reporters = sorted(code for code, kind in kinds.items() if cc.reports(s, code, kind))
        if not reporters or s.owner not in kinds:
            continue  # a smaller demo leaves out the divisions that own or report it
        holders = sorted(
            (username for username, _role in people.get(s.owner, []) if titles[username] == s.owner_title),
            key=lambda u: u not in demo_usernames,
        )
        definitions.append((s.code, holders[0] if holders else None))
        signals = _assign_signals(s, reporters, picker)
        periods = last_periods(s.frequency, today) if s.model != "gap" else ()
        for unit_code in reporters:
            planned = _series(s, unit_code, signals.get(unit_code, ""), periods, seed, today)
            series.append(planned)
            annotations += _annotations(s, planned, leader_of(people, unit_code))
    for code, target, months_back, reason in TARGET_CHANGES:
        effective = last_periods("monthly", today)[-months_back]
        targets += [
            PlannedTarget(code, p.unit_code, effective, target, reason)
            for p in series
            if p.definition == code
        ]
    return ControlPlan(tuple(definitions), tuple(series), tuple(targets), tuple(annotations))


def _assign_signals(s: cc.MeasureSpec, reporters: list[str], picker: random.Random) -> dict[str, str]:
    chosen = {
        unit: kind for (code, unit), kind in FORCED_SIGNALS.items() if code == s.code and unit in reporters
    }
    free = [u for u in reporters if u not in chosen]
    picker.shuffle(free)
    for kind, count in s.signals.items():
        wanted = count - sum(1 for k in chosen.values() if k == kind)
        for unit in free[: max(wanted, 0)]:
            chosen[unit] = kind
        free = free[max(wanted, 0) :]
    return chosen


def _effect(signal: str, n: int, rng: np.random.Generator) -> tuple[np.ndarray, int | None]:
    """How much worse than usual each period is (negative: better), and where a step starts."""
    effect = np.zeros(n)
    if signal == "step":
        start = n - int(rng.integers(int(n * 0.3), int(n * 0.5)))
        effect[start:] = STEP_BETTER
        return effect, start
    length = max(10, n // 12)
    if signal == "shift":
        effect[n - length :] = SHIFT_WORSE
        return effect, n - length
    if signal == "trend":
        effect[n - length :] = np.linspace(TREND_WORSE / length, TREND_WORSE, length)
        return effect, n - length
    return effect, None


def _series(
    s: cc.MeasureSpec, unit_code: str, signal: str, periods: tuple[dt.date, ...], seed: int, today: dt.date
) -> PlannedSeries:
    rng = _rng(seed, s.code, unit_code)
    bands = [b for b in BAND_WEIGHTS if b in s.bands] or ["usual"]
    weights = np.array([BAND_WEIGHTS.get(b, 1.0) for b in bands])
    band = bands[int(rng.choice(len(bands), p=weights / weights.sum()))]
    level = float(rng.uniform(*s.bands[band]))
    if s.model == "gap":
        return _gaps(s, unit_code, band, level, rng, today)
    n = len(periods)
    days = _period_days(periods, s.frequency)
    effect, start = _effect(signal, n, rng)
    # Real data vary more than sampling alone; values and shares have their own noise below.
    wobble = np.exp(rng.normal(0.0, s.noise, n))
    worse = 1.0 if s.direction != "increase" else -1.0
    values: list[float | None] = [None] * n
    numerators: list[float | None] = [None] * n
    denominators: list[float | None] = [None] * n
    if s.model == "count":
        counts = rng.poisson(level * days / AVERAGE_MONTH * (1 + effect) * wobble)
        values = [float(v) for v in counts]
    elif s.model == "value":
        mean = level + worse * effect * s.bad_scale
        drawn = np.maximum(0.0, mean * (1 + rng.normal(0.0, s.noise, n)))
        values = [round(float(v), 1) for v in drawn]
    else:
        den = _denominators(s, unit_code, days, rng)
        denominators = [float(d) for d in den]
        if s.model == "rate":
            num = rng.poisson(den * level / s.multiplier * (1 + effect) * wobble)
        elif s.model == "proportion":
            share = level / s.multiplier
            if s.direction == "increase":
                p = 1 - (1 - share) * (1 + effect) * wobble
            else:
                p = share * (1 + effect) * wobble
            num = rng.binomial(den.astype(np.int64), np.clip(p, 0.0005, 0.9995))
        else:  # share: hours worked of hours planned, days lost of days available
            mean = level + worse * effect * s.bad_scale + rng.normal(0.0, s.noise, n)
            num = np.round(np.maximum(0.0, den * mean / s.multiplier), 1)
        numerators = [float(v) for v in num]
    return PlannedSeries(
        s.code,
        unit_code,
        band,
        signal,
        periods,
        tuple(values),
        tuple(numerators),
        tuple(denominators),
        None if start is None else periods[start],
    )


def _denominators(
    s: cc.MeasureSpec, unit_code: str, days: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    n = len(days)
    small = unit_code.startswith(cc.SMALL_WARDS)
    beds = int(rng.integers(8, 17)) if small else int(rng.integers(22, 33))
    occupancy = rng.uniform(0.88, 0.99, n)
    if s.denominator == cc.BED_DAYS:
        return np.round(beds * days * occupancy)
    if s.denominator == cc.ADMISSIONS:
        stay = float(rng.uniform(2.5, 4.0)) if small else float(rng.uniform(4.5, 8.0))
        return np.maximum(1, np.round(beds * days * occupancy / stay * rng.normal(1.0, 0.08, n)))
    assert isinstance(s.denominator, tuple)
    size = float(rng.uniform(*s.denominator))
    return np.maximum(1, np.round(size * days / AVERAGE_MONTH * rng.normal(1.0, 0.07, n)))


def _gaps(
    s: cc.MeasureSpec, unit_code: str, band: str, level: float, rng: np.random.Generator, today: dt.date
) -> PlannedSeries:
    """Rare events: each point is an event on its day, valued by the days since the one before."""
    day = today - dt.timedelta(days=MONTHS * 30)
    periods, values = [], []
    while True:
        gap = int(rng.geometric(1 / level))
        day += dt.timedelta(days=gap)
        if day >= today:
            break
        periods.append(day)
        values.append(float(gap))
    n = len(periods)
    return PlannedSeries(s.code, unit_code, band, "", tuple(periods), tuple(values), (None,) * n, (None,) * n)


def _annotations(s: cc.MeasureSpec, planned: PlannedSeries, leader: str | None) -> list[PlannedAnnotation]:
    """The team's notes on its chart: the intervention behind a step, the cause of a sudden shift."""
    if not planned.signal or planned.signal == "trend":
        return []  # a creeping trend is what the team has not yet noticed
    on = planned.signal_from
    assert on is not None
    if planned.signal == "shift":
        label = SHIFT_LABELS.get(s.code, "Change in the service")
        return [PlannedAnnotation(s.code, planned.unit_code, on, "event", label, "", leader)]
    label, reason = s.intervention
    start = planned.periods.index(on)
    started = planned.periods[max(0, start - (8 if s.frequency == "weekly" else 3))]
    return [
        PlannedAnnotation(
            s.code,
            planned.unit_code,
            started,
            "event",
            "Improvement project started",
            f"The team began testing changes to {s.name.lower()} in PDSA cycles.",
            leader,
        ),
        PlannedAnnotation(s.code, planned.unit_code, on, "recalculation", label, reason, leader),
    ]
