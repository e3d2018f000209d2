"""Server time and query count of the integrated quality report, and the board pack's PDF time.

Run from the repository root: `.venv/bin/python benchmarks/report_pages.py` (fresh SQLite files
under /tmp), or with `--database postgres://…/<empty db>`. Three figures, each on its own data:

* the demo trust's report page (the `openqms demo` trust, every demo series), and Medicine's,
  to show the query count does not grow with the number of series; and the trust's draft for
  four months back, whose charts are recomputed over the points up to its end;
* a report page over 2,000 series (benchmarks/control_pages.py's trust: 200 teams of 10 measures,
  24 months each), and over one division's 200 of them;
* the board pack's PDF of a trust with 60 measures whose charts all need attention.

Times are the median of 5 requests after one warm-up: wall-clock milliseconds, and the process's
CPU milliseconds beside them (on a shared machine the wall clock also counts other people's work).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "x-Pack-Bench-2026"  # noqa: S105 (a person in a throwaway database)
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "benchmarks")]


def _setup(database: str | None) -> None:
    os.environ["DATABASE_URL"] = database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'report.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openqms.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def page(person: Any, url: str, runs: int = 5) -> tuple[float, float, int, int]:
    """Median wall and CPU milliseconds, the query count and the page's size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(person)
    client.get(url)
    wall, cpu, queries, size = [], [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, ticks = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - ticks) * 1000)
        assert response.status_code == 200, response.status_code
        queries, size = len(captured.captured_queries), len(response.content)
    return statistics.median(wall), statistics.median(cpu), queries, size


def _report(unit: Any, person: Any, *, months_back: int = 0) -> str:
    from django.urls import reverse
    from django.utils import timezone

    from openqms.reporting.periods import Period
    from openqms.reporting.services.reports import start_report

    period = Period.containing(timezone.localdate())
    for _ in range(months_back):
        period = period.previous
    report = start_report(actor=person, unit=unit, period=period)
    return reverse("reporting:report", args=[report.pk])


def demo_trust(engine: str) -> None:
    from django.core.management import call_command

    from openqms.control.models import Measure
    from openqms.demo.selectors import demo_organisation, person_on

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    organisation = demo_organisation()
    assert organisation is not None
    board = organisation.units.get(parent__isnull=True)
    leader = person_on(board, "senior_leader")
    series = Measure.objects.filter(unit__organisation=organisation).count()
    for label, unit in (("Medicine", organisation.units.get(code="MED")), ("the trust", board)):
        wall, cpu, queries, size = page(leader, _report(unit, leader))
        count = Measure.objects.filter(unit__path__startswith=unit.path).count()
        print(f"[{engine}] demo report page, {label} ({count} of {series} series): "
              f"{wall:.0f} ms ({cpu:.0f} ms CPU), {queries} queries, {size / 1024:.0f} KiB")  # fmt: skip
    # The demo publishes the last three months' reports; a draft four months back recomputes every
    # chart with points since, over its points up to the period's end.
    wall, cpu, queries, size = page(leader, _report(board, leader, months_back=4))
    print(f"[{engine}] demo report page, the trust, four months back (charts recomputed): "
          f"{wall:.0f} ms ({cpu:.0f} ms CPU), {queries} queries, {size / 1024:.0f} KiB")  # fmt: skip


def two_thousand(engine: str) -> None:
    from control_pages import build_trust_summary

    built = build_trust_summary()
    for label, unit, series in (("a division", built["division"], 200), ("the board", built["board"], 2000)):
        wall, cpu, queries, size = page(built["person"], _report(unit, built["person"]))
        print(f"[{engine}] report page, {label}, {series} series: "
              f"{wall:.0f} ms ({cpu:.0f} ms CPU), {queries} queries, {size / 1024:.0f} KiB")  # fmt: skip


def board_pack(engine: str) -> None:
    import datetime as dt

    import numpy as np

    from openqms.access import services as access
    from openqms.control.imports.checks import DataPoint
    from openqms.control.services.data import save_data
    from openqms.control.services.measures import add_measure, create_definition
    from openqms.organisations import services as organisations
    from openqms.people import services as people
    from openqms.reporting import contents, rendering
    from openqms.reporting.models import Report

    rng = np.random.default_rng(5)
    org = organisations.create_organisation(actor=None, name="Pack Trust", code="PACK")
    board = org.units.get(parent__isnull=True)
    months = [dt.date(2023 + i // 12, i % 12 + 1, 1) for i in range(36)]
    points = []
    for i in range(60):
        team = organisations.create_unit(
            actor=None, organisation=org, parent=board, name=f"Team {i}", kind="team", code=f"P{i}"
        )
        definition = create_definition(
            actor=None, owner_unit=board, code=f"P{i}", name=f"Pack measure {i}", definition="Counted.",
            unit_of_measurement="count", measure_type="outcome", quality_domain="safe", direction="decrease",
            frequency="monthly",
        )  # fmt: skip
        measure = add_measure(actor=None, definition=definition, unit=team)
        values = [float(v) for v in rng.normal(50, 5, 36)]
        values[-8:] = [v + 15 for v in values[-8:]]  # a shift upwards, lower being better: a concern
        points += [DataPoint(measure.pk, day, value=v) for day, v in zip(months, values, strict=True)]
    save_data(actor=None, points=points, source="benchmark")
    leader = people.create_person(
        actor=None, username="pack-senior", full_name="Pack Senior", password=PASSWORD
    )
    access.grant_role(
        actor=None, person=leader, unit=board, role="senior_leader", starts_on=dt.date(2024, 1, 1)
    )
    report = Report.objects.create(unit=board, period_start=dt.date(2025, 12, 1))
    started, ticks = time.perf_counter(), time.process_time()
    data = contents.build(leader, report)
    pdf = rendering.pdf_bytes(data)
    wall, cpu = time.perf_counter() - started, time.process_time() - ticks
    print(f"[{engine}] board pack PDF, 60 measures with {len(data['charts'])} charts: "
          f"{wall:.1f} s ({cpu:.1f} s CPU), {len(pdf) / 1024:.0f} KiB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a DATABASE_URL; a fresh SQLite file when left out")
    parser.add_argument("--only", choices=["demo", "2000", "pdf"], help="one figure only")
    args = parser.parse_args()
    _setup(args.database)
    from django.db import connection

    engine = connection.vendor
    for name, run in (("demo", demo_trust), ("2000", two_thousand), ("pdf", board_pack)):
        if args.only in (None, name):
            run(engine)


if __name__ == "__main__":
    main()
