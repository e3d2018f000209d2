"""Load: the demo trust on PostgreSQL, served by gunicorn with the production settings, under
Locust's simulated people following the journeys of the demo's roles. Stops by itself.

Run from the repository root (`make load` does this against the CI PostgreSQL server):

    .venv/bin/python benchmarks/load.py --postgres postgres://openqms:openqms@127.0.0.1:5432/postgres

It creates the database `openqms_load` on that server (migrated, with the demo trust) unless it is
there already, collects the static files, starts gunicorn on loopback, then runs `--users`
simulated people (default 100) for `--seconds` (default 180). They arrive evenly over the first
`--ramp` seconds (default 60) and each signs in through the real form as one of the demo logins,
then follows links the pages offer, as that role would: My QMS, the board, a measure, the
assurance and improvement pages, the action tracker, a unit page, reading each page for `--think`
seconds (default 5 to 15) before the next. Now and then each reads the API's lists of measures and
actions with a token of their login (made for the run by `openqms create-token`), and those who may
add data send one measure's latest period again, corrected, to the bulk endpoint. The API's p95 is
reported apart from the pages'.

First, for `--warm-up` seconds (default 20), twice as many people as there are workers follow the
journeys without pausing, and their figures are forgotten (not their errors, which fail the run):
each worker compiles its templates and fills its caches on its first requests, as a server that
has been up since the morning has long done.

The defaults are the realistic profile (ADR 37): a shift's worth of people arriving within a
minute and reading what they open. `--think 1 4 --ramp 10 --seconds 60` is the stress profile of
earlier runs: everyone signing in within ten seconds and clicking on after a glance.

Requests go to gunicorn over plain HTTP on loopback, marked `X-Forwarded-Proto: https` as the
TLS-terminating proxy in front of a real deployment marks them; the production settings then
apply unchanged (secure cookies, CSRF with its Referer check, HSTS).

The last line of standard output is the figure to read:

    users=<n> think=<a>-<b>s ramp=<r>s requests=<r> errors=<e> page_p95_ms=<p> page_p50_ms=<m>
    page_p95_without_sign_in_ms=<q> api_p95_ms=<a> steady_page_p95_ms=<p> steady_api_p95_ms=<a> rps=<s>

(one line). The `steady_` figures count only the requests made once everyone has arrived and
signed in; the others count the whole run, the arrivals included. Before it, on standard error:
each request kind's figures, and the CPU milliseconds a request of gunicorn's workers, of the
PostgreSQL server (all its databases: other work on it is counted too), of Locust and of the whole
machine, over the run and after the sign-ins.
"""

from __future__ import annotations

# Locust works on gevent, which must patch the standard library before anything else is imported.
from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import contextlib  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, constant, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

