"""The embedded default's settings work on a fresh clone, which has no var/ folder (it is ignored)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command


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


def test_pages_render_with_the_production_static_storage(
    settings: Any, tmp_path: Path, client: Any, db: None
) -> None:
    """Production serves collected files through a manifest of hashed names; a template asking the
    manifest for a folder rather than a file failed every page there (found by the load test)."""
    from openqms.settings.base import PRODUCTION_STORAGES

    settings.STATIC_ROOT = tmp_path / "static"
    # Django's manifest storage, which production's compressing one extends: the same lookups,
    # without minutes spent compressing every file of the NHS.UK frontend.
    assert (
        PRODUCTION_STORAGES["staticfiles"]["BACKEND"]
        == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    settings.STORAGES = {
        **PRODUCTION_STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", "--noinput", verbosity=0)
    response = client.get("/sign-in/")
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r'href="/static/openqms/openqms\.[0-9a-f]{12}\.css"', page)
    assert 'href="/static/nhsuk/assets/images/favicon.ico"' in page


def _production_database_settings(tmp_path: Path, **extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_CONN_MAX_AGE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "openqms.settings.production",
        "DJANGO_SECRET_KEY": "x" * 64,
        "OPENQMS_VAR_DIR": str(tmp_path),
        **extra,
    }
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_production_keeps_each_workers_database_connection_unless_told_otherwise(tmp_path: Path) -> None:
    """A connection per request cost a third of a page's CPU on PostgreSQL (ADR 36)."""
    assert _production_database_settings(tmp_path) == "600 True"
    assert _production_database_settings(tmp_path, DATABASE_CONN_MAX_AGE="0") == "0 True"
