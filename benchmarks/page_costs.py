"""Server CPU and query count of every page the load journeys open (benchmarks/load.py), as each
demo login, through Django's test client on an existing demo database.

Run from the repository root on a database that `openqms migrate` and `openqms demo` have filled:

    DATABASE_URL=sqlite:///var/openqms.sqlite3 .venv/bin/python benchmarks/page_costs.py
    DATABASE_URL=postgres://openqms:openqms@127.0.0.1:5432/openqms_load \
        .venv/bin/python benchmarks/page_costs.py

For each login it opens the pages the journeys open (My QMS, the board, the measures the board
links to, the assurance and improvement pages, a standard, a project, the unit pages My QMS links
to, the action tracker) and prints one line per page kind: the median CPU milliseconds of the
process (`time.process_time`, which leaves out the waiting on a loaded machine) over `--runs`
requests of each page, the wall milliseconds, the query count and the size. The last line is the
mean CPU per request weighted as the load journeys weight their requests, over the six logins:

    journey_cpu_ms=<c> journey_queries=<q>

`--html DIR` writes each page's HTML there (CSRF tokens and CSP nonces blanked), so that two runs
can be compared with `diff -r`. `--profile "<page kind>"` prints cProfile's top functions for that
page kind as the first login that opens it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

# How many requests of each kind one pass of the journeys makes: each task's weight in load.py
# times the requests it makes of that kind (`my_unit` opens My QMS and a unit page, `actions` the
# assurance home and a tracker, `unit` a unit page).
WEIGHTS = {
    "My QMS": 4 + 2,
    "control: board": 4,
    "control: a measure": 4,
    "assurance: home": 2 + 2,
    "assurance: a standard": 2,
    "improvement: portfolio": 2,
    "improvement: a project": 2,
    "a unit page": 2 + 1,
    "actions: tracker": 2,
}
LINKS = re.compile(r'href="(/[^"#?]*/)"')
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce="|"cspNonce": ")[^"]*')


def _links(html: str, pattern: str) -> list[str]:
    return sorted({link for link in LINKS.findall(html) if re.fullmatch(pattern, link)})


def _count(seen: list[str], execute: Any, sql: str, *args: Any) -> Any:
    seen.append(sql)
    return execute(sql, *args)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed requests of each page (after one warm-up)")
    ap.add_argument("--sample", type=int, default=4, help="pages of each kind timed, per login")
    ap.add_argument("--html", type=Path, help="write every page's HTML under this folder")
    ap.add_argument("--profile", help="a page kind to profile")
    ap.add_argument("--login", action="append", help="only these usernames (repeatable)")
    a = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openqms.settings.test")
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("set DATABASE_URL to a database holding the demo trust")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from openqms.demo.logins import DEMO_LOGINS
    from openqms.people.models import User

    profiled = False
    weighted_cpu: list[float] = []
    weighted_queries: list[float] = []
    load = os.getloadavg()
    print(f"# {connection.vendor}, load average {load[0]:.1f} {load[1]:.1f}", file=sys.stderr)
    for login in DEMO_LOGINS:
        if a.login and login.username not in a.login:
            continue
        client = Client()
        client.force_login(User.objects.get(username=login.username))

        def get(path: str, client: Client = client, username: str = login.username) -> str:
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{username} {path}: {response.status_code}")
            return response.content.decode()

        home = get("/")
        board = get("/control/")
        assurance = get("/assurance/")
        improvement = get("/improvement/")
        units = _links(home, r"/units/\d+/")
        trackers = _links(assurance, r"/assurance/units/\d+/actions/")
        pages: dict[str, list[str]] = {
            "My QMS": ["/"],
            "control: board": ["/control/"],
            "control: a measure": _links(board, r"/control/measures/\d+/"),
            "assurance: home": ["/assurance/"],
            "assurance: a standard": _links(assurance, r"/assurance/standards/\d+/"),
            "improvement: portfolio": ["/improvement/"],
            "improvement: a project": _links(improvement, r"/improvement/projects/\d+/"),
            "a unit page": units,
            "actions: tracker": trackers,
        }
        costs: dict[str, list[tuple[float, float, int, int]]] = defaultdict(list)
        for kind, paths in pages.items():
            if a.html:
                for path in paths:
                    name = path.strip("/").replace("/", "_") or "my-qms"
                    folder = a.html / login.username
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / f"{name}.html").write_text(VOLATILE.sub(r"\1", get(path)))
            # An even spread over the page kind's pages, the same on every run.
            step = max(1, len(paths) // a.sample) if paths else 1
            for path in paths[::step][: a.sample]:
                # Counted by a wrapper: each request resets Django's own log of queries.
                queries: list[str] = []
                with connection.execute_wrapper(partial(_count, queries)):
                    size = len(get(path))
                cpu, wall = [], []
                for _ in range(a.runs):
                    c0, w0 = time.process_time(), time.perf_counter()
                    get(path)
                    cpu.append((time.process_time() - c0) * 1000)
                    wall.append((time.perf_counter() - w0) * 1000)
                costs[kind].append((statistics.median(cpu), statistics.median(wall), len(queries), size))
                if a.profile == kind and not profiled:
                    profiled = True
                    profile = cProfile.Profile()
                    profile.enable()
                    for _ in range(a.runs):
                        get(path)
                    profile.disable()
                    print(
                        f"# profile of {kind} {path} as {login.username}, {a.runs} requests", file=sys.stderr
                    )
                    pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(45)
        print(f"{login.username} ({login.role})")
        for kind, rows in costs.items():
            cpu_ms = statistics.mean(r[0] for r in rows)
            queries = statistics.mean(r[2] for r in rows)
            print(
                f"  {kind:<24} pages={len(pages[kind]):<3} cpu_ms={cpu_ms:6.1f} "
                f"wall_ms={statistics.mean(r[1] for r in rows):6.1f} queries={queries:5.1f} "
                f"max_queries={max(r[2] for r in rows):<4} "
                f"kib={statistics.mean(r[3] for r in rows) / 1024:6.0f}"
            )
        # Journeys whose link is missing for this login open nothing of that kind.
        total = sum(WEIGHTS[k] for k in costs)
        weighted_cpu.append(sum(WEIGHTS[k] * statistics.mean(r[0] for r in costs[k]) for k in costs) / total)
        weighted_queries.append(
            sum(WEIGHTS[k] * statistics.mean(r[2] for r in costs[k]) for k in costs) / total
        )
        print(f"  journey mean: cpu_ms={weighted_cpu[-1]:.1f} queries={weighted_queries[-1]:.1f}")
    print(
        f"journey_cpu_ms={statistics.mean(weighted_cpu):.1f} "
        f"journey_queries={statistics.mean(weighted_queries):.1f}"
    )


if __name__ == "__main__":
    main()
