"""A sample of benchmarks/faults.py in the suite: an import killed with SIGKILL leaves the database
wholly before or wholly after, with its audit chain intact, and a re-run adds nothing twice.
`make faults` runs the full 20 kills of a 100,000-row import on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "faults.py"


def test_an_import_killed_at_random_moments_is_never_half_written() -> None:
    command = [
        sys.executable,
        str(SCRIPT),
        "--kills",
        "3",
        "--wards",
        "5",
        "--definitions",
        "10",
        "--periods",
        "40",
    ]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        command += ["--postgres", url.rsplit("/", 1)[0] + "/postgres"]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    figures = dict(part.split("=") for part in done.stdout.split())
    assert figures["broken"] == "0"
    assert int(figures["before"]) + int(figures["after"]) == 3
    assert done.stderr.count("the re-run gave exactly the state after") == 3
