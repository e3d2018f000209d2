"""Kill an import with SIGKILL at random moments and prove that nothing is ever half-written.

Run from the repository root (`make faults` runs both databases at full size):

    .venv/bin/python benchmarks/faults.py                                   # SQLite
    .venv/bin/python benchmarks/faults.py --postgres postgres://openqms:openqms@127.0.0.1:5432/postgres

It builds an organisation (50 wards × 100 measure definitions: 5,000 measures, as in
benchmarks/import_data.py) and a CSV of 100,000 observations, and keeps that database as the
base. A first, undisturbed `openqms import-data` gives the state after. Then, for each of `--kills`
trials: the base is copied afresh, the import starts as its own process, and at a random moment
between its start and its expected end it is killed with SIGKILL. The database must then be wholly
before or wholly after (its observations, SPC snapshots and audit entries counted), and its audit
chain must verify. The import is then run again to the end, and the database must be exactly the
state after: a re-run adds nothing twice.

The last line of standard output is the figure to read:

    kills=<n> before=<b> after=<a> broken=0 database=<vendor> rows=<rows>

and the script exits 1 if any trial was broken.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


class State(NamedTuple):
    observations: int
    audit_entries: int
    snapshots: int
    points_in_snapshots: int


class Databases:
    """The base and the working copy of one database server, and how to reset one to the other."""

    def __init__(self, tmp: Path, postgres: str | None) -> None:
        self.postgres = postgres
        if postgres:
            import dj_database_url

            base = dj_database_url.parse(postgres)
            self.server = postgres
            # Named for this process, so that two runs on one server keep apart.
            self.work_name, self.base_name = (
                f"openqms_faults_{os.getpid()}",
                f"openqms_faults_{os.getpid()}_base",
            )
            self.work_url = postgres.rsplit("/", 1)[0] + "/" + self.work_name
            self.vendor = "postgresql" if base["ENGINE"].endswith("postgresql") else base["ENGINE"]
            self._sql(
                f"DROP DATABASE IF EXISTS {self.work_name}", f"DROP DATABASE IF EXISTS {self.base_name}"
            )
            self._sql(f"CREATE DATABASE {self.work_name}")
        else:
            self.work_path, self.base_path = tmp / "work.sqlite3", tmp / "base.sqlite3"
            self.work_url = f"sqlite:///{self.work_path}"
            self.vendor = "sqlite"

    def _sql(self, *statements: str) -> None:
        import psycopg

        assert self.postgres
        with psycopg.connect(self.postgres, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def keep_as_base(self) -> None:
        if self.postgres:
            self._sql(f"CREATE DATABASE {self.base_name} TEMPLATE {self.work_name}")
        else:
            shutil.copy(self.work_path, self.base_path)

    def reset(self) -> None:
        if self.postgres:
            self._sql(
                f"DROP DATABASE IF EXISTS {self.work_name} WITH (FORCE)",
                f"CREATE DATABASE {self.work_name} TEMPLATE {self.base_name}",
            )
        else:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.work_path}{suffix}").unlink(missing_ok=True)
            shutil.copy(self.base_path, self.work_path)

    def drop(self) -> None:
        if self.postgres:
            self._sql(
                f"DROP DATABASE IF EXISTS {self.work_name} WITH (FORCE)",
                f"DROP DATABASE IF EXISTS {self.base_name}",
            )


def state() -> State:
    from django.db import connection
    from django.db.models import Sum

    from openqms.audit.models import AuditEntry
    from openqms.control.models import Observation, SpcSnapshot

    found = State(
        Observation.objects.count(),
        AuditEntry.objects.count(),
        SpcSnapshot.objects.count(),
        SpcSnapshot.objects.aggregate(n=Sum("n_points"))["n"] or 0,
    )
    connection.close()  # the import process must find the database free
    return found


def chain_intact() -> bool:
    from django.db import connection

    from openqms.audit.services import verify_chain

    report = verify_chain()
    connection.close()
    return report.intact


def import_process(data: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from openqms.cli import main; main()"]
    return subprocess.Popen(  # noqa: S603 (this interpreter, and a file this script wrote)
        [*command, "import-data", str(data), "--system", "--no-progress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run_to_end(data: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = import_process(data, env)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the import failed:\n{err.decode()}")
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postgres", help="a PostgreSQL server's URL (its maintenance database); default SQLite")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--wards", type=int, default=50)
    ap.add_argument("--definitions", type=int, default=100)
    ap.add_argument("--periods", type=int, default=20, help="observations per measure")
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory(prefix="openqms-faults-") as tmp_name:
        tmp = Path(tmp_name)
        dbs = Databases(tmp, a.postgres)
        env: dict[str, Any] = {
            **os.environ,
            "DATABASE_URL": dbs.work_url,
            "DJANGO_SETTINGS_MODULE": "openqms.settings.test",
            "OPENQMS_VAR_DIR": str(tmp / "var"),
        }
        os.environ.update(env)
        import django

        django.setup()
        from import_data import build_organisation, write_csv

        measures = build_organisation(wards=a.wards, definitions=a.definitions)
        data = tmp / "extract.csv"
        rows = write_csv(data, measures, a.periods, a.seed)
        before = state()
        dbs.keep_as_base()
        seconds = run_to_end(data, env)
        after = state()
        if after.observations != before.observations + rows or not chain_intact():
            raise SystemExit(f"the undisturbed import did not give the expected state: {after}")
        print(f"# {dbs.vendor}: {rows} rows; an undisturbed import takes {seconds:.1f} s", file=sys.stderr)
        print(f"# before {before}\n# after  {after}", file=sys.stderr)
        counts = {"before": 0, "after": 0, "broken": 0}
        for trial in range(1, a.kills + 1):
            dbs.reset()
            at = rng.uniform(0.05, 1.05) * seconds
            process = import_process(data, env)
            time.sleep(at)
            finished = process.poll() is not None
            if not finished:
                process.send_signal(signal.SIGKILL)
            process.wait()
            found = state()
            intact = chain_intact()
            outcome = "before" if found == before else "after" if found == after else "broken"
            if not intact:
                outcome = "broken"
            run_to_end(data, env)
            rerun = state()
            if rerun != after or not chain_intact():
                outcome = "broken"
            counts[outcome] += 1
            how = "finished first" if finished else f"killed at {at:.1f} s"
            print(
                f"trial {trial:2d}: {how:<16} → {outcome}; audit chain {'verifies' if intact else 'BROKEN'}; "
                f"the re-run gave {'exactly the state after' if rerun == after else rerun}",
                file=sys.stderr,
            )
        dbs.drop()
    print(
        f"kills={a.kills} before={counts['before']} after={counts['after']} broken={counts['broken']} "
        f"database={dbs.vendor} rows={rows}"
    )
    return 1 if counts["broken"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
