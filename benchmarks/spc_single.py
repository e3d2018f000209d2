"""Time one 100-point XmR series through the public single-series API, `compute`.

Run from the repository root: `.venv/bin/python benchmarks/spc_single.py`. The series has a
target, a direction and every rule firing somewhere, and `compute` builds the full `Result`
(one `Point` per point, phases with Anhøj's figures, icons). Prints the median in microseconds.

Series of up to `PLAIN_MAX_POINTS` points take the plain-Python path (openqms.spc.xmr_series); the
same series through the batch engine, timed in the same run, is the baseline it is compared with.
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

from openqms.spc import Direction, Options, Series, compute, xmr_series


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
    plain_us = _median_us(lambda: compute(series, options), a.runs)
    saved, xmr_series.PLAIN_MAX_POINTS = xmr_series.PLAIN_MAX_POINTS, -1
    try:
        engine_result = compute(series, options)
        engine_us = _median_us(lambda: compute(series, options), a.runs)
    finally:
        xmr_series.PLAIN_MAX_POINTS = saved
    if engine_result != result:
        print("the plain path and the batch engine disagree", file=sys.stderr)
        return 1
    flagged = sum(1 for p in result.points if p.rules)
    print(f"points={a.points} flagged={flagged}", end=" ")
    print(f"variation_icon={result.variation_icon} assurance_icon={result.assurance_icon}")
    print(f"engine_median_microseconds={engine_us:.1f} (the same series through the batch engine)")
    print(f"median_microseconds={plain_us:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