from openqms.demo.logins import DEMO_LOGINS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OPENQMS = [sys.executable, "-c", "from openqms.cli import main; main()"]
DATABASE = "openqms_load"
PORT = 8031
LINKS = re.compile(r'href="(/[^"#?]*/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
API_PREFIX = "/api/"


class Person(HttpUser):
    """Someone with one of the demo's roles, browsing what their pages link to, and now and then
    reading the API's lists with their role's token and sending a period's data in bulk, as a
    team's spreadsheet macro or a nightly extract does."""

    wait_time = between(5, 15)  # replaced by --think
    logins: list[tuple[str, str, str]] = []
    tokens: dict[str, str] = {}

    def on_start(self) -> None:
        self.role, username, password = random.choice(self.logins)
        self.token = self.tokens.get(username, "")
        page = self.get("/sign-in/", "sign in (form)")
        token = CSRF.search(page)
        self.post(
            "/sign-in/",
            "sign in",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
        )
        self.seen = self.links(self.get("/", "My QMS"))

    def _headers(self, path: str) -> dict[str, str]:
        # What the TLS proxy in front of a deployment passes on. The session's cookies are secure
        # ones, which requests will not send over plain HTTP, so they are sent here by hand.
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.client.cookies)
        return {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host_name}{path}",
            **({"Cookie": cookies} if cookies else {}),
        }

    @property
    def host_name(self) -> str:
        return (self.host or "").split("://", 1)[1]

    def get(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, headers=self._headers(path), catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{path} answered {r.status_code}")
            return r.text or ""

    def post(self, path: str, name: str, data: dict[str, str]) -> None:
        with self.client.post(
            path,
            data=data,
            name=name,
            headers=self._headers(path),
            catch_response=True,
            allow_redirects=False,
        ) as r:
            if r.status_code not in (200, 302):
                r.failure(f"POST {path} answered {r.status_code}")

    def links(self, html: str) -> list[str]:
        return [link for link in LINKS.findall(html) if not link.startswith(("/static/", "/sign-out"))]

    def follow(self, pattern: str, name: str) -> None:
        """Open one of the links last seen whose path matches `pattern`, if there is one."""
        candidates = [link for link in self.seen if re.fullmatch(pattern, link)]
        if candidates:
            self.seen = self.links(self.get(random.choice(candidates), name)) or self.seen

    @task(4)
    def my_qms(self) -> None:
        self.seen = self.links(self.get("/", "My QMS"))

    @task(4)
    def board(self) -> None:
        self.seen = self.links(self.get("/control/", "control: board"))
        self.follow(r"/control/measures/\d+/", "control: a measure")

    @task(2)
    def assurance(self) -> None:
        self.seen = self.links(self.get("/assurance/", "assurance: home"))
        self.follow(r"/assurance/standards/\d+/", "assurance: a standard")

    @task(2)
    def improvement(self) -> None:
        self.seen = self.links(self.get("/improvement/", "improvement: portfolio"))
        self.follow(r"/improvement/projects/\d+/", "improvement: a project")

    @task(2)
    def my_unit(self) -> None:
        self.seen = self.links(self.get("/", "My QMS"))
        self.follow(r"/units/\d+/", "a unit page")

    @task(2)
    def actions(self) -> None:
        # The action tracker is linked from the assurance home (a unit page does not link it).
        self.seen = self.links(self.get("/assurance/", "assurance: home"))
        self.follow(r"/assurance/units/\d+/actions/", "actions: tracker")

    @task(1)
    def unit(self) -> None:
        self.follow(r"/units/\d+/", "a unit page")

    @task(2)
    def api_lists(self) -> None:
        self.measures = self.api("GET", "/api/v1/measures", "api: measures").get("items", [])
        self.api("GET", "/api/v1/actions", "api: actions")

    @task(1)
    def api_bulk(self) -> None:
        """Send the latest period of one measure again, corrected: checked, saved, audited and its
        SPC recomputed. Only roles that may add data send; the others have no such client."""
        if self.role in ("service_user", "administrator"):
            return
        measures = [m for m in getattr(self, "measures", []) if m["last_period"]]
        if not measures:
            return
        m = random.choice(measures)
        latest = self.api(
            "GET",
            f"/api/v1/measures/{m['id']}/observations?period_from={m['last_period']}",
            "api: observations",
        ).get("items", [])
        if not latest:
            return
        o = latest[0]
        item = {"measure": m["code"], "unit": m["unit_code"], "period": o["period"]}
        if o["denominator"]:
            item |= {
                "numerator": float(random.randint(0, int(o["denominator"]))),
                "denominator": o["denominator"],
            }
        else:
            item["value"] = max(0.0, round((o["value"] or 0.0) * random.uniform(0.9, 1.1), 1))
        self.api("POST", "/api/v1/observations/bulk", "api: bulk submission", {"items": [item]})

    def api(self, method: str, path: str, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"X-Forwarded-Proto": "https", "Authorization": f"Bearer {self.token}"}
        with self.client.request(
            method, path, name=name, headers=headers, json=body, catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"{method} {path} answered {r.status_code}: {r.text[:200]}")
                return {}
            return r.json()


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([*OPENQMS, *args], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"openqms {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def prepare(server: str, database: str, env: dict[str, str]) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE {database}")
    if not exists:
        print("# loading the demo trust into PostgreSQL (once)", file=sys.stderr)
    run(["migrate", "--noinput", "-v", "0"], env)
    run(["demo"], env)  # a second run changes nothing
    run(["collectstatic", "--noinput", "-v", "0"], env)


def _cpu_seconds(process: Any) -> float:
    """CPU seconds of a process, the children it has reaped and the children it still has."""
    import psutil

    try:
        t = process.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for child in process.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                c = child.cpu_times()
                total += c.user + c.system
    except psutil.Error:
        return 0.0
    return total


def _postmaster() -> Any:
    """PostgreSQL's main process on this machine, if it runs here (its backends are its children)."""
    import psutil

    for process in psutil.process_iter(["name", "ppid"]):
        with contextlib.suppress(psutil.Error):
            if (
                process.info["name"] == "postgres"
                and psutil.Process(process.info["ppid"]).name() != "postgres"
            ):
                return process
    return None


def warm_up(environment: Environment, runner: Any, people: int, seconds: float) -> int:
    """Run the journeys without pauses for a while, then forget their figures: each of gunicorn's
    workers compiles every template and fills its caches on the first requests it serves (about a
    second of CPU for the first page), which a server that has been up since the morning has long
    done. Returns the number of failed requests, which the run reports rather than forgets."""
    if seconds <= 0:
        return 0
    Person.wait_time = constant(0)
    runner.start(people, spawn_rate=people)
    gevent.sleep(seconds)
    runner.stop()
    failures = environment.stats.total.num_failures
    for error in environment.stats.errors.values():
        print(f"# warm-up error: {error.name}: {error.error} × {error.occurrences}", file=sys.stderr)
    environment.stats.reset_all()
    return failures


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start on port {port}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--postgres", required=True, help="the PostgreSQL server's URL (its maintenance database)"
    )
    ap.add_argument("--database", default=DATABASE, help="the database to create and fill, if missing")
    ap.add_argument("--users", type=int, default=100)
    ap.add_argument("--seconds", type=int, default=180, help="the whole run, the ramp included")
    ap.add_argument("--ramp", type=float, default=60, help="seconds over which the people arrive")
    ap.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(5.0, 15.0),
        metavar=("MIN", "MAX"),
        help="seconds each person reads a page before the next",
    )
    ap.add_argument(
        "--warm-up", type=float, default=20, help="seconds of journeys without pauses first, not counted"
    )
    ap.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="openqms-load-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "openqms.settings.production",
            "DJANGO_SECRET_KEY": "load-test-only-" + os.urandom(16).hex(),
            "DJANGO_ALLOWED_HOSTS": f"127.0.0.1:{PORT},127.0.0.1",
            "DATABASE_URL": a.postgres.rsplit("/", 1)[0] + "/" + a.database,
            "OPENQMS_VAR_DIR": str(Path(tmp) / "var"),
        }
        prepare(a.postgres, a.database, env)
        for line in run(["demo-logins"], env).splitlines():
            role, username, password = line.split("\t")
            Person.logins.append((role, username, password))
        for login in DEMO_LOGINS:
            # A token for each demo login on the unit of its role, as `openqms create-token` makes one.
            Person.tokens[login.username] = run(
                [
                    "create-token",
                    login.username,
                    "--unit",
                    login.unit_code,
                    "--expires",
                    "1",
                    "--name",
                    "load",
                ],
                env,
            ).strip()
        server = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "openqms.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(a.workers),
                "--access-logfile",
                "-" if os.environ.get("LOAD_ACCESS_LOG") else "/dev/null",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for(PORT)
            import psutil

            gunicorn, postmaster = psutil.Process(server.pid), _postmaster()
            time.sleep(2)  # the workers finish importing the application
            environment = Environment(user_classes=[Person], host=f"http://127.0.0.1:{PORT}", events=events)
            runner = environment.create_local_runner()
            warm_up_failures = warm_up(environment, runner, people=2 * a.workers, seconds=a.warm_up)
            cpu_before = (_cpu_seconds(gunicorn), _cpu_seconds(postmaster) if postmaster else 0.0)
            machine_before, own_before = psutil.cpu_times(), time.process_time()
            Person.wait_time = between(*a.think)
            runner.start(a.users, spawn_rate=a.users / max(a.ramp, 0.1))
            steady: dict[str, Any] = {}

            def mark() -> None:
                # Once everyone has signed in (on a loaded machine, after the ramp has ended):
                # from then on the pages' and the API's own cost, without the password hashing.
                while environment.stats.get("sign in", "POST").num_requests < a.users:
                    gevent.sleep(0.5)
                steady.update(
                    requests=environment.stats.total.num_requests,
                    histograms={
                        name: dict(entry.response_times)
                        for (name, _), entry in environment.stats.entries.items()
                    },
                    cpu=(_cpu_seconds(gunicorn), _cpu_seconds(postmaster) if postmaster else 0.0),
                    at=time.monotonic(),
                )

            started = time.monotonic()
            gevent.spawn(mark)
            gevent.spawn_later(a.seconds, runner.quit)
            runner.greenlet.join()
            cpu_after = (_cpu_seconds(gunicorn), _cpu_seconds(postmaster) if postmaster else 0.0)
            machine_after, own_after = psutil.cpu_times(), time.process_time()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        stats = environment.stats
        pages = [e for e in stats.entries.values() if not e.name.startswith("api")]
        api = [e for e in stats.entries.values() if e.name.startswith("api")]
        for entry in sorted(stats.entries.values(), key=lambda e: e.name):
            p50, p95 = (entry.get_response_time_percentile(q) for q in (0.5, 0.95))
            print(
                f"# {entry.name:<26} n={entry.num_requests:<6} fail={entry.num_failures:<3} "
                f"p50={p50:.0f} ms p95={p95:.0f} ms",
                file=sys.stderr,
            )
        for error in stats.errors.values():
            print(f"# error: {error.name}: {error.error} × {error.occurrences}", file=sys.stderr)
    total = stats.total
    n = max(1, total.num_requests)

    def busy(t: Any) -> float:
        return float(sum(t) - t.idle - getattr(t, "iowait", 0.0))

    print(
        f"# CPU ms a request: gunicorn {(cpu_after[0] - cpu_before[0]) * 1000 / n:.1f}, "
        f"PostgreSQL {(cpu_after[1] - cpu_before[1]) * 1000 / n:.1f} (all its databases), "
        f"Locust {(own_after - own_before) * 1000 / n:.1f}; "
        f"the whole machine {(busy(machine_after) - busy(machine_before)) * 1000 / n:.1f} "
        f"of {(os.cpu_count() or 1) * a.seconds * 1000 / n:.1f} available; "
        f"load average {os.getloadavg()[0]:.1f}",
        file=sys.stderr,
    )
    if steady:
        m = max(1, total.num_requests - steady["requests"])
        print(
            f"# after the sign-ins ({steady['at'] - started:.0f} s in; {m} requests): CPU ms a request: "
            f"gunicorn {(cpu_after[0] - steady['cpu'][0]) * 1000 / m:.1f}, "
            f"PostgreSQL {(cpu_after[1] - steady['cpu'][1]) * 1000 / m:.1f}",
            file=sys.stderr,
        )
    signed_in = [e for e in pages if not e.name.startswith("sign in")]
    page_p95 = _percentile(pages, 0.95)
    api_p95 = _percentile(api, 0.95) if api else None
    before = steady.get("histograms")
    steady_page = f"{_percentile(pages, 0.95, before):.0f}" if before is not None else "-"
    steady_api = f"{_percentile(api, 0.95, before):.0f}" if before is not None and api else "-"
    print(
        f"users={a.users} think={a.think[0]:g}-{a.think[1]:g}s ramp={a.ramp:g}s "
        f"requests={total.num_requests} errors={total.num_failures} "
        f"page_p95_ms={page_p95:.0f} page_p50_ms={_percentile(pages, 0.5):.0f} "
        f"page_p95_without_sign_in_ms={_percentile(signed_in, 0.95):.0f} "
        f"api_p95_ms={'-' if api_p95 is None else f'{api_p95:.0f}'} "
        f"steady_page_p95_ms={steady_page} steady_api_p95_ms={steady_api} "
        f"rps={total.num_requests / a.seconds:.1f}"
    )
    if warm_up_failures:
        print(f"# {warm_up_failures} requests failed during the warm-up", file=sys.stderr)
    return 1 if total.num_failures or warm_up_failures else 0


def _percentile(entries: list[Any], q: float, before: dict[str, dict[int, int]] | None = None) -> float:
    """The percentile over several entries' requests together (their response-time histograms);
    with `before`, over the requests made since those histograms were copied."""
    merged: dict[int, int] = {}
    for entry in entries:
        earlier = (before or {}).get(entry.name, {})
        for rounded, count in entry.response_times.items():
            merged[rounded] = merged.get(rounded, 0) + count - earlier.get(rounded, 0)
    total = sum(merged.values())
    if not total:
        return 0.0
    seen = 0
    for rounded in sorted(merged):
        seen += merged[rounded]
        if seen >= q * total:
            return float(rounded)
    return float(max(merged))


if __name__ == "__main__":
    raise SystemExit(main())
