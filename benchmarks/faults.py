"""Kill a write with SIGKILL at random moments and prove that nothing is ever half-written.

Run from the repository root (`make faults` runs every operation on both databases at full size):

    .venv/bin/python benchmarks/faults.py                                   # SQLite, the import
    .venv/bin/python benchmarks/faults.py --operation publish               # publishing a report
    .venv/bin/python benchmarks/faults.py --operation approve               # approving a quality plan
    .venv/bin/python benchmarks/faults.py --postgres postgres://openqms:openqms@127.0.0.1:5432/postgres

Each run builds an organisation (50 wards × 100 measure definitions: 5,000 measures, as in
benchmarks/import_data.py) and keeps that database as the base. What is then killed:

- `import`: `openqms import-data` of a CSV of 100,000 observations, killed at a random moment
  between its start and its expected end;
- `publish`: publishing the trust's report for the month over all 5,000 measures (the data imported
  into the base first), which freezes its contents and body;
- `approve`: approving a ward's quality plan, which sets a target on each of the ward's measures,
  schedules its audits and proposes its projects.

For `publish` and `approve` the operation runs in a child process that says when Django is set up,
and is killed at a random moment of the operation itself: its start-up would otherwise take most of
the kills. A first, undisturbed run gives the state after. Then, for each of `--kills` trials, the
base is copied afresh, the operation starts, and is killed. The database must then be wholly before
or wholly after (its rows counted) and its audit chain must verify. The operation is then run again
to the end, and the database must be exactly the state after: a re-run does nothing twice.

The last line of standard output is the figure to read:

    operation=<op> kills=<n> before=<b> after=<a> broken=0 database=<vendor> rows=<rows>

and the script exits 1 if any trial was broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

REPORT_PERIOD = "2026-09"  # the last month of benchmarks/import_data.py's data
PLAN_YEAR = 2026
PLAN_AUDITS = 4
PLAN_PROJECTS = 3


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


def chain_intact() -> bool:
    from django.db import connection

    from openqms.audit.services import verify_chain

    report = verify_chain()
    connection.close()
    return report.intact


def counted(*values: Any) -> tuple[Any, ...]:
    from django.db import connection

    connection.close()  # the operation's process must find the database free
    return tuple(values)


class Operation:
    """One write to kill: how its base is built, how it runs in its own process, and the state that
    tells before from after."""

    name = ""
    #: Killed from the process's start (the import's start-up is part of what it does) or from the
    #: moment the child says it is ready.
    from_ready = True

    def prepare(self, a: argparse.Namespace, tmp: Path) -> int:
        """Build the base in the working database; the number of rows the operation writes."""
        raise NotImplementedError

    def command(self) -> list[str]:
        return [sys.executable, str(Path(__file__).resolve()), "--child", self.name]

    def run(self) -> None:
        """What the child process does (the import runs the command line instead)."""
        raise NotImplementedError

    def state(self) -> tuple[Any, ...]:
        raise NotImplementedError


class Import(Operation):
    name = "import"
    from_ready = False

    def prepare(self, a: argparse.Namespace, tmp: Path) -> int:
        from import_data import build_organisation, write_csv

        measures = build_organisation(wards=a.wards, definitions=a.definitions)
        self.data = tmp / "extract.csv"
        return write_csv(self.data, measures, a.periods, a.seed)

    def command(self) -> list[str]:
        interpreter = [sys.executable, "-c", "from openqms.cli import main; main()"]
        return [*interpreter, "import-data", str(self.data), "--system", "--no-progress"]

    def state(self) -> tuple[Any, ...]:
        from django.db.models import Sum

        from openqms.audit.models import AuditEntry
        from openqms.control.models import Observation, SpcSnapshot

        return counted(
            Observation.objects.count(),
            AuditEntry.objects.count(),
            SpcSnapshot.objects.count(),
            SpcSnapshot.objects.aggregate(n=Sum("n_points"))["n"] or 0,
        )


def organisation_with_data(a: argparse.Namespace, tmp: Path) -> int:
    """The benchmark organisation with its observations imported and its SPC computed."""
    from django.core.management import call_command
    from import_data import build_organisation, write_csv

    measures = build_organisation(wards=a.wards, definitions=a.definitions)
    data = tmp / "extract.csv"
    rows = write_csv(data, measures, a.periods, a.seed)
    call_command("import_data", str(data), "--system", "--no-progress", stdout=io.StringIO())
    return rows


def person(username: str, unit: Any, role: str) -> Any:
    from openqms.access.services import grant_role
    from openqms.people.services import create_person

    user = create_person(actor=None, username=username, full_name=username, password=None)
    grant_role(actor=None, person=user, unit=unit, role=role)
    return user


class Publish(Operation):
    name = "publish"

    def prepare(self, a: argparse.Namespace, tmp: Path) -> int:
        from openqms.control.models import Measure
        from openqms.organisations.models import Unit
        from openqms.reporting.periods import Period
        from openqms.reporting.services.reports import start_report, update_cover

        organisation_with_data(a, tmp)
        board = Unit.objects.get(parent__isnull=True)
        secretary = person("faults.secretary", board, "senior_leader")
        report = start_report(actor=secretary, unit=board, period=Period.parse(REPORT_PERIOD))
        update_cover(actor=secretary, report=report, assurance_level="reasonable")
        return Measure.objects.count()

    def run(self) -> None:
        from django.contrib.auth import get_user_model

        from openqms.reporting.models import Report
        from openqms.reporting.services.reports import publish

        actor = get_user_model().objects.get(username="faults.secretary")
        publish(actor=actor, report=Report.objects.get())

    def state(self) -> tuple[Any, ...]:
        from openqms.audit.models import AuditEntry
        from openqms.reporting.models import Report

        report = Report.objects.get()
        return counted(
            report.status,
            bool(report.frozen_data),
            bool(report.frozen_html),
            report.published_by_id,
            AuditEntry.objects.count(),
        )


class Approve(Operation):
    name = "approve"

    def prepare(self, a: argparse.Namespace, tmp: Path) -> int:
        from openqms.assurance.services.templates import add_question, create_template, publish_version
        from openqms.control.models import Measure
        from openqms.organisations import strategy_services
        from openqms.organisations.models import Organisation, Unit
        from openqms.planning.services import plans
        from openqms.planning.services import strategy as planning

        organisation_with_data(a, tmp)
        organisation = Organisation.objects.get()
        board = Unit.objects.get(parent__isnull=True)
        ward = board.children.order_by("code").first()
        person("faults.director", board, "senior_leader")
        leader = person("faults.wardleader", ward, "team_leader")
        goal = strategy_services.add_goal(actor=None, organisation=organisation, title="Safer care")
        priorities = [planning.add_priority(actor=None, goal=goal, title=f"Priority {i}") for i in range(3)]
        plan = plans.create_plan(actor=leader, unit=ward, year=PLAN_YEAR)
        items = [plans.add_priority(actor=leader, plan=plan, priority=p) for p in priorities]
        measures = list(Measure.objects.filter(unit=ward).order_by("definition__code"))
        for i, measure in enumerate(measures):
            plans.add_target(actor=leader, plan_priority=items[i % 3], measure=measure, target=10.0)
        template = create_template(actor=None, owner_unit=board, code="FLT", name="Falls bundle")
        version = template.versions.get()
        add_question(actor=None, version=version, text="Was the falls bundle done?", answer_type="yes_no")
        publish_version(actor=None, version=version)
        for i in range(PLAN_AUDITS):
            due = plan.starts_on + dt.timedelta(days=30 + 60 * i)
            plans.add_audit(actor=leader, plan_priority=items[i % 3], template=template, due_on=due)
        for i in range(PLAN_PROJECTS):
            plans.add_project(
                actor=leader,
                plan_priority=items[i],
                title=f"Project {i}",
                aim=f"Better measure {i}",
                aim_measure=measures[i],
                aim_target=5.0,
                lead=leader,
            )
        plans.submit(actor=leader, plan=plan)
        return len(measures) + PLAN_AUDITS + PLAN_PROJECTS

    def run(self) -> None:
        from django.contrib.auth import get_user_model

        from openqms.planning.models import QualityPlan
        from openqms.planning.services.plans import approve

        actor = get_user_model().objects.get(username="faults.director")
        approve(actor=actor, plan=QualityPlan.objects.get())

    def state(self) -> tuple[Any, ...]:
        from openqms.assurance.models import AuditRun
        from openqms.audit.models import AuditEntry
        from openqms.control.models import TargetChange
        from openqms.improvement.models import Project
        from openqms.planning.models import QualityPlan

        return counted(
            QualityPlan.objects.get().status,
            TargetChange.objects.count(),
            AuditRun.objects.count(),
            Project.objects.count(),
            AuditEntry.objects.count(),
        )


OPERATIONS: dict[str, type[Operation]] = {op.name: op for op in (Import, Publish, Approve)}


def child(name: str) -> None:
    """Run one operation in this process: say when Django is ready, then do it and say how long."""
    import django

    django.setup()
    operation = OPERATIONS[name]()
    print("ready", flush=True)
    started = time.perf_counter()
    operation.run()
    print(f"{time.perf_counter() - started:.3f}", flush=True)


def start(operation: Operation, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(  # noqa: S603 (this interpreter, and a file this script wrote)
        operation.command(), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    if operation.from_ready:
        assert process.stdout is not None
        line = process.stdout.readline()
        if line.strip() != b"ready":
            _, err = process.communicate()
            raise SystemExit(f"the {operation.name} did not start:\n{err.decode()}")
    return process


def run_to_end(operation: Operation, env: dict[str, str]) -> float:
    """Run the operation undisturbed; how long the operation itself took."""
    started = time.perf_counter()
    process = start(operation, env)
    if operation.from_ready:
        started = time.perf_counter()
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the {operation.name} failed:\n{err.decode()}")
    lines = out.decode().split()
    return float(lines[-1]) if operation.from_ready and lines else time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--operation", choices=sorted(OPERATIONS), default="import")
    ap.add_argument("--postgres", help="a PostgreSQL server's URL (its maintenance database); default SQLite")
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--wards", type=int, default=50)
    ap.add_argument("--definitions", type=int, default=100)
    ap.add_argument("--periods", type=int, default=20, help="observations per measure")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--child", choices=sorted(OPERATIONS), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        child(a.child)
        return 0
    rng = random.Random(a.seed)
    operation = OPERATIONS[a.operation]()
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
        rows = operation.prepare(a, tmp)
        before = operation.state()
        dbs.keep_as_base()
        seconds = run_to_end(operation, env)
        after = operation.state()
        if after == before or not chain_intact():
            raise SystemExit(f"the undisturbed {operation.name} did not give a new state: {after}")
        print(f"# {dbs.vendor}: an undisturbed {operation.name} takes {seconds:.2f} s", file=sys.stderr)
        print(f"# before {before}\n# after  {after}", file=sys.stderr)
        counts = {"before": 0, "after": 0, "broken": 0}
        for trial in range(1, a.kills + 1):
            dbs.reset()
            at = rng.uniform(0.05, 1.05) * seconds
            process = start(operation, env)
            time.sleep(at)
            finished = process.poll() is not None
            if not finished:
                process.send_signal(signal.SIGKILL)
            process.wait()
            found = operation.state()
            intact = chain_intact()
            outcome = "before" if found == before else "after" if found == after else "broken"
            if not intact:
                outcome = "broken"
            run_to_end(operation, env)
            rerun = operation.state()
            if rerun != after or not chain_intact():
                outcome = "broken"
            counts[outcome] += 1
            how = "finished first" if finished else f"killed at {at:.2f} s"
            print(
                f"trial {trial:2d}: {how:<16} → {outcome}; audit chain {'verifies' if intact else 'BROKEN'}; "
                f"the re-run gave {'exactly the state after' if rerun == after else rerun}",
                file=sys.stderr,
            )
        dbs.drop()
    print(
        f"operation={operation.name} kills={a.kills} before={counts['before']} after={counts['after']} "
        f"broken={counts['broken']} database={dbs.vendor} rows={rows}"
    )
    return 1 if counts["broken"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
