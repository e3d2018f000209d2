"""Schemathesis against a live OpenQMS: `make test-api-schema` (and so `make test` and CI) runs it.

A demo installation is built in a temporary SQLite file (or the empty database of $DATABASE_URL),
served by `openqms runserver` on a free loopback port, and Schemathesis sends at least 100 generated
cases per operation of docs/openapi.json as each of two demo personas (their tokens), checking that
no answer is a server error and that every answer matches the schema: its status code, its
content type and its body. Exit status 0 only when both runs pass.

    .venv/bin/python tests/api/run_schemathesis.py [--max-examples 100] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own loopback server)
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--max-examples", type=int, default=100)
    # One worker: with two, Python 3.11 occasionally trips over its own AST parsing inside
    # Schemathesis's generator threads (SystemError: AST constructor recursion depth mismatch).
    parser.add_argument("--workers", default="1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openqms-schemathesis-") as tmp:
        database = (
            os.environ.get("OPENQMS_SCHEMATHESIS_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'live.sqlite3'}"
        )
        from tests.api.live import prepare, setup_django

        started = time.perf_counter()
        setup_django(database)
        tokens = prepare()
        print(f"# demo installation ready in {time.perf_counter() - started:.0f} s", flush=True)
        port = free_port()
        env = os.environ | {
            "DATABASE_URL": database,
            "DJANGO_SETTINGS_MODULE": "openqms.settings.test",
            "OPENQMS_API_RATE_LIMIT": "1000000",
        }
        server = subprocess.Popen(
            [str(BIN / "openqms"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(tmp) / "server.log", "w"),  # noqa: SIM115 (closed with the process)
        )
        failed = False
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/api/v1/openapi.json")
            for username, secret in tokens.items():
                print(f"# Schemathesis as {username}", flush=True)
                run = subprocess.run(
                    [
                        str(BIN / "schemathesis"),
                        "run",
                        str(ROOT / "docs" / "openapi.json"),
                        "--url",
                        base,
                        "--checks",
                        CHECKS,
                        "--max-examples",
                        str(args.max_examples),
                        "--workers",
                        args.workers,
                        "--seed",
                        "2026",
                        "--no-color",
                        "--generation-database",
                        "none",
                        "--suppress-health-check",
                        "all",
                        "--header",
                        f"Authorization: Bearer {secret}",
                    ],
                    env=env,
                    check=False,
                )
                failed |= run.returncode != 0
        finally:
            server.terminate()
            server.wait(timeout=30)
        if failed:
            print((Path(tmp) / "server.log").read_text()[-20_000:], file=sys.stderr)
        return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
