"""The SPC benchmarks run and print their figures (their speed is not tested here: docs/performance.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_the_single_series_benchmark_prints_its_median_and_the_figures_beside_it() -> None:
    # It also refuses to print when compute and compute_batch disagree on the series.
    out = subprocess.run(
        [sys.executable, str(BENCHMARKS / "spc_single.py"), "--points", "60", "--runs", "20"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"^points=60 flagged=\d+ variation_icon=\w+ assurance_icon=\w+$", out, re.M)
    assert re.search(r"^arrays_median_microseconds=\d+\.\d ", out, re.M)
    assert re.search(r"^with_points_median_microseconds=\d+\.\d ", out, re.M)
    assert re.search(r"^median_microseconds=\d+\.\d \(target < 1000\)$", out, re.M)


def test_the_single_series_benchmark_can_only_call_compute_for_a_profiler() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "spc_single.py"), "--calls-only", "3"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout == ""


def test_the_batch_benchmark_prints_both_ratios() -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "spc_batch.py"),
            *("--series", "300", "--results-series", "100", "--points", "80", "--repeats", "1"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"^batch_seconds=\d+\.\d+ floor_seconds=\d+\.\d+ ratio=\d+\.\d+$", out, re.M)
    seconds = r"compute_batch_seconds=\d+\.\d+ xmr_arrays_seconds=\d+\.\d+ ratio=\d+\.\d+"
    cpu = r"CPU seconds \d+\.\d+ and \d+\.\d+"
    assert re.search(rf"^{seconds} \(100 series of 80 points; {cpu}\)$", out, re.M)
