"""The maturity framework: read from a JSON file an organisation may replace with its own, checked
so that every problem names its line and field (the format: docs/maturity-framework.md).

The file is read once per process and kept; `settings.OPENQMS_MATURITY_FRAMEWORK` names it, the
framework written for OpenQMS (frameworks/openqms-qms-maturity.json) being the default.
"""

from __future__ import annotations

import functools
import json
import json.decoder
import json.scanner
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from openqms.evaluation.evidence_catalogue import EVIDENCE

FORMAT = "openqms-maturity/1"
DEFAULT_FILE = Path(__file__).parent / "frameworks" / "openqms-qms-maturity.json"


@dataclass(frozen=True)
class Level:
    level: int
    label: str
    description: str


@dataclass(frozen=True)
class Statement:
    code: str
    text: str
    guidance: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    code: str
    title: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class Framework:
    code: str
    version: str
    title: str
    description: str
    scale: tuple[Level, ...]
    themes: tuple[Theme, ...]

    @property
    def statements(self) -> list[Statement]:
        return [s for t in self.themes for s in t.statements]

    def statement(self, code: str) -> Statement | None:
        return next((s for s in self.statements if s.code == code), None)

    def theme_of(self, code: str) -> Theme | None:
        return next((t for t in self.themes if any(s.code == code for s in t.statements)), None)

    def level(self, value: int) -> Level | None:
        return next((lv for lv in self.scale if lv.level == value), None)


class FrameworkError(ValueError):
    """Everything wrong with a framework file, one line per problem: "line 12, themes[0].title: …"."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Object(dict[str, Any]):
    """A JSON object that remembers the line it starts on, for the messages."""

    line = 0


def _decoder() -> json.JSONDecoder:
    # The pure-Python scanner calls `parse_object` with the position of each "{", which the C one
    # does not; the file is small, so the speed does not matter.
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> tuple[_Object, int]:
        text, start = s_and_end
        pairs, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)  # type: ignore[attr-defined]
        found = _Object(pairs)
        found.line = text.count("\n", 0, start) + 1
        return found, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, obj: Any, where: str, message: str) -> None:
        line = getattr(obj, "line", 0)
        self.problems.append(f"line {line}, {where}: {message}" if line else f"{where}: {message}")

    def text(self, obj: _Object, where: str, name: str, *, required: bool = True, max_length: int = 0) -> str:
        value = obj.get(name)
        if value is None or value == "":
            if required:
                self.fail(obj, f"{where}{name}", "is missing; write it as text")
            return ""
        if not isinstance(value, str):
            self.fail(obj, f"{where}{name}", f"must be text in quotes, not {json.dumps(value)}")
            return ""
        if max_length and len(value) > max_length:
            self.fail(
                obj, f"{where}{name}", f"must be {max_length} characters or fewer (it has {len(value)})"
            )
        return value.strip()

    def items(self, obj: _Object, where: str, name: str) -> list[Any]:
        value = obj.get(name)
        if not isinstance(value, list) or not value:
            self.fail(obj, f"{where}{name}", "must be a list with at least one entry, in [ ]")
            return []
        return value

    def objects(self, parent: _Object, where: str, name: str) -> list[tuple[str, _Object]]:
        found = []
        for i, item in enumerate(self.items(parent, where, name)):
            if isinstance(item, _Object):
                found.append((f"{where}{name}[{i}].", item))
            else:
                self.fail(parent, f"{where}{name}[{i}]", "must be an object in { }")
        return found


def _scale(check: _Checker, root: _Object) -> tuple[Level, ...]:
    levels = []
    for where, item in check.objects(root, "", "scale"):
        value = item.get("level")
        if not isinstance(value, int) or isinstance(value, bool):
            check.fail(item, f"{where}level", f"must be a whole number, not {json.dumps(value)}")
            continue
        label = check.text(item, where, "label", max_length=40)
        levels.append(Level(value, label, check.text(item, where, "description")))
    numbers = [lv.level for lv in levels]
    if levels and numbers != list(range(1, len(numbers) + 1)):
        check.fail(root, "scale", f"levels must run 1, 2, 3… in order without gaps; they are {numbers}")
    return tuple(levels)


def _statement(check: _Checker, where: str, item: _Object, seen: set[str]) -> Statement:
    code = check.text(item, where, "code", max_length=20)
    if code in seen:
        check.fail(item, f"{where}code", f"“{code}” is used by another statement; each code must be unique")
    seen.add(code)
    evidence = item.get("evidence", [])
    keys: list[str] = []
    if not isinstance(evidence, list):
        check.fail(item, f"{where}evidence", "must be a list of evidence names, in [ ]")
    else:
        for i, key in enumerate(evidence):
            if key not in EVIDENCE:
                known = ", ".join(sorted(EVIDENCE))
                check.fail(
                    item,
                    f"{where}evidence[{i}]",
                    f"{json.dumps(key)} is not evidence OpenQMS holds; use one of {known}",
                )
            else:
                keys.append(key)
    return Statement(
        code=code,
        text=check.text(item, where, "text", max_length=400),
        guidance=check.text(item, where, "guidance", required=False),
        evidence=tuple(keys),
    )


def parse(text: str) -> Framework:
    """The framework in a file's text, or FrameworkError listing every problem with its line."""
    try:
        root = _decoder().decode(text)
    except json.JSONDecodeError as exc:
        raise FrameworkError(
            [f"line {exc.lineno}, column {exc.colno}: this is not valid JSON ({exc.msg})"]
        ) from exc
    if not isinstance(root, _Object):
        raise FrameworkError(["line 1: the file must hold one JSON object, in { }"])
    check = _Checker()
    if root.get("format") != FORMAT:
        check.fail(root, "format", f"must be {json.dumps(FORMAT)}, not {json.dumps(root.get('format'))}")
    code = check.text(root, "", "code", max_length=60)
    version = check.text(root, "", "version", max_length=20)
    title = check.text(root, "", "title", max_length=200)
    description = check.text(root, "", "description", required=False)
    scale = _scale(check, root)
    themes = []
    seen_themes: set[str] = set()
    seen_statements: set[str] = set()
    for where, item in check.objects(root, "", "themes"):
        theme_code = check.text(item, where, "code", max_length=40)
        if theme_code in seen_themes:
            check.fail(
                item, f"{where}code", f"“{theme_code}” is used by another theme; each code must be unique"
            )
        seen_themes.add(theme_code)
        statements = tuple(
            _statement(check, s_where, s_item, seen_statements)
            for s_where, s_item in check.objects(item, where, "statements")
        )
        themes.append(Theme(theme_code, check.text(item, where, "title", max_length=100), statements))
    if check.problems:
        raise FrameworkError(check.problems)
    return Framework(code, version, title, description, scale, tuple(themes))


def load(path: Path | str) -> Framework:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FrameworkError([f"{path}: cannot be read ({exc})"]) from exc
    return parse(text)


@functools.cache
def _load_cached(path: str) -> Framework:
    return load(path)


def current() -> Framework:
    """The organisation's framework, named by the OPENQMS_MATURITY_FRAMEWORK setting."""
    return _load_cached(str(getattr(settings, "OPENQMS_MATURITY_FRAMEWORK", "") or DEFAULT_FILE))
