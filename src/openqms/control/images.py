"""Charts and diagrams as files: SVG or PNG answers for the download links of any page.

They are attachments, saved under the filename given, and their addresses have a `download/`
segment, so that a page's "Download" link is one by its address as well as by its answer (tools
that walk the site, and people who read a link before following it, can tell). An SVG holds text
people typed (titles, labels): the policy keeps any script in it from running even if a
renderer's escaping ever failed and the file were opened from this site.
"""

from __future__ import annotations

from django.http import HttpResponse

from openqms.spc.render import svg_to_png

INERT_IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def _as_file(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = INERT_IMAGE_POLICY
    return response


def svg_file(svg: str, filename: str) -> HttpResponse:
    """`filename` must be safe in a header already (a slug and an extension)."""
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    return _as_file(HttpResponse(document, content_type="image/svg+xml"), filename)


def png_file(svg: str, filename: str) -> HttpResponse:
    return _as_file(HttpResponse(svg_to_png(svg), content_type="image/png"), filename)
