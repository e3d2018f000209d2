"""A backup of the whole database and its files in one file, and its restore (docs/backup.md).

The backup is a gzipped tar holding `manifest.json` (what was backed up: the migrations applied,
each table's columns and row count, the audit chain's head), one JSON-lines file per table (each
line a row's column values, in the manifest's column order) and the evidence and media files.
Rows are read and written as their stored column values, through no model's `save()`, so a
restore gives back every row exactly, audit entries and their hashes included, on SQLite or
PostgreSQL whichever made the backup.

A restore is one transaction: it refuses a database that already holds data unless told to
replace it, checks that the code's migrations are the backup's, loads every row, resets the
sequences, and commits only if every count matches the manifest and the audit chain verifies.
The files are unpacked beside their folders first and swapped in once the rows have committed.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import io
import json
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string

from openqms.assurance.evidence_files import evidence_dir
from openqms.audit.models import AuditEntry
from openqms.audit.services import verify_chain

FORMAT = "openqms-backup"
VERSION = 1
BATCH = 2000
# Sign-in sessions are not quality data, and a restored session would sign someone in again.
NOT_BACKED_UP = {"sessions.session"}
# Tables that `migrate` fills by itself, so a fresh database is "empty" although they hold rows.
FILLED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}

Progress = Callable[[int], None]


class BackupError(Exception):
    """Why a backup cannot be restored here; nothing has been changed."""


@dataclass(frozen=True)
class Summary:
    tables: int
    rows: int
    files: int
    audit_entries: int


def _tables() -> list[type[models.Model]]:
    """Every table of the project, in a stable order (many-to-many tables included)."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in NOT_BACKED_UP
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _file_dirs() -> dict[str, Path]:
    return {"evidence": evidence_dir(), "media": Path(settings.MEDIA_ROOT)}


def _as_json(value: Any) -> Any:
    """A column value as JSON, losing nothing (Django's encoder would cut microseconds)."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _rows(model: type[models.Model], columns: list[str]) -> Iterator[tuple[Any, ...]]:
    yield from model._default_manager.order_by("pk").values_list(*columns).iterator(chunk_size=BATCH)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def count_rows() -> int:
    return sum(m._default_manager.count() for m in _tables())


def write_backup(path: Path, *, progress: Progress | None = None) -> Summary:
    """Write the whole database and its files to `path`, read in one transaction so the backup is
    one moment's state."""
    tables = _tables()
    manifest: dict[str, Any] = {"format": FORMAT, "version": VERSION, "tables": {}, "files": {}}
    rows_written = 0
    with transaction.atomic(), tarfile.open(path, "w:gz") as tar, tempfile.TemporaryDirectory() as tmp:
        manifest["created_at"] = timezone.now().isoformat()
        manifest["database"] = connection.vendor
        manifest["migrations"] = _applied_migrations()
        for model in tables:
            label = model._meta.label_lower
            columns = [f.attname for f in _columns(model)]
            part = Path(tmp) / f"{label}.jsonl"
            count = 0
            with part.open("w", encoding="utf-8") as out:
                for row in _rows(model, columns):
                    out.write(json.dumps([_as_json(v) for v in row], ensure_ascii=False))
                    out.write("\n")
                    count += 1
                    if progress and count % BATCH == 0:
                        progress(BATCH)
            if progress:
                progress(count % BATCH)
            tar.add(part, arcname=f"data/{label}.jsonl")
            manifest["tables"][label] = {"columns": columns, "rows": count}
            rows_written += count
        n_files = 0
        for key, folder in _file_dirs().items():
            names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
            for name in names:
                tar.add(folder / name, arcname=f"files/{key}/{name}")
            manifest["files"][key] = names
            n_files += len(names)
        last = AuditEntry.objects.order_by("-sequence").first()
        manifest["audit"] = {
            "entries": AuditEntry.objects.count(),
            "head": last.entry_hash if last else None,
        }
        _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode("utf-8"))
    return Summary(len(tables), rows_written, n_files, manifest["audit"]["entries"])


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            manifest: dict[str, Any] = json.load(member)
    except FileNotFoundError as e:
        raise BackupError(f"There is no file at {path}.") from e
    except (tarfile.TarError, KeyError, OSError, json.JSONDecodeError, EOFError) as e:
        raise BackupError(f"{path} is not an OpenQMS backup: {e}") from e
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(
            f"{path} is not an OpenQMS backup of version {VERSION} "
            f"(it says format {manifest.get('format')!r}, version {manifest.get('version')!r})."
        )
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> None:
    here = _applied_migrations()
    there: dict[str, list[str]] = manifest.get("migrations", {})
    if here != there:
        missing = sorted(f"{a}.{n}" for a, ns in there.items() for n in ns if n not in here.get(a, []))
        extra = sorted(f"{a}.{n}" for a, ns in here.items() for n in ns if n not in there.get(a, []))
        raise BackupError(
            "The backup was made by another version of OpenQMS. "
            + (
                f"Migrations in the backup but not applied here: {', '.join(missing[:5])}. "
                if missing
                else ""
            )
            + (f"Migrations applied here but not in the backup: {', '.join(extra[:5])}. " if extra else "")
            + "Restore with the version that made the backup, then upgrade with `openqms migrate`."
        )


