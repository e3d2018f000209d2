"""Time one 100-point XmR series through the public single-series API, `compute`.

Run from the repository root: `.venv/bin/python benchmarks/spc_single.py`. The series has a
target, a direction and every rule firing somewhere. `compute` runs the numpy engine
(`xmr_arrays`) on the one series and builds the `Result`: its phases with Anhøj's figures, its
icons, and its points as columns. The figure to read is the last line, the median in microseconds
(the target is under 1,000).

Two figures in the same run put it in context: `xmr_arrays` alone on the same values (the engine's
arithmetic, without the public types), and `compute` followed by building every `Point` (what a
caller that walks `result.points` pays once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from openqms.spc import Direction, Options, Series, compute, compute_batch, xmr_arrays

TARGET_MICROSECONDS = 1000


def make_series(n_points: int = 100, seed: int = 7) -> Series:
    rng = np.random.default_rng(seed)
    y = 50 + rng.normal(0, 2, n_points)
    y[n_points // 2 :] += 3  # a shift
    y[20:28] = np.linspace(45, 53, 8)  # a trend
    y[10] = 70  # outside the limits
    values: list[float | None] = [float(v) for v in y]
    values[5] = None
    start = dt.date(2020, 1, 1)
    return Series(x=tuple(start + dt.timedelta(days=i) for i in range(n_points)), values=tuple(values))


def _median_us(run: Callable[[], object], runs: int) -> float:
    for _ in range(200):  # warm up imports and caches
        run()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument(
        "--calls-only", type=int, metavar="N", help="call compute N times, time nothing (for a profiler)"
    )
    a = ap.parse_args()
    series = make_series(a.points)
    options = Options(direction=Direction.DECREASE, target=48.0)
    if a.calls_only is not None:
        for _ in range(a.calls_only):
            compute(series, options)
        return 0
    result = compute(series, options)
    if compute_batch([series], options) != [result]:
        print("compute and compute_batch disagree", file=sys.stderr)
        return 1
    values = np.array(series.values, dtype=np.float64)
    offsets = np.array([0, values.size])
    arrays_us = _median_us(lambda: xmr_arrays(values, offsets, direction=-1, target=48.0), a.runs)
    points_us = _median_us(lambda: tuple(compute(series, options).points), a.runs)
    compute_us = _median_us(lambda: compute(series, options), a.runs)
    flagged = sum(1 for p in result.points if p.rules)
    print(f"points={a.points} flagged={flagged}", end=" ")
    print(f"variation_icon={result.variation_icon} assurance_icon={result.assurance_icon}")
    print(f"arrays_median_microseconds={arrays_us:.1f} (xmr_arrays alone on the same values)")
    print(f"with_points_median_microseconds={points_us:.1f} (compute, then every Point built)")
    print(f"median_microseconds={compute_us:.1f} (target < {TARGET_MICROSECONDS})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
