"""One set of templates for the page and the PDF: the report's body is drawn once from its
contents; the page frames it in the layout, the PDF in a print document for WeasyPrint (A4, a
contents page, page numbers, running headers naming the unit and period, tagged as PDF/UA-1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from markupsafe import Markup

from openqms.reporting.presenters import present

PRINT_CSS = Path(__file__).parent / "static" / "reporting" / "print.css"


def body_html(contents: dict[str, Any], grouping: str = "domain") -> str:
    return render_to_string("reporting/_body.jinja", {"r": present(contents, grouping), "pdf": False})


def print_html(contents: dict[str, Any], body: str | None = None) -> str:
    """The print document: the frozen body when there is one, or the body drawn for print."""
    presented = present(contents)
    if body is None:
        body = render_to_string("reporting/_body.jinja", {"r": presented, "pdf": True})
    return render_to_string(
        "reporting/print.jinja",
        {"r": presented, "body": Markup(body)},  # noqa: S704 (drawn by our templates)
    )


def pdf_bytes(contents: dict[str, Any], body: str | None = None) -> bytes:
    from weasyprint import CSS, HTML

    document = HTML(string=print_html(contents, body), base_url=str(PRINT_CSS.parent))
    # pdf/ua-1 makes WeasyPrint tag the structure (headings, tables, figures) and set the language.
    return bytes(document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))], pdf_variant="pdf/ua-1"))
