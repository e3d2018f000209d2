"""MeasureReports per minute through POST /api/fhir/ (a transaction Bundle), and a search page's time.

Run from the repository root:

    .venv/bin/python benchmarks/fhir_import.py [--wards 10] [--definitions 100] [--periods 10]

Without DATABASE_URL it runs on a temporary SQLite file. It builds the organisation of
benchmarks/import_data.py (by default 10 wards × 100 definitions = 1,000 measures), gives a senior
leader a token on the board, and sends `--periods` periods of every measure as one Bundle (by
default 10,000 MeasureReports) through Django's test client: parsed with fhir.resources' models,
read into rows, checked whole by control's import, saved with one audit entry per measure and SPC
recomputed, as a client's would be. Then it times `GET /api/fhir/MeasureReport?_count=100` pages.
The Bundle is built before the clock starts (that is the client's work). The last line is the figure:

    fhir_import_seconds=<s> reports=<n> reports_per_minute=<r> search_page_ms=<p50>
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]
POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--wards", type=int, default=10)
    parser.add_argument("--definitions", type=int, default=100)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openqms-bench-fhir-") as tmp:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        os.environ["DJANGO_SETTINGS_MODULE"] = "openqms.settings.test"
        import django

        django.setup()
        import import_data  # benchmarks/import_data.py: the same organisation
        from django.db import connection
        from django.test import Client

        from openqms.control.models import MeasureDefinition, Observation
        from openqms.organisations.models import Unit

        measures = import_data.build_organisation(wards=args.wards, definitions=args.definitions)
        secret = import_data.warehouse_token()
        definition_ids = dict(MeasureDefinition.objects.values_list("code", "pk"))
        unit_ids = dict(Unit.objects.values_list("code", "pk"))
        entries = []
        for r in import_data.readings(measures, args.periods, args.seed):
            if r.value is not None:
                group: dict[str, Any] = {"measureScore": {"value": round(r.value, 2)}}
            else:
                group = {
                    "population": [
                        {
                            "code": {"coding": [{"system": POPULATION, "code": "numerator"}]},
                            "count": r.numerator,
                        },
                        {
                            "code": {"coding": [{"system": POPULATION, "code": "denominator"}]},
                            "count": r.denominator,
                        },
                    ]
                }
            report = {
                "resourceType": "MeasureReport",
                "status": "complete",
                "type": "summary",
                "measure": f"Measure/{definition_ids[r.measure]}",
                "reporter": {"reference": f"Organization/{unit_ids[r.unit]}"},
                "period": {"start": r.period.isoformat()},
                "group": [group],
            }
            entries.append({"resource": report, "request": {"method": "POST", "url": "MeasureReport"}})
        body = json.dumps({"resourceType": "Bundle", "type": "transaction", "entry": entries}).encode()
        print(
            f"# {connection.vendor}: {len(measures)} measures, {len(entries)} MeasureReports in one Bundle "
            f"of {len(body) / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}",
            file=sys.stderr,
        )
        client = Client()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post("/api/fhir/", body, content_type="application/fhir+json", **headers)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if response.status_code != 200:
            raise SystemExit(f"{response.status_code} {response.content[:500]!r}")
        assert Observation.objects.count() == len(entries)
        print(f"# import: {seconds:.1f} s wall, {cpu:.1f} s CPU in this process", file=sys.stderr)
        timings, url = [], "/api/fhir/MeasureReport?_count=100"
        for _ in range(10):
            started = time.perf_counter()
            page = client.get(url, **headers).json()
            timings.append((time.perf_counter() - started) * 1000)
            following = [link["url"] for link in page["link"] if link["relation"] == "next"]
            url = following[0].removeprefix("http://testserver") if following else url
        print(f"# search pages of 100: {', '.join(f'{t:.0f}' for t in timings)} ms", file=sys.stderr)
        connection.close()
    print(
        f"fhir_import_seconds={seconds:.1f} reports={len(entries)} "
        f"reports_per_minute={len(entries) / seconds * 60:.0f} "
        f"search_page_ms={statistics.median(timings):.0f}"
    )


if __name__ == "__main__":
    main()
