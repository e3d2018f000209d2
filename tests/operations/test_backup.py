"""`openqms backup` and `openqms restore`: the round trip keeps every row, file and audit entry, and
a restore that cannot be whole changes nothing."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from openqms.audit.models import AuditEntry
from openqms.audit.services import verify_chain
from openqms.operations import backup
from openqms.organisations import services as organisations
from openqms.organisations.models import Organisation


@pytest.fixture
def folders(settings: Any, tmp_path: Path) -> dict[str, Path]:
    settings.OPENQMS_EVIDENCE_DIR = tmp_path / "var" / "evidence"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    evidence = settings.OPENQMS_EVIDENCE_DIR
    (evidence / "2026").mkdir(parents=True)
    (evidence / "2026" / "audit-sheet.pdf").write_bytes(b"%PDF-1.7 ward audit")
    return {"evidence": evidence, "media": settings.MEDIA_ROOT}


def everything() -> dict[str, list[tuple[Any, ...]]]:
    """Every backed-up table's rows, as stored."""
    return {
        m._meta.label_lower: list(m._default_manager.order_by("pk").values_list()) for m in backup._tables()
    }


def rewrite(path: Path, change: dict[str, Any]) -> Path:
    """A copy of a backup with some members' bytes replaced by change[name](bytes)."""
    out = path.with_name("changed.tar.gz")
    with tarfile.open(path, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name in change:
                data = change[member.name](data)
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    return out


def test_the_round_trip_keeps_every_row_file_and_audit_entry(
    trust: Any, folders: Any, tmp_path: Path
) -> None:
    before = everything()
    assert AuditEntry.objects.count() > 10
    path = tmp_path / "northshire.tar.gz"
    summary = backup.write_backup(path)
    assert summary.files == 1
    assert summary.rows == sum(len(rows) for rows in before.values())

    # Changes after the backup, to rows and to files, are undone by the restore.
    organisations.create_organisation(actor=None, code="LATE", name="Created after the backup")
    (folders["evidence"] / "2026" / "audit-sheet.pdf").unlink()
    (folders["evidence"] / "stray.txt").write_text("not in the backup")

    backup.restore_backup(path, replace=True)

    assert everything() == before
    assert not Organisation.objects.filter(code="LATE").exists()
    assert (folders["evidence"] / "2026" / "audit-sheet.pdf").read_bytes() == b"%PDF-1.7 ward audit"
    assert not (folders["evidence"] / "stray.txt").exists()
    report = verify_chain()
    assert report.intact
    assert report.checked == summary.audit_entries


def test_a_database_holding_data_is_refused_unless_told(trust: Any, folders: Any, tmp_path: Path) -> None:
    path = tmp_path / "b.tar.gz"
    backup.write_backup(path)
    organisations.create_organisation(actor=None, code="KEEP", name="Kept")
    with pytest.raises(backup.BackupError, match=r"already holds data.*--replace"):
        backup.restore_backup(path)
    assert Organisation.objects.filter(code="KEEP").exists()


def test_a_tampered_audit_entry_rolls_the_whole_restore_back(
    trust: Any, folders: Any, tmp_path: Path
) -> None:
    path = tmp_path / "b.tar.gz"
    backup.write_backup(path)
    organisations.create_organisation(actor=None, code="KEEP", name="Kept")
    before = everything()

    def forge(data: bytes) -> bytes:
        lines = data.decode().splitlines()
        with tarfile.open(path) as tar:
            columns = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        changes = columns["tables"]["audit.auditentry"]["columns"].index("changes_json")
        row = json.loads(lines[0])
        row[changes] = '{"name": ["forged", "entry"]}'
        lines[0] = json.dumps(row)
        return ("\n".join(lines) + "\n").encode()

    forged = rewrite(path, {"data/audit.auditentry.jsonl": forge})
    with pytest.raises(backup.BackupError, match="does not verify at entry #1"):
        backup.restore_backup(forged, replace=True)
    assert everything() == before
    assert not (folders["evidence"].parent / ".evidence.restoring").exists()


def test_a_backup_of_other_migrations_is_refused(trust: Any, folders: Any, tmp_path: Path) -> None:
    path = tmp_path / "b.tar.gz"
    backup.write_backup(path)

    def older(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["migrations"]["control"].pop()
        return json.dumps(manifest).encode()

    with pytest.raises(
        backup.BackupError, match=r"another version of OpenQMS.*applied here but not in the backup: control"
    ):
        backup.restore_backup(rewrite(path, {"manifest.json": older}), replace=True)


def test_a_file_that_is_no_backup_is_named(tmp_path: Path, db: None) -> None:
    junk = tmp_path / "junk.tar.gz"
    junk.write_text("not a tar")
    with pytest.raises(backup.BackupError, match="is not an OpenQMS backup"):
        backup.restore_backup(junk)
    with pytest.raises(backup.BackupError, match="There is no file"):
        backup.restore_backup(tmp_path / "missing.tar.gz")


def test_the_commands_report_what_they_did(trust: Any, folders: Any, tmp_path: Path) -> None:
    path = tmp_path / "b.tar.gz"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out, verbosity=0)
    assert "audit entries to" in out.getvalue()
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(path), stdout=io.StringIO(), verbosity=0)
    out = io.StringIO()
    call_command("restore", str(path), "--replace", stdout=out, verbosity=0)
    assert "entries verify" in out.getvalue()
