"""The NHSRplotthedots reference outputs in tests/spc/reference, as engine inputs and expectations.

The mapping of each reference configuration to options is the one the acceptance check uses
(the shared `spc_check.py`, outside this repository); reference/README.md describes the files.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from openqms.spc.types import Direction, Options, Series

REFERENCE = Path(__file__).parent / "reference"

# special_cause_type in NHSRplotthedots' output -> our leading rule
RULE_OF_TYPE = {
    "Above UCL": "outside_limits",
    "Below LCL": "outside_limits",
    "7 Points Above CL": "shift",
    "7 Points Below CL": "shift",
    "7 Point Trend (Increasing)": "trend",
    "7 Point Trend (Decreasing)": "trend",
    "2 in 3 Above CL": "two_of_three",
    "2 in 3 Below CL": "two_of_three",
}


def number(text: str) -> float | None:
    return None if text in ("", "NA", "NaN") else float(text)


@dataclass(frozen=True)
class Case:
    series_id: str
    config: str
    series: Series
    options: Options
    points: tuple[dict[str, str], ...]
    summary: tuple[dict[str, str], ...]

    def __str__(self) -> str:
        return f"{self.series_id}-{self.config}"


def _value_series(rows: list[dict[str, str]], kind: str) -> Series:
    """The value NHSRplotthedots was given: y, y/n for ratios, the subgroup mean for subgroups."""
    by_date: dict[str, list[dict[str, str]]] = collections.OrderedDict()
    for r in rows:
        by_date.setdefault(r["date"], []).append(r)
    xs: list[dt.date] = []
    values: list[float | None] = []
    for date, rs in by_date.items():
        ys = [number(r["y"]) for r in rs]
        if kind in ("proportion", "rate"):
            y, n = ys[0], number(rs[0]["n"])
            v = None if y is None or not n else y / n
        elif kind == "subgroup":
            present = [y for y in ys if y is not None]
            v = sum(present) / len(present) if present else None
        else:
            v = ys[0]
        xs.append(dt.date.fromisoformat(date))
        values.append(v)
    return Series(x=tuple(xs), values=tuple(values))


def _options(meta: dict[str, object], config: str, n: int) -> Options:
    direction = Direction.INCREASE
    target = None
    rebase: tuple[int, ...] = ()
    fix_after = None
    screen = True
    series_direction = Direction(str(meta.get("improvement_direction") or "increase"))
    meta_target = meta.get("target")
    rebase_idx = tuple(int(i) - 1 for i in meta.get("rebase_idx") or [])  # type: ignore[attr-defined]
    if config == "ptd_noscreen":
        screen = False
    elif config == "ptd_neutral":
        direction = Direction.NEITHER
    elif config == "ptd_rebase_noscreen":
        screen = False
        rebase = rebase_idx
    elif config in ("ptd_dir", "ptd_dir_target", "ptd_rebase", "ptd_fix"):
        direction = series_direction
        if config != "ptd_dir" and meta_target is not None:
            target = float(meta_target)  # type: ignore[arg-type]
        if config == "ptd_rebase":
            rebase = rebase_idx
        if config == "ptd_fix":
            fix_after = int(meta["freeze"])  # type: ignore[call-overload]
    return Options(
        direction=direction, target=target, rebase_at=rebase, fix_after=fix_after, screen_outliers=screen
    )


@cache
def cases() -> tuple[Case, ...]:
    meta = {s["series_id"]: s for s in json.loads((REFERENCE / "series.json").read_text())}
    inputs: dict[str, list[dict[str, str]]] = collections.defaultdict(list)
    with open(REFERENCE / "inputs.csv", newline="") as f:
        for r in csv.DictReader(f):
            inputs[r["series_id"]].append(r)
    points: dict[tuple[str, str], list[dict[str, str]]] = collections.defaultdict(list)
    with open(REFERENCE / "ptd_points.csv", newline="") as f:
        for r in csv.DictReader(f):
            points[(r["series_id"], r["config"])].append(r)
    summary: dict[tuple[str, str], list[dict[str, str]]] = collections.defaultdict(list)
    with open(REFERENCE / "ptd_summary.csv", newline="") as f:
        for r in csv.DictReader(f):
            summary[(r["series_id"], r["config"])].append(r)
    out = []
    for (sid, config), expect in sorted(points.items()):
        series = _value_series(inputs[sid], meta[sid]["kind"])
        out.append(
            Case(
                series_id=sid,
                config=config,
                series=series,
                options=_options(meta[sid], config, len(series.values)),
                points=tuple(expect),
                summary=tuple(summary[(sid, config)]),
            )
        )
    return tuple(out)
