"""p95 server time of the API's list endpoints at demo size, through Django's test client.

Run from the repository root: `.venv/bin/python benchmarks/api_lists.py` (the demo trust in a
temporary SQLite file), or with DATABASE_URL naming an empty PostgreSQL database. The demo is
loaded as `openqms demo` loads it; each list endpoint is then read 50 times (after one warm-up)
with the default page of 100 items, as a senior leader (whose division holds most of the demo's
data) through a token on the division. The queries of one request are counted at pages of 10 and
of 100: a list whose count grows with the page makes a query per item. The CPU time of the process
(`time.process_time`) is given beside the wall clock, since the machine is often shared. One line
per endpoint, then the worst:

    <path> p50_ms=<m> p95_ms=<p> cpu_ms=<mean> queries_10=<q> queries_100=<q> items=<n>
    api_lists_worst_p95_ms=<p>

`BENCH_DB=path.sqlite3` keeps the SQLite demo between runs; a PostgreSQL database that already
holds the demo is used as it is (the demo is loaded only where it is missing).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
RUNS = 50
LISTS = [
    "/api/v1/organisations",
    "/api/v1/units",
    "/api/v1/roles",
    "/api/v1/people",
    "/api/v1/measure-definitions",
    "/api/v1/measures",
    "/api/v1/huddles",
    "/api/v1/escalations",
    "/api/v1/actions",
    "/api/v1/frameworks",
    "/api/v1/standards",
    "/api/v1/audits",
    "/api/v1/projects",
    "/api/v1/priorities",
    "/api/v1/needs",
    "/api/v1/plans",
    "/api/v1/reports",
]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="openqms-bench-lists-") as tmp:
        from tests.api.live import prepare, setup_django

        kept = os.environ.get("BENCH_DB")
        path = Path(kept) if kept else Path(tmp) / "demo.sqlite3"
        setup_django(os.environ.get("DATABASE_URL") or f"sqlite:///{path}")
        started = time.perf_counter()
        tokens = prepare()
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from openqms.control.models import Measure, Observation

        print(
            f"# {connection.vendor}: demo loaded in {time.perf_counter() - started:.0f} s, "
            f"{Measure.objects.count()} measures, {Observation.objects.count()} observations",
            file=sys.stderr,
        )
        client = Client()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens['demo.senior']}"}
        # A measure the senior leader may see: the first of their list.
        measure = client.get("/api/v1/measures", **headers).json()["items"][0]["id"]
        paths = [*LISTS, f"/api/v1/measures/{measure}/observations", f"/api/v1/measures/{measure}/spc"]
        worst = 0.0
        for path in paths:
            queries = {}
            for limit in (10, 100):
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path, {"limit": limit}, **headers)
                if response.status_code == 404 and path in LISTS:
                    break  # an older API without this list: measured when it has it
                assert response.status_code == 200, (path, response.content[:300])
                queries[limit] = len(captured)
            if not queries:
                print(f"{path} absent")
                continue
            timings = []
            cpu = time.process_time()
            for _ in range(RUNS):
                begin = time.perf_counter()
                response = client.get(path, **headers)
                timings.append((time.perf_counter() - begin) * 1000)
            cpu_ms = (time.process_time() - cpu) * 1000 / RUNS
            p95 = statistics.quantiles(timings, n=20)[-1]
            worst = max(worst, p95)
            items = len(response.json().get("items", [])) if path.endswith(("s", "observations")) else 1
            print(
                f"{path} p50_ms={statistics.median(timings):.1f} p95_ms={p95:.1f} cpu_ms={cpu_ms:.1f} "
                f"queries_10={queries[10]} queries_100={queries[100]} items={items}"
            )
        connection.close()
    print(f"api_lists_worst_p95_ms={worst:.1f} load_average={os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
