"""Time `openqms import-data` end to end on a million data points in a fresh database.

Run from the repository root:

    .venv/bin/python benchmarks/import_data.py                       # SQLite, in a temporary file
    su postgres -c "createdb -O openqms openqms_bench"
    DATABASE_URL=postgres://openqms:openqms@127.0.0.1:5432/openqms_bench \
        .venv/bin/python benchmarks/import_data.py
    su postgres -c "dropdb openqms_bench"

It migrates the database, creates one organisation with 50 wards and 100 measure definitions
reported by every ward (5,000 measures: XmR values, XmR ratios and p-chart proportions, weekly and
monthly), writes a seeded CSV of 5,000 measures × 200 periods, then imports it in-process exactly
as the command line does (checked, saved with one audit entry per measure, SPC recomputed). The
last line of standard output is the figure to read:

    import_seconds=<s> rows=<n> rows_per_second=<r>

With --reimport it then imports the same file again (nothing changes) and reports that on stderr.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

WARDS = 50
DEFINITIONS = 100


def setup_django(sqlite_path: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{sqlite_path}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "openqms.settings.test"
    import django

    django.setup()


def build_organisation(
    wards: int = WARDS, definitions: int = DEFINITIONS
) -> list[tuple[str, str, str, str, str]]:
    """The organisation, wards, definitions and measures, as (definition, unit, frequency, shape, chart)."""
    from django.core.management import call_command

    from openqms.control.models import Measure, MeasureDefinition
    from openqms.organisations import services as organisations
    from openqms.organisations.selectors import domain_for

    call_command("migrate", verbosity=0)
    org = organisations.create_organisation(actor=None, name="Benchmark Hospitals", code="BEN")
    board = org.units.get(parent__isnull=True)
    units = [
        organisations.create_unit(
            actor=None, organisation=org, parent=board, name=f"Ward {i}", kind="ward", code=f"W{i:03d}"
        )
        for i in range(wards)
    ]
    safe = domain_for(org, "safe")
    library = []
    for i in range(definitions):
        share = i / definitions  # 70% values, 15% ratios on XmR, 15% proportions on a p chart
        kind = "value" if share < 0.7 else ("ratio_xmr" if share < 0.85 else "proportion")
        library.append(
            MeasureDefinition(
                organisation=org,
                owner_unit=board,
                code=f"M{i:03d}",
                name=f"Measure {i}",
                definition="Benchmark measure.",
                unit_of_measurement="count" if kind == "value" else "per 100",
                measure_type="outcome",
                quality_domain=safe,
                direction="decrease" if i % 2 else "increase",
                frequency="weekly" if i % 3 else "monthly",
                chart_type="p" if kind == "proportion" else "xmr",
                data_shape="value" if kind == "value" else "ratio",
                multiplier=1.0 if kind == "value" else 100.0,
            )
        )
    MeasureDefinition.objects.bulk_create(library)
    library = list(MeasureDefinition.objects.filter(organisation=org).order_by("code"))
    Measure.objects.bulk_create([Measure(definition=d, unit=w) for d in library for w in units])
    return [(d.code, w.code, d.frequency, d.data_shape, d.chart_type) for d in library for w in units]


def periods(frequency: str, count: int) -> list[dt.date]:
    if frequency == "weekly":
        last = dt.date(2026, 9, 28)  # a Monday
        return [last - dt.timedelta(weeks=count - 1 - i) for i in range(count)]
    out = []
    index = 2026 * 12 + 8 - (count - 1)
    for i in range(count):
        month = index + i
        out.append(dt.date(month // 12, month % 12 + 1, 1))
    return out


class Reading(NamedTuple):
    """One generated period of one measure: a value, or a numerator and a denominator."""

    measure: str
    unit: str
    period: dt.date
    value: float | None
    numerator: int | None
    denominator: int | None


def readings(measures: list[tuple[str, str, str, str, str]], n_periods: int, seed: int) -> Iterator[Reading]:
    """Seeded data for the measures: every benchmark that sends the organisation data sends these."""
    rng = random.Random(seed)
    for code, unit, frequency, shape, chart in measures:
        level = rng.uniform(5, 500)
        for day in periods(frequency, n_periods):
            if shape == "value":
                yield Reading(code, unit, day, rng.gauss(level, level * 0.1), None, None)
            else:
                denominator = rng.randint(50, 400)
                share = 0.8 if chart == "p" else 0.05
                numerator = min(denominator, max(0, round(rng.gauss(denominator * share, 4))))
                yield Reading(code, unit, day, None, numerator, denominator)


def warehouse_token() -> str:
    """A data warehouse's token on the organisation's board, for the benchmarks that use the API."""
    from openqms.access import services as access
    from openqms.api.services.tokens import create_token
    from openqms.organisations.models import Unit
    from openqms.people import services as people

    board = Unit.objects.get(organisation__code="BEN", parent__isnull=True)
    sender = people.create_person(actor=None, username="warehouse", full_name="Data Warehouse", password=None)
    access.grant_role(
        actor=None, person=sender, unit=board, role="senior_leader", starts_on=dt.date(2024, 1, 1)
    )
    token = create_token(
        actor=None,
        person=sender,
        unit=board,
        name="benchmark",
        permissions={"view_unit", "view", "contribute"},
    )
    return token.secret


def write_csv(path: Path, measures: list[tuple[str, str, str, str, str]], n_periods: int, seed: int) -> int:
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["measure", "unit", "period", "value", "numerator", "denominator"])
        for r in readings(measures, n_periods, seed):
            value = "" if r.value is None else f"{r.value:.2f}"
            numerator = "" if r.numerator is None else r.numerator
            denominator = "" if r.denominator is None else r.denominator
            writer.writerow([r.measure, r.unit, r.period.isoformat(), value, numerator, denominator])
            rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--periods", type=int, default=200, help="periods per measure (default 200)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--progress", action="store_true", help="draw the command's progress bars")
    parser.add_argument("--reimport", action="store_true", help="then import the same file again")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openqms-bench-") as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        measures = build_organisation()
        data = Path(tmp) / "measure-data.csv"
        rows = write_csv(data, measures, args.periods, args.seed)
        print(
            f"# {connection.vendor}: {len(measures)} measures, {rows} rows, "
            f"{data.stat().st_size / 1e6:.0f} MB, set up in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        command = ["import_data", str(data), "--system", *([] if args.progress else ["--no-progress"])]
        started, cpu = time.perf_counter(), time.process_time()
        call_command(*command)
        seconds = time.perf_counter() - started
        # On a shared machine the wall clock includes waiting for the CPU; this is the work itself.
        print(f"# import: {time.process_time() - cpu:.1f} s of CPU in this process", file=sys.stderr)
        if args.reimport:
            again = time.perf_counter()
            call_command(*command)
            print(f"# re-import of the same file: {time.perf_counter() - again:.1f} s", file=sys.stderr)
        connection.close()
    print(f"import_seconds={seconds:.1f} rows={rows} rows_per_second={rows / seconds:.0f}")


if __name__ == "__main__":
    main()
