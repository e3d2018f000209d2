"""`openqms import-data`: exit codes, every problem listed, --dry-run, --as and --system."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from openqms.audit.models import AuditEntry
from openqms.control.models import Observation
from tests.control.import_fixtures import Measures, csv_bytes
from tests.control.import_fixtures import measures as measures

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_data", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "march.csv"
    path.write_bytes(csv_bytes(["FALLS", "WA", "2026-03-01", "3"], ["FALLS", "WB", "2026-03-01", "5"]))
    return path


def test_it_imports_as_the_system_and_the_audit_names_the_system(trust, measures: Measures, good):
    out, _ = run(str(good), "--system", "--organisation", "NHT")
    assert "2 created, 0 updated, 0 unchanged" in out
    assert Observation.objects.count() == 2
    entry = AuditEntry.objects.order_by("-sequence").first()
    assert entry is not None
    assert entry.actor_name == "system"
    assert entry.changes["source"] == [None, "march.csv"]


def test_it_imports_as_a_named_person_within_their_scope_only(trust, measures: Measures, good):
    with pytest.raises(CommandError) as raised:
        run(str(good), "--as", "mo_member")
    assert raised.value.returncode == 1
    assert Observation.objects.count() == 0
    out, _ = run(str(good), "--as", "dana_division")
    assert "2 created" in out
    assert set(AuditEntry.objects.filter(action="import").values_list("actor_name", flat=True)) == {
        "Dana Division"
    }


def test_it_lists_every_problem_and_exits_with_1_writing_nothing(trust, measures, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        csv_bytes(
            ["FALLS", "WA", "2026-03-15", "3"],
            ["NOPE", "WA", "2026-03-01", "1"],
            ["FALLS", "WA", "2026-04-01", "x"],
        )
    )
    entries = AuditEntry.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_data", str(path), "--system", "--organisation", "NHT", "--no-progress", stderr=err
        )
    assert raised.value.returncode == 1
    assert "3 problems; nothing was imported" in str(raised.value)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("row 2, column period ('2026-03-15'): A monthly measure")
    assert lines[1].startswith("row 3, column measure ('NOPE'): Unknown measure for this unit")
    assert lines[2].startswith("row 4, column value ('x'): Not a number")
    assert Observation.objects.count() == 0
    assert AuditEntry.objects.count() == entries


def test_a_dry_run_checks_and_writes_nothing(trust, measures, good):
    entries = AuditEntry.objects.count()
    out, _ = run(str(good), "--system", "--organisation", "NHT", "--dry-run")
    assert "no problems" in out
    assert "nothing was saved" in out
    assert Observation.objects.count() == 0
    assert AuditEntry.objects.count() == entries


def test_reimporting_the_same_file_changes_nothing(trust, measures, good):
    run(str(good), "--system", "--organisation", "nht")
    entries = AuditEntry.objects.count()
    out, _ = run(str(good), "--system", "--organisation", "nht")
    assert "0 created, 0 updated, 2 unchanged" in out
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as", "nobody"], "No active person"),
        (["--system", "--organisation", "ZZZ"], "No organisation"),
        (["--as", "ada_admin"], "may not add data"),
    ],
)
def test_usage_mistakes_exit_with_2(trust, measures, good, args, message):
    with pytest.raises(CommandError) as raised:
        run(str(good), *args)
    assert raised.value.returncode == 2
    assert message in str(raised.value)


def test_a_missing_file_exits_with_2(trust):
    with pytest.raises(CommandError) as raised:
        run("/nonexistent/file.csv", "--system")
    assert raised.value.returncode == 2


def test_as_or_system_is_required(trust, good):
    result = subprocess.run(
        [sys.executable, "-m", "openqms.cli", "import-data", str(good)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "--as" in result.stderr
    assert "--system" in result.stderr


def test_it_imports_an_excel_workbook_with_real_dates(trust, measures, tmp_path):
    workbook = Workbook()
    workbook.active.append(["measure", "unit", "period", "numerator", "denominator"])
    workbook.active.append(["HANDHYG", "WA", dt.datetime(2026, 3, 2), 45, 50])
    path = tmp_path / "hygiene.xlsx"
    workbook.save(path)
    out, _ = run(str(path), "--as", "tess_team_leader")
    assert "1 created" in out
    assert Observation.objects.get().numerator == 45.0
