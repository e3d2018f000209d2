"""Server time and query count of QMS balance and the maturity evidence over 2,000 series.

Run from the repository root: `.venv/bin/python benchmarks/evaluation_pages.py` (a fresh SQLite
file under /tmp), or with `--database postgres://openqms:openqms@127.0.0.1:5432/<db>` on an empty
PostgreSQL database. The trust is control_pages.py's: 200 teams of 10 monthly measures, 24 months
each (2023 and 2024), so 48,000 data points. Figures, each the median of 10 runs after a warm-up:

* the balance section over the 12 months of 2024, for the board (compared with its 10 divisions)
  and for one division (compared with its 9 siblings);
* the live evidence of a self-assessment for 2024 at the board and at a division;
* the board's unit page (with the balance panel) and its balance page, through the test client.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from benchmarks.control_pages import _setup, build_trust_summary, measure_page  # noqa: E402


def timed(call: Any, runs: int = 10) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a DATABASE_URL; a fresh SQLite file when left out")
    args = parser.parse_args()
    _setup(args.database)
    from django.db import connection
    from django.urls import reverse

    from openqms.evaluation.presenters.balance import balance_section
    from openqms.evaluation.selectors.evidence import evidence_for

    engine = connection.vendor
    built = build_trust_summary()
    person = built["person"]
    until, start = dt.date(2024, 12, 31), dt.date(2024, 1, 1)
    for label, unit, series in (("division", built["division"], 200), ("board", built["board"], 2000)):
        ms, queries = timed(lambda unit=unit: balance_section(person, unit, until=until))
        print(
            f"[{engine}] balance section, {label} ({series} series, with the units compared): "
            f"{ms:.1f} ms, {queries} queries"
        )
        ms, queries = timed(lambda unit=unit: evidence_for(person, unit, start, until))
        print(f"[{engine}] maturity evidence, {label} ({series} series): {ms:.1f} ms, {queries} queries")
    for label, url in (
        ("unit page with the balance panel", reverse("unit", args=[built["board"].pk])),
        ("balance page", reverse("evaluation:balance", args=[built["board"].pk])),
    ):
        ms, queries, _ = measure_page(person, url, runs=10)
        print(f"[{engine}] board {label}, 2000 series: {ms:.1f} ms median, {queries} queries")


if __name__ == "__main__":
    main()
