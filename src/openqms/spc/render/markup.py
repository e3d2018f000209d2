"""Tiny SVG string builder.

Charts are built as strings rather than with an XML library so the output is byte-for-byte
deterministic (attribute order is the order written here) and the engine needs nothing beyond
the standard library to draw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

SVG_NS = "http://www.w3.org/2000/svg"

# Characters XML 1.0 forbids even when escaped, plus lone surrogates (which cannot be encoded);
# a caller-supplied label containing one must not make the whole chart unparseable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Attr = str | int | float | None


def esc(text: str) -> str:
    """Escape text for use in element content and in double-quoted attributes."""
    cleaned = _NOT_XML.sub("", text)
    return cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def num(value: float) -> str:
    """A coordinate with at most two decimals; enough for screens, and keeps files small."""
    if not math.isfinite(value):
        return "0"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attr(value: str | int | float) -> str:
    if isinstance(value, str):
        return esc(value)
    if isinstance(value, int):
        return str(value)
    return num(value)


def tag(name: str, attrs: Mapping[str, Attr], content: str | None = None) -> str:
    """One element; `content` is inserted as-is, so it must already be markup or escaped text."""
    parts = [name]
    parts.extend(f'{key}="{_attr(value)}"' for key, value in attrs.items() if value is not None)
    opening = " ".join(parts)
    if content is None:
        return f"<{opening}/>"
    return f"<{opening}>{content}</{name}>"


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """Rough rendered width of text in a sans-serif font, for layout without font metrics."""
    return len(text) * font_size * (0.6 if bold else 0.55)


def truncate(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    return text[: max(1, max_chars - 1)].rstrip() + "\u2026"
