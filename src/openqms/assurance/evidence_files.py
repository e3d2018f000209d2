"""Checking and storing evidence files: type by content (not by the name), size, and a safe name.

Files are kept under the evidence directory (`var/evidence/` by default, outside the web root) with
a random name; nothing the person typed ever reaches a path.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024

# Kind → (media type, the extensions a file of that kind may have).
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "text": ("text/plain; charset=utf-8", (".txt", ".csv")),
}
ALLOWED_WORDS = "PDF, PNG or JPEG images, Word (.docx), Excel (.xlsx), or plain text (.txt, .csv)"


@dataclass(frozen=True)
class Checked:
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str


def evidence_dir() -> Path:
    return Path(getattr(settings, "OPENQMS_EVIDENCE_DIR", settings.VAR_DIR / "evidence"))


def safe_name(name: str) -> str:
    """The last part of the name the browser sent, without paths, control characters or leading dots."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").strip()
    return name[:200]


def sniff(head: bytes, data: bytes) -> str | None:
    """The kind of a file from its first bytes (and, for Office files, its contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
        return None
    if b"\x00" in head:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    lowered = text.lstrip()[:512].lower()
    if lowered.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")):
        return None  # markup a browser would run, whatever its name says
    return "text"


def check(name: str, data: bytes) -> Checked:
    """The file's safe name and kind, or a ValidationError saying exactly what is wrong."""
    clean = safe_name(name)
    if not clean or clean in (".", ".."):
        raise ValidationError("The file has no usable name: rename it, for example audit-photo.jpg")
    if len(data) == 0:
        raise ValidationError(f"{clean} is empty")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"{clean} is {len(data) / 1024 / 1024:.1f} MB: evidence files must be 10 MB or smaller"
        )
    kind = sniff(data[:16], data)
    if kind is None:
        raise ValidationError(f"{clean} is not a file type OpenQMS keeps: upload {ALLOWED_WORDS}")
    media_type, extensions = KINDS[kind]
    suffix = Path(clean).suffix.lower()
    if suffix not in extensions:
        label = "text" if kind == "text" else kind.upper()
        raise ValidationError(
            f"{clean} is a {label} file by its content, but its name ends in “{suffix or 'nothing'}”: "
            f"rename it to end in {extensions[0]}"
        )
    return Checked(clean, kind, media_type, len(data), hashlib.sha256(data).hexdigest())


def store(data: bytes) -> str:
    """Write the bytes under a new random name; returns that name."""
    folder = evidence_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = secrets.token_hex(16)
    path = folder / stored
    with open(path, "xb") as out:
        out.write(data)
    return stored


def path_of(stored_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", stored_name):
        raise ValueError("not a stored evidence name")
    return evidence_dir() / stored_name
