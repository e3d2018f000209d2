"""Downloads are attachments, and an SVG's text can run no script."""

from __future__ import annotations

from openqms.nhsuk.downloads import INERT_IMAGE_POLICY, attachment, png_attachment, svg_attachment

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>'


def test_a_file_is_saved_under_its_name():
    response = attachment(b"a,b\n", "text/csv", "ward-a.csv")
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="ward-a.csv"'


def test_images_are_attachments_under_a_policy_that_runs_nothing():
    svg = svg_attachment(SVG, "chart.svg")
    assert svg.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    png = png_attachment(SVG, "chart.png")
    assert png.content.startswith(b"\x89PNG")
    for response, kind in ((svg, "image/svg+xml"), (png, "image/png")):
        assert response["Content-Type"] == kind
        assert response["Content-Security-Policy"] == INERT_IMAGE_POLICY
        assert response["Content-Disposition"].startswith("attachment; ")
