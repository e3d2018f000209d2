"""Observations per minute through POST /api/v1/observations/bulk, end to end, on a fresh database.

Run from the repository root (PostgreSQL is the figure the issue asks for):

    su postgres -c "createdb -O openqms openqms_bench_api"
    DATABASE_URL=postgres://openqms:openqms@127.0.0.1:5432/openqms_bench_api \
        .venv/bin/python benchmarks/api_bulk.py
    su postgres -c "dropdb openqms_bench_api"

Without DATABASE_URL it runs on a temporary SQLite file. It builds the organisation of
benchmarks/import_data.py (50 wards × 100 measure definitions = 5,000 measures), gives a senior
leader a token on the board, and sends `--periods` periods of every measure (default 100: 500,000
observations) in requests of `--batch` items (default 50,000, the API's limit) through Django's test
client: each request is parsed, checked whole, saved with one audit entry per measure, and has
its SPC recomputed, exactly as a client's. The JSON bodies are built before the clock starts (that
is the client's work). The last line is the figure:

    api_bulk_seconds=<s> observations=<n> observations_per_minute=<r>
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]


def _backend_pid(connection: Any) -> int | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def _cpu_of(pid: int | None) -> float:
    """User and system CPU seconds of a local process (the PostgreSQL backend), 0 when unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--periods", type=int, default=100)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openqms-bench-api-") as tmp:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        os.environ["DJANGO_SETTINGS_MODULE"] = "openqms.settings.test"
        import django

        django.setup()
        import import_data  # benchmarks/import_data.py: the same organisation
        from django.db import connection
        from django.test import Client

        from openqms.control.models import Observation

        started = time.perf_counter()
        measures = import_data.build_organisation()
        secret = import_data.warehouse_token()
        items = []
        for r in import_data.readings(measures, args.periods, args.seed):
            item: dict[str, Any] = {"measure": r.measure, "unit": r.unit, "period": r.period.isoformat()}
            if r.value is not None:
                item["value"] = round(r.value, 2)
            else:
                item["numerator"], item["denominator"] = r.numerator, r.denominator
            items.append(item)
        bodies = [
            json.dumps({"items": items[i : i + args.batch]}).encode()
            for i in range(0, len(items), args.batch)
        ]
        print(
            f"# {connection.vendor}: {len(measures)} measures, {len(items)} observations in {len(bodies)} "
            f"requests of up to {args.batch}, {sum(map(len, bodies)) / 1e6:.0f} MB of JSON, "
            f"set up in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        backend = _backend_pid(connection)
        client = Client()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        started, cpu, server_cpu = time.perf_counter(), time.process_time(), _cpu_of(backend)
        for number, body in enumerate(bodies):
            response = client.post(
                "/api/v1/observations/bulk", body, content_type="application/json",
                HTTP_IDEMPOTENCY_KEY=f"bench-{number}", **headers,
            )  # fmt: skip
            if response.status_code != 200:
                raise SystemExit(f"request {number}: {response.status_code} {response.content[:500]!r}")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        server_cpu = _cpu_of(backend) - server_cpu
        # On a shared machine the wall clock includes waiting for the CPU; this is the work itself:
        # this process (HTTP, JSON, checks, SPC) and, on PostgreSQL, its server process.
        print(
            f"# CPU: {cpu:.1f} s in this process, {server_cpu:.1f} s in the database server; "
            f"{len(items) / (cpu + server_cpu) * 60:.0f} observations per CPU-minute",
            file=sys.stderr,
        )
        assert Observation.objects.count() == len(items)
        connection.close()
    print(
        f"api_bulk_seconds={seconds:.1f} observations={len(items)} "
        f"observations_per_minute={len(items) / seconds * 60:.0f}"
    )


if __name__ == "__main__":
    main()
