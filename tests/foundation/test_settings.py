"""The embedded default's settings work on a fresh clone, which has no var/ folder (it is ignored)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_default_sqlite_database_gets_its_folder(tmp_path: Path) -> None:
    var = tmp_path / "fresh-clone" / "var"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["OPENQMS_VAR_DIR"] = str(var)
    proc = subprocess.run(
        [sys.executable, "-m", "openqms.cli", "migrate", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (var / "openqms.sqlite3").is_file()
