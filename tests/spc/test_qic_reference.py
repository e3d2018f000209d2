"""The qicharts2 charts reproduce qicharts2 0.8.1 on every reference series and configuration.

Inputs are built the way the shared acceptance check (`spc_check.py`, outside the repository) feeds
the command line: y/n as one value for run and i charts of ratios, numerators and denominators for p, pp, u
and up, every observation (x repeating) for xbar and s, and the subgroup mean for other charts of
subgroup data. The reference `i_exclude` configuration (exclude = c(3, n - 2), 1-based) is checked
through Options.exclude.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from openqms.spc.qic import compute_qic
from openqms.spc.types import ChartType, Options, Rule, Series

REFERENCE = Path(__file__).parent / "reference"
RTOL = 1e-9


def number(text: str) -> float | None:
    return None if text in ("", "NA", "NaN") else float(text)


def same(mine: float | None, theirs: float | None) -> bool:
    if mine is None or theirs is None:
        return mine is None and theirs is None
    return abs(mine - theirs) <= RTOL * max(1.0, abs(mine), abs(theirs))


@dataclass(frozen=True)
class QicCase:
    series_id: str
    config: str
    series: Series
    options: Options
    expected: tuple[dict[str, str], ...]

    def __str__(self) -> str:
        return f"{self.series_id}-{self.config}"


def _series(rows: list[dict[str, str]], kind: str, chart: ChartType) -> Series:
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    if chart in (ChartType.XBAR, ChartType.S):
        return Series(x=tuple(dates), values=tuple(number(r["y"]) for r in rows))
    if chart in (ChartType.P, ChartType.PP, ChartType.U, ChartType.UP):
        return Series(
            x=tuple(dates),
            values=tuple(number(r["y"]) for r in rows),
            denominators=tuple(number(r["n"]) for r in rows),
        )
    by_date: dict[dt.date, list[dict[str, str]]] = collections.OrderedDict()
    for d, r in zip(dates, rows, strict=True):
        by_date.setdefault(d, []).append(r)
    values: list[float | None] = []
    for rs in by_date.values():
        ys = [number(r["y"]) for r in rs]
        if kind in ("proportion", "rate"):
            y, n = ys[0], number(rs[0]["n"])
            values.append(None if y is None or not n else y / n)
        elif kind == "subgroup":
            present = [y for y in ys if y is not None]
            values.append(sum(present) / len(present) if present else None)
        else:
            values.append(ys[0])
    return Series(x=tuple(by_date), values=tuple(values))


def _options(meta: dict[str, object], config: str, length: int) -> Options:
    chart, _, variant = config.partition("_")
    rebase: tuple[int, ...] = ()
    fix_after = None
    exclude: tuple[int, ...] = ()
    if variant == "part":
        rebase = tuple(int(i) - 1 for i in meta.get("rebase_idx") or [])  # type: ignore[attr-defined]
    elif variant == "freeze":
        fix_after = int(meta["freeze"])  # type: ignore[call-overload]
    elif variant == "exclude":
        exclude = (3 - 1, length - 2 - 1)
    return Options(
        chart=ChartType(chart),
        rebase_at=rebase,
        fix_after=fix_after,
        screen_outliers=variant != "unscreened",
        exclude=exclude,
    )


@cache
def cases() -> tuple[QicCase, ...]:
    meta = {s["series_id"]: s for s in json.loads((REFERENCE / "series.json").read_text())}
    inputs: dict[str, list[dict[str, str]]] = collections.defaultdict(list)
    with open(REFERENCE / "inputs.csv", newline="") as f:
        for r in csv.DictReader(f):
            inputs[r["series_id"]].append(r)
    expected: dict[tuple[str, str], list[dict[str, str]]] = collections.defaultdict(list)
    with open(REFERENCE / "qic_points.csv", newline="") as f:
        for r in csv.DictReader(f):
            expected[(r["series_id"], r["config"])].append(r)
    out = []
    for (sid, config), rows in sorted(expected.items()):
        chart = ChartType(config.partition("_")[0])
        out.append(
            QicCase(
                series_id=sid,
                config=config,
                series=_series(inputs[sid], meta[sid]["kind"], chart),
                options=_options(meta[sid], config, int(meta[sid]["length"])),
                expected=tuple(rows),
            )
        )
    return tuple(out)


def _parts(case: QicCase) -> list[dict[str, str]]:
    first: dict[str, dict[str, str]] = {}
    for e in case.expected:
        first.setdefault(e["part"], e)
    return list(first.values())


def test_every_reference_configuration_is_covered() -> None:
    configs = {c.config for c in cases()}
    assert {"run_default", "i_exclude", "i_part", "i_freeze", "mr_default", "pp_unscreened"} <= configs
    assert len(cases()) > 100


@pytest.mark.parametrize("case", cases(), ids=str)
def test_it_matches_qicharts2_limits_point_by_point(case: QicCase) -> None:
    result = compute_qic(case.series, case.options)
    assert len(result.points) == len(case.expected)
    for p, e in zip(result.points, case.expected, strict=True):
        where = f"x={e['x']}"
        assert same(p.value, number(e["y"])), where
        assert same(p.centre, number(e["cl"])), where
        assert same(p.lower, number(e["lcl"])), where
        assert same(p.upper, number(e["ucl"])), where
        assert same(p.lower_2sigma, number(e["lcl.95"])), where
        assert same(p.upper_2sigma, number(e["ucl.95"])), where
        assert p.phase == int(e["part"]) - 1, where


@pytest.mark.parametrize("case", cases(), ids=str)
def test_it_flags_outside_limits_exactly_where_qicharts2_gives_a_sigma_signal(case: QicCase) -> None:
    result = compute_qic(case.series, case.options)
    flags = [Rule.OUTSIDE_LIMITS in p.rules for p in result.points]
    assert flags == [e["sigma.signal"] == "TRUE" for e in case.expected]


@pytest.mark.parametrize("case", cases(), ids=str)
def test_it_gives_qicharts2s_anhoej_figures_per_part(case: QicCase) -> None:
    result = compute_qic(case.series, case.options)
    parts = _parts(case)
    assert len(result.phases) == len(parts)
    for ph, e in zip(result.phases, parts, strict=True):
        assert ph.n == sum(1 for row in case.expected if row["part"] == e["part"])
        assert same(ph.centre, number(e["cl"]))
        if case.options.chart is ChartType.MR:
            assert (ph.longest_run, ph.crossings, ph.runs_signal) == (None, None, False)
            continue
        assert ph.longest_run == number(e["longest.run"])
        assert ph.longest_run_max == number(e["longest.run.max"])
        assert ph.crossings == number(e["n.crossings"])
        assert ph.crossings_min == number(e["n.crossings.min"])
        assert ph.runs_signal == (e["runs.signal"] == "TRUE")


@pytest.mark.parametrize("case", cases(), ids=str)
def test_it_marks_the_points_of_a_signalling_part_as_a_shift(case: QicCase) -> None:
    result = compute_qic(case.series, case.options)
    for p, e in zip(result.points, case.expected, strict=True):
        signalling = e["runs.signal"] == "TRUE" and case.options.chart is not ChartType.MR
        useful = p.value is not None and p.value != p.centre and e["include"] == "TRUE"
        assert (Rule.SHIFT in p.rules) == (signalling and useful), f"x={e['x']}"
