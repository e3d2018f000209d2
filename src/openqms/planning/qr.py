"""The QR code of a unit's public feedback link, drawn on the server as SVG with segno (pure
Python, pinned), so the printed poster needs no service outside OpenQMS."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, title: str) -> Markup:
    """An inline SVG; error correction "Q" survives a poster that is creased or partly covered."""
    code = segno.make(url, error="q")
    # segno escapes the title; the path is numbers only.
    return Markup(code.svg_inline(scale=8, border=4, title=title, svgclass="openqms-qr", lineclass=None))  # noqa: S704
