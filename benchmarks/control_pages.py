"""Server time and query count of the control boards, measured through Django's test client.

Run from the repository root: `.venv/bin/python benchmarks/control_pages.py` (a fresh SQLite file
under /tmp), or with `--database postgres://openqms:openqms@127.0.0.1:5432/<db>` on an empty
PostgreSQL database. The data are built through the services with a fixed seed:

* a board-level summary icon table over 2,000 measure series (200 teams of 10 measures, 24 months
  each), also read at a division of 200 series to show the query count does not grow;
* a team board of 30 measures with three years of data, weekly and daily.

Each figure is the median of 20 requests after one warm-up; one line per figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_PASSWORD = "x-Bench-2026"  # noqa: S105 (people in a throwaway database)
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def _setup(database: str | None) -> None:
    if database:
        os.environ["DATABASE_URL"] = database
    else:
        path = Path(tempfile.mkdtemp()) / "control_pages.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openqms.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _months(n: int) -> list[dt.date]:
    return [dt.date(2023 + i // 12, i % 12 + 1, 1) for i in range(n)]


def _series(rng: Any, n: int, kind: int) -> list[float]:
    values = [float(v) for v in rng.normal(50, 5, n)]
    if kind == 0:  # a shift at the end: a concern or an improvement, depending on direction
        values[-8:] = [v + 15 for v in values[-8:]]
    return values


def build_trust_summary(seed: int = 7) -> dict[str, Any]:
    import numpy as np

    from openqms.access import services as access
    from openqms.control.imports.checks import DataPoint
    from openqms.control.services.data import save_data
    from openqms.control.services.measures import add_measure, create_definition
    from openqms.organisations import services as organisations
    from openqms.people import services as people

    rng = np.random.default_rng(seed)
    org = organisations.create_organisation(actor=None, name="Benchmark Trust", code="BEN")
    board = org.units.get(parent__isnull=True)
    definitions = [
        create_definition(
            actor=None, owner_unit=board, code=f"M{i}", name=f"Measure {i}", definition="Counted.",
            unit_of_measurement="count", measure_type="outcome", quality_domain="safe",
            direction="decrease" if i % 2 else "increase", frequency="monthly",
            default_target=55.0 if i % 3 == 0 else None,
        )
        for i in range(10)
    ]  # fmt: skip
    divisions = []
    points = []
    for d in range(10):
        division = organisations.create_unit(
            actor=None, organisation=org, parent=board, name=f"Division {d}", kind="division", code=f"D{d}"
        )
        divisions.append(division)
        for s in range(2):
            service = organisations.create_unit(
                actor=None, organisation=org, parent=division, name=f"Service {d}.{s}", kind="service",
                code=f"S{d}.{s}",
            )  # fmt: skip
            for t in range(10):
                team = organisations.create_unit(
                    actor=None, organisation=org, parent=service, name=f"Team {d}.{s}.{t}", kind="team",
                    code=f"T{d}.{s}.{t}",
                )  # fmt: skip
                for i, definition in enumerate(definitions):
                    measure = add_measure(actor=None, definition=definition, unit=team)
                    values = _series(rng, 24, (i + t) % 4)
                    points += [
                        DataPoint(measure_id=measure.pk, period_start=day, value=v)
                        for day, v in zip(_months(24), values, strict=True)
                    ]
    save_data(actor=None, points=points, source="benchmark")
    leader = people.create_person(
        actor=None, username="bench-senior", full_name="Bench Senior", password=BENCH_PASSWORD
    )
    access.grant_role(
        actor=None, person=leader, unit=board, role="senior_leader", starts_on=dt.date(2024, 1, 1)
    )
    return {"person": leader, "board": board, "division": divisions[0]}


def build_team(frequency: str, seed: int = 11) -> dict[str, Any]:
    import numpy as np

    from openqms.access import services as access
    from openqms.control.imports.checks import DataPoint
    from openqms.control.services.data import save_data
    from openqms.control.services.measures import add_measure, create_definition
    from openqms.organisations import services as organisations
    from openqms.people import services as people

    rng = np.random.default_rng(seed)
    org = organisations.create_organisation(
        actor=None, name=f"Ward Trust {frequency}", code=f"W{frequency[0]}"
    )
    board = org.units.get(parent__isnull=True)
    ward = organisations.create_unit(
        actor=None, organisation=org, parent=board, name="Ward 7", kind="ward", code="W7"
    )
    step = 7 if frequency == "weekly" else 1
    start = dt.date(2022, 1, 3)  # a Monday
    days = [start + dt.timedelta(days=k) for k in range(0, 3 * 364, step)]
    points = []
    for i in range(30):
        definition = create_definition(
            actor=None, owner_unit=ward, code=f"W{i}", name=f"Ward measure {i}", definition="Counted.",
            unit_of_measurement="count", measure_type="process", quality_domain="safe",
            direction="increase", frequency=frequency, default_target=48.0 if i % 2 else None,
        )  # fmt: skip
        measure = add_measure(actor=None, definition=definition, unit=ward)
        values = _series(rng, len(days), i % 4)
        points += [
            DataPoint(measure_id=measure.pk, period_start=d, value=v)
            for d, v in zip(days, values, strict=True)
        ]
    save_data(actor=None, points=points, source="benchmark")
    nurse = people.create_person(
        actor=None, username=f"bench-nurse-{frequency}", full_name="Bench Nurse", password=BENCH_PASSWORD
    )
    access.grant_role(actor=None, person=nurse, unit=ward, role="team_member", starts_on=dt.date(2024, 1, 1))
    return {"person": nurse, "ward": ward, "points": len(days)}


def measure_page(person: Any, url: str, runs: int = 20) -> tuple[float, int, int]:
    """Median milliseconds, query count of the last run, and the response size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(person)
    client.get(url)  # warm-up: templates compiled, session read
    times = []
    queries = 0
    size = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
        size = len(response.content)
    return statistics.median(times), queries, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a DATABASE_URL; a fresh SQLite file when left out")
    args = parser.parse_args()
    _setup(args.database)
    from django.db import connection
    from django.urls import reverse

    engine = connection.vendor
    built = build_trust_summary()
    for label, unit, series in (("division", built["division"], 200), ("board", built["board"], 2000)):
        ms, queries, _ = measure_page(built["person"], reverse("control:unit-board", args=[unit.pk]))
        print(
            f"[{engine}] summary icon table, {label} level, {series} series: "
            f"{ms:.1f} ms median, {queries} queries"
        )
    for frequency in ("weekly", "daily"):
        team = build_team(frequency)
        ms, queries, size = measure_page(
            team["person"], reverse("control:unit-board", args=[team["ward"].pk])
        )
        print(
            f"[{engine}] team board, 30 measures x 3 years {frequency} ({team['points']} points each): "
            f"{ms:.1f} ms median, {queries} queries, {size / 1024:.0f} KiB"
        )


if __name__ == "__main__":
    main()
