"""The hazard log, the security checklist and the accessibility statement name the tests that are
their evidence; each named test must exist, so a document cannot quietly point at a test that was
renamed or removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [
    ROOT / "docs" / "clinical-safety" / "hazard-log.md",
    ROOT / "docs" / "security.md",
    ROOT / "docs" / "accessibility-statement.md",
]
# `tests/x/test_y.py` or `tests/x/test_y.py::test_z`, and a bare `::test_z` meaning the last file named.
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(test_\w+))?`")


def named_tests(document: Path) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    last_file = None
    for match in REFERENCE.finditer(document.read_text(encoding="utf-8")):
        path, test = match.groups()
        if path is None and test is None:
            continue
        last_file = path or last_file
        assert last_file, f"`::{test}` comes before any test file is named"
        found.append((last_file, test))
    return found


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_test_a_document_names_exists(document: Path) -> None:
    references = named_tests(document)
    assert len(references) > 3
    missing = []
    for path, test in references:
        source = ROOT / path
        if not source.is_file():
            missing.append(path)
        elif test and not re.search(rf"^def {test}\(", source.read_text(encoding="utf-8"), re.MULTILINE):
            missing.append(f"{path}::{test}")
    assert not missing, f"{document.name} names tests that do not exist: {missing}"
