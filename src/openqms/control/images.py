"""Charts and diagrams as files: SVG or PNG answers for the download links of any page.

They are served inline, so that following a link shows the picture (and a browser that walks the
site meets a page, not a download); the pages' links carry the `download` attribute, and the
filename below names the saved file. An SVG holds text people typed (titles, labels): the policy
keeps any script in it from running even if a renderer's escaping ever failed.
"""

from __future__ import annotations

from django.http import HttpResponse

from openqms.spc.render import svg_to_png

INERT_IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _inline(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Security-Policy"] = INERT_IMAGE_POLICY
    return response


def svg_file(svg: str, filename: str) -> HttpResponse:
    """`filename` must be safe in a header already (a slug and an extension)."""
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    return _inline(HttpResponse(document, content_type="image/svg+xml"), filename)


def png_file(svg: str, filename: str) -> HttpResponse:
    return _inline(HttpResponse(svg_to_png(svg), content_type="image/png"), filename)
