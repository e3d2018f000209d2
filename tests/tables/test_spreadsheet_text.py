"""The one guard on every cell of a download (issue 17, finding 2): OWASP's CSV injection."""

from __future__ import annotations

import pytest

from openqms.tables import spreadsheet_text


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://example.org","click")',
        "=1+2",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "\tx",
        "\rx",
    ],
)
def test_text_that_would_start_a_formula_is_quoted(typed):
    assert spreadsheet_text(typed) == "'" + typed


@pytest.mark.parametrize("value", [-3, -2.5, "-3", "-2.5", "+4", "plain", "", None, "a=b"])
def test_numbers_and_plain_text_are_left_as_they_are(value):
    assert spreadsheet_text(value) == value
