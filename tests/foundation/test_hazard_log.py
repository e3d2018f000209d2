"""The hazard log's controls name the tests that prove them; each named test must exist, so the log
cannot quietly point at a test that was renamed or removed."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOG = ROOT / "docs" / "clinical-safety" / "hazard-log.md"
# `tests/x/test_y.py` or `tests/x/test_y.py::test_z`, and a bare `::test_z` meaning the last file named.
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(test_\w+))?`")


def named_tests() -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    last_file = None
    for match in REFERENCE.finditer(LOG.read_text(encoding="utf-8")):
        path, test = match.groups()
        if path is None and test is None:
            continue
        last_file = path or last_file
        assert last_file, f"`::{test}` comes before any test file is named"
        found.append((last_file, test))
    return found


def test_every_test_the_hazard_log_names_exists() -> None:
    references = named_tests()
    assert len(references) > 20
    missing = []
    for path, test in references:
        source = ROOT / path
        if not source.is_file():
            missing.append(path)
        elif test and not re.search(rf"^def {test}\(", source.read_text(encoding="utf-8"), re.MULTILINE):
            missing.append(f"{path}::{test}")
    assert not missing, f"the hazard log names tests that do not exist: {missing}"
