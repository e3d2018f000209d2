"""A sample of benchmarks/faults.py in the suite: an import, a report's publishing and a plan's
approval, each killed with SIGKILL at random moments, leave the database wholly before or wholly
after, with its audit chain intact, and a re-run does nothing twice. `make faults` runs 20 kills of
each at full size (a 100,000-row import; a report and a plan over 5,000 measures) on SQLite and
PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "faults.py"
KILLS = 3


@pytest.mark.parametrize("operation", ["import", "publish", "approve"])
def test_a_write_killed_at_random_moments_is_never_half_written(operation: str) -> None:
    command = [sys.executable, str(SCRIPT), "--operation", operation, "--kills", str(KILLS)]
    command += ["--wards", "5", "--definitions", "10", "--periods", "40"]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        command += ["--postgres", url.rsplit("/", 1)[0] + "/postgres"]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    figures = dict(part.split("=") for part in done.stdout.split())
    assert figures["operation"] == operation
    assert figures["broken"] == "0"
    assert int(figures["before"]) + int(figures["after"]) == KILLS
    assert done.stderr.count("the re-run gave exactly the state after") == KILLS
