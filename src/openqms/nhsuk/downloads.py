"""Files answered as attachments: data templates and problem lists (CSV, Excel), charts and
diagrams (SVG, PNG).

An attachment is saved under the filename given, which must be safe in a header already (a slug
and an extension). Addresses of downloads have a `download/` segment, so that a page's "Download"
link is one by its address as well as by its answer (tools that walk the site, and people who read
a link before following it, can tell).
"""

from __future__ import annotations

from django.http import HttpResponse

from openqms.spc.render import svg_to_png

# An SVG holds text people typed (titles, labels): this policy keeps any script in it from running
# even if a renderer's escaping ever failed and the file were opened from this site.
INERT_IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def svg_attachment(svg: str, filename: str) -> HttpResponse:
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    response = attachment(document, "image/svg+xml", filename)
    response["Content-Security-Policy"] = INERT_IMAGE_POLICY
    return response


def png_attachment(svg: str, filename: str) -> HttpResponse:
    """The SVG drawn as a PNG, for documents and slides that take no SVG."""
    response = attachment(svg_to_png(svg), "image/png", filename)
    response["Content-Security-Policy"] = INERT_IMAGE_POLICY
    return response