def tables_holding_data() -> list[str]:
    return [
        m._meta.label_lower
        for m in _tables()
        if m._meta.label_lower not in FILLED_BY_MIGRATE and m._default_manager.exists()
    ]


def _load_table(
    model: type[models.Model], columns: list[str], lines: Iterator[bytes], progress: Progress | None
) -> int:
    by_attname = {f.attname: f for f in _columns(model)}
    unknown = [c for c in columns if c not in by_attname]
    if unknown:
        raise BackupError(f"{model._meta.label_lower} has no column {', '.join(unknown)} in this version.")
    fields = [by_attname[c] for c in columns]
    batch: list[models.Model] = []
    count = 0
    for number, line in enumerate(lines, start=1):
        values = json.loads(line)
        if len(values) != len(fields):
            raise BackupError(
                f"{model._meta.label_lower}, row {number}: {len(values)} values for {len(fields)} columns."
            )
        row = {f.attname: None if v is None else f.to_python(v) for f, v in zip(fields, values, strict=True)}
        batch.append(model(**row))
        if len(batch) == BATCH:
            count += _insert(model, fields, batch, progress)
            batch = []
    return count + _insert(model, fields, batch, progress)


def _insert(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: list[models.Model],
    progress: Progress | None,
) -> int:
    """Insert the rows as they are. A raw insert, as `loaddata` makes through `save_base(raw=True)`:
    bulk_create would stamp every auto_now field with the time of the restore."""
    if not rows:
        return 0
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        queryset = model._base_manager.get_queryset()
        queryset._insert(rows[start : start + size], fields=fields, raw=True)  # type: ignore[attr-defined]
    if progress:
        progress(len(rows))
    return len(rows)


def restore_backup(path: Path, *, replace: bool = False, progress: Progress | None = None) -> Summary:
    """Restore `path` into this database and its file folders, all or nothing (BackupError)."""
    manifest = read_manifest(path)
    _check_migrations(manifest)
    holding = tables_holding_data()
    if holding and not replace:
        raise BackupError(
            f"This database already holds data ({len(holding)} tables, for example "
            f"{', '.join(holding[:3])}). Restore into an empty database, or pass --replace "
            "to delete everything here first."
        )
    models_by_label = {m._meta.label_lower: m for m in _tables()}
    unknown = sorted(set(manifest["tables"]) - set(models_by_label))
    if unknown:
        raise BackupError(f"The backup holds tables this version does not have: {', '.join(unknown[:5])}.")
    staging = {key: folder.with_name(f".{folder.name}.restoring") for key, folder in _file_dirs().items()}
    try:
        with tarfile.open(path, "r:gz") as tar:
            n_files = _unpack_files(tar, manifest, staging)
            rows = _restore_rows(tar, manifest, models_by_label, progress)
    except BaseException:
        for folder in staging.values():
            shutil.rmtree(folder, ignore_errors=True)
        raise
    for key, folder in _file_dirs().items():
        old = folder.with_name(f".{folder.name}.replaced")
        if folder.exists():
            folder.rename(old)
        staging[key].rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    return Summary(len(manifest["tables"]), rows, n_files, manifest["audit"]["entries"])


def _unpack_files(tar: tarfile.TarFile, manifest: dict[str, Any], staging: dict[str, Path]) -> int:
    count = 0
    for key, target in staging.items():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in manifest["files"].get(key, []):
            destination = (target / name).resolve()
            if target.resolve() not in destination.parents:
                raise BackupError(f"The backup names a file outside its folder: {name}")
            member = tar.extractfile(f"files/{key}/{name}")
            if member is None:
                raise BackupError(f"The backup lists {key} file {name} but does not hold it.")
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open("wb") as out:
                shutil.copyfileobj(member, out)
            count += 1
    return count


def _restore_rows(
    tar: tarfile.TarFile,
    manifest: dict[str, Any],
    models_by_label: dict[str, type[models.Model]],
    progress: Progress | None,
) -> int:
    rows = 0
    with transaction.atomic():
        # Every table is emptied, sessions too: no one stays signed in to the replaced data.
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL will not truncate a table with foreign-key checks pending in this
                # transaction (as when the caller wrote rows first): run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for statement in sql_flush(no_style(), connection, reset_sequences=True, allow_cascade=False):
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # rows load in any order
        for label, table in manifest["tables"].items():
            member = tar.extractfile(f"data/{label}.jsonl")
            if member is None:
                raise BackupError(f"The backup lists table {label} but does not hold it.")
            loaded = _load_table(models_by_label[label], table["columns"], iter(member), progress)
            if loaded != table["rows"]:
                raise BackupError(f"{label}: the backup says {table['rows']} rows but holds {loaded}.")
            rows += loaded
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(models_by_label.values())):
                cursor.execute(statement)
        report = verify_chain()
        if not report.intact:
            raise BackupError(
                f"The restored audit trail does not verify at entry #{report.first_bad_sequence}: "
                f"{report.reason}. Nothing was restored."
            )
        if report.checked != manifest["audit"]["entries"]:
            raise BackupError(
                f"The backup says {manifest['audit']['entries']} audit entries, "
                f"but {report.checked} were restored."
            )
    return rows
