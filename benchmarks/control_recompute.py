"""Control's recompute of every measure of the demo trust, end to end, with the time of each phase.

Run from the repository root: `.venv/bin/python benchmarks/control_recompute.py` (a fresh SQLite
file under /tmp), or with `--database postgres://openqms:openqms@127.0.0.1:5432/<db>` on an empty
PostgreSQL database. It loads the demo trust as `openqms demo` does (same seed, today's date),
then times `control.services.recompute` over all its measures, the way a data import ends:

* load: reading the measures' data, targets and recalculations (`load_measure_data`);
* compute: their charts (`spc_adapter.compute_measures`: the XmR ones in one batch);
* store: the snapshot rows (JSON and sparkline, `spc_adapter.snapshot_fields`) and writing them.

The figures are those of the quickest of `--repeats` runs. The baseline, in the same process, is what
building every `Point` of the same results costs: what storing them did before the results were
columns, and no longer pays.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def _setup(database: str | None) -> None:
    if database:
        os.environ["DATABASE_URL"] = database
    else:
        path = Path(tempfile.mkdtemp()) / "control_recompute.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openqms.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def load_demo(seed: int) -> float:
    """Load the demo trust; the seconds it took."""
    from django.utils import timezone

    from openqms.demo import control_data
    from openqms.demo.generator import plan_demo

    today = timezone.localdate()
    started = time.perf_counter()
    demo = control_data.plan_control_demo(plan=plan_demo(seed=seed, today=today), seed=seed, today=today)
    control_data.load_demo_trust(demo=demo)
    return time.perf_counter() - started


def timed(spent: dict[str, float], phase: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[phase] += time.perf_counter() - started

    return run


def recompute_by_phase(measure_ids: list[int]) -> dict[str, float]:
    """One recompute of the measures, with the seconds spent in each phase."""
    from openqms.control import services

    spent: dict[str, float] = defaultdict(float)
    # What recompute calls for each phase, looked up in services' namespace when it calls them.
    phases = {"load_measure_data": "load", "compute_measures": "compute", "snapshot_fields": "rows"}
    originals = {name: getattr(services, name) for name in phases}
    for name, fn in originals.items():
        setattr(services, name, timed(spent, phases[name], fn))
    try:
        started = time.perf_counter()
        services.recompute(measure_ids=measure_ids)
        spent["total"] = time.perf_counter() - started
    finally:
        for name, fn in originals.items():
            setattr(services, name, fn)
    spent["write"] = spent["total"] - spent["load"] - spent["compute"] - spent["rows"]
    spent["store"] = spent["rows"] + spent["write"]
    return spent


def points_baseline(measure_ids: list[int]) -> float:
    """Seconds to build every Point of the measures' results, computed afresh."""
    from openqms.control.services import load_measure_data
    from openqms.control.spc_adapter import compute_measures

    data = [d for d in load_measure_data(measure_ids) if d.periods]
    results = compute_measures(data)
    started = time.perf_counter()
    for result in results:
        tuple(result.points)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a DATABASE_URL; a fresh SQLite file when left out")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    _setup(args.database)
    from django.db import connection

    from openqms.control.models import Measure, Observation
    from openqms.demo.generator import DEFAULT_SEED

    engine = connection.vendor
    loading = load_demo(DEFAULT_SEED)
    ids = list(Measure.objects.order_by("pk").values_list("pk", flat=True))
    print(
        f"[{engine}] demo loaded: {len(ids)} measures, {Observation.objects.count():,} data points, "
        f"in {loading:.1f} s (not part of the figures below)"
    )
    best = min((recompute_by_phase(ids) for _ in range(args.repeats)), key=lambda run: run["total"])
    baseline = min(points_baseline(ids) for _ in range(args.repeats))
    print(
        f"[{engine}] baseline: building every Point of the same results takes {baseline:.3f} s "
        "(what storing them cost before the results were columns)"
    )
    print(
        f"[{engine}] recompute of {len(ids)} measures, best of {args.repeats}: load {best['load']:.3f} s, "
        f"compute {best['compute']:.3f} s, store {best['store']:.3f} s (snapshot rows {best['rows']:.3f} s, "
        f"writing {best['write']:.3f} s); total {best['total']:.3f} s"
    )


if __name__ == "__main__":
    main()
