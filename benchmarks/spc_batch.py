"""Time the batch XmR engine on 100,000 series of 100 points against a plain numpy floor, and
`compute_batch` on 10,000 series of 100 points against the engine alone on the same series.

Run from the repository root: `.venv/bin/python benchmarks/spc_batch.py`. The batch computes every
Making Data Count rule and both icons (each series has a target and a direction, some have a
rebase); the floor is one numpy pass over the same array computing each series' mean and mean
moving range, the least any XmR computation has to do. `compute_batch` takes the same kind of
series as `Series` and `Options` objects and returns a `Result` per series (phases with Anhøj's
figures, icons, points as columns over the batch's arrays); its baseline is `xmr_arrays` on the
same values as flat arrays, timed in turns with it (and with `batch_arrays`, which takes the same
`Series` into the engine's arrays without making a `Result`). The last two lines are the figures
to read, each with its ratio; the last also gives both calls' CPU seconds.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from openqms.spc import Direction, Options, Series, compute_batch
from openqms.spc.batch import batch_arrays
from openqms.spc.xmr import pad_to_flat, xmr_arrays

DIRECTIONS = {1: Direction.INCREASE, -1: Direction.DECREASE, 0: Direction.NEITHER}


def make_batch(n_series: int, n_points: int, seed: int = 2024) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    level = rng.uniform(10, 1000, size=(n_series, 1))
    values = level + rng.normal(0, 1, size=(n_series, n_points)) * level * 0.05
    # A shift in the second half of a third of the series, and a trend in some, so rules fire.
    values[: n_series // 3, n_points // 2 :] += level[: n_series // 3] * 0.08
    trending = slice(n_series // 3, n_series // 2)
    values[trending] += np.linspace(0, 0.2, n_points) * level[trending]
    values[rng.random(values.shape) < 0.01] = np.nan
    lengths = np.full(n_series, n_points)
    flat, offsets = pad_to_flat(values, lengths)
    phase_start = np.zeros(flat.size, dtype=bool)
    rebased = np.arange(0, n_series, 10)  # every tenth series is rebased at its 60th point
    phase_start[offsets[rebased] + 60] = True
    return {
        "values_2d": values,
        "values": flat,
        "offsets": offsets,
        "phase_start": phase_start,
        "direction": rng.choice(np.array([1, -1, 0], dtype=np.int8), size=n_series, p=[0.45, 0.45, 0.1]),
        "target": level[:, 0] * rng.uniform(0.8, 1.2, size=n_series),
    }


def as_series(b: dict[str, np.ndarray]) -> tuple[list[Series], list[Options]]:
    """The batch as the public API's inputs: None for a missing value, a rebase at each phase start."""
    series, options = [], []
    offsets = b["offsets"].tolist()
    for k, (lo, hi) in enumerate(itertools.pairwise(offsets)):
        values = [None if v != v else v for v in b["values"][lo:hi].tolist()]
        series.append(Series(x=tuple(range(hi - lo)), values=tuple(values)))
        options.append(
            Options(
                direction=DIRECTIONS[int(b["direction"][k])],
                target=float(b["target"][k]),
                rebase_at=tuple((b["phase_start"][lo:hi].nonzero()[0]).tolist()),
            )
        )
    return series, options


def floor(values_2d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = values_2d.mean(axis=1)
    amr = np.abs(np.diff(values_2d, axis=1)).mean(axis=1)
    return mean, amr


def best_of(repeats: int, fn: object, *args: object, **kwargs: object) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn(*args, **kwargs)  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def one_call(fn: Callable[..., object], *args: object, **kwargs: object) -> tuple[float, float]:
    """The wall-clock and the CPU seconds of one call. The CPU time counts every thread of the
    process (xmr_arrays runs on two) and leaves out the time spent waiting for a CPU, which on a
    machine shared with other work is what moves the wall clock most."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--series", type=int, default=100_000)
    ap.add_argument("--results-series", type=int, default=10_000, help="series for compute_batch")
    ap.add_argument("--points", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    b = make_batch(a.series, a.points)
    kwargs = {
        "phase_start": b["phase_start"],
        "direction": b["direction"],
        "target": b["target"],
    }
    out = xmr_arrays(b["values"], b["offsets"], **kwargs)  # warm up, and show what was computed
    print(f"series={a.series} points_per_series={a.points} total_points={b['values'].size}")
    flagged = {
        "outside": out.outside_limits,
        "shift": out.shift,
        "trend": out.trend,
        "two_of_three": out.two_of_three,
    }
    print("points flagged:", " ".join(f"{k}={int(v.sum())}" for k, v in flagged.items()))
    print("variation icons:", np.bincount(out.variation_icon + 1, minlength=8).tolist(), "(none first)")
    print("assurance icons:", np.bincount(out.assurance_icon + 1, minlength=4).tolist(), "(none first)")
    batch = best_of(a.repeats, xmr_arrays, b["values"], b["offsets"], **kwargs)
    fl = best_of(a.repeats, floor, b["values_2d"])
    small = make_batch(a.results_series, a.points)
    series, options = as_series(small)
    small_kwargs = {k: small[k] for k in ("phase_start", "direction", "target")}
    compute_batch(series, options)  # warm up
    # Taken in turns, so that both see the machine in the same state.
    results_runs, arrays_runs, packed_runs = [], [], []
    for _ in range(a.repeats):
        results_runs.append(one_call(compute_batch, series, options))
        arrays_runs.append(one_call(xmr_arrays, small["values"], small["offsets"], **small_kwargs))
        packed_runs.append(one_call(batch_arrays, series, options))
    results, results_cpu = (min(column) for column in zip(*results_runs, strict=True))
    arrays, arrays_cpu = (min(column) for column in zip(*arrays_runs, strict=True))
    packed = min(wall for wall, _ in packed_runs)
    print(
        f"batch_arrays_seconds={packed:.4f} (the same {a.results_series} Series and Options into the "
        "engine's arrays, without a Result)"
    )
    print(f"batch_seconds={batch:.4f} floor_seconds={fl:.4f} ratio={batch / fl:.2f}")
    print(
        f"compute_batch_seconds={results:.4f} xmr_arrays_seconds={arrays:.4f} ratio={results / arrays:.2f} "
        f"({a.results_series} series of {a.points} points; "
        f"CPU seconds {results_cpu:.4f} and {arrays_cpu:.4f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
