"""Time one 100-point XmR series through the public single-series API, `compute`.

Run from the repository root: `.venv/bin/python benchmarks/spc_single.py`. The series has a
target, a direction and every rule firing somewhere, and `compute` builds the full `Result`
(one `Point` per point, phases with Anhøj's figures, icons). Prints the median in microseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from openqms.spc import Direction, Options, Series, compute


def make_series(n_points: int = 100, seed: int = 7) -> Series:
    rng = np.random.default_rng(seed)
    y = 50 + rng.normal(0, 2, n_points)
    y[n_points // 2 :] += 3  # a shift
    y[20:28] = np.linspace(45, 53, 8)  # a trend
    y[10] = 70  # outside the limits
    values = [float(v) for v in y]
    values[5] = None  # type: ignore[call-overload]
    start = dt.date(2020, 1, 1)
    return Series(x=tuple(start + dt.timedelta(days=i) for i in range(n_points)), values=tuple(values))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--runs", type=int, default=2000)
    a = ap.parse_args()
    series = make_series(a.points)
    options = Options(direction=Direction.DECREASE, target=48.0)
    result = compute(series, options)
    for _ in range(200):  # warm up imports and caches
        compute(series, options)
    times = []
    for _ in range(a.runs):
        t = time.perf_counter()
        compute(series, options)
        times.append(time.perf_counter() - t)
    us = sorted(t * 1e6 for t in times)
    flagged = sum(1 for p in result.points if p.rules)
    print(f"points={a.points} flagged={flagged}", end=" ")
    print(f"variation_icon={result.variation_icon} assurance_icon={result.assurance_icon}")
    print(f"p10_microseconds={us[len(us) // 10]:.1f} p90_microseconds={us[9 * len(us) // 10]:.1f}")
    print(f"median_microseconds={statistics.median(us):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
