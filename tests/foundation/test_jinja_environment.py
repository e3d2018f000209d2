"""The page environment's own `indent` filter gives what Jinja's gives, for markup and for text."""

from __future__ import annotations

import pytest
from jinja2.filters import do_indent
from markupsafe import Markup

from openqms.shell.jinja2 import indent

SAMPLES = [
    "",
    "one line",
    "first\nsecond\n\nfourth",
    "trailing newline\n",
    "\n\nleading blank lines",
    "windows\r\nline\r\nends",
    '<a href="x">&amp;</a>\n  <b>nested</b>\n',
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [0, 2, 4, "\t", "--"])
@pytest.mark.parametrize("first", [False, True])
@pytest.mark.parametrize("blank", [False, True])
def test_indent_gives_what_jinjas_filter_gives(text: str, width: int | str, first: bool, blank: bool) -> None:
    for value in (text, Markup(text)):  # noqa: S704 (the filter is given markup as pages give it)
        ours, theirs = indent(value, width, first, blank), do_indent(value, width, first, blank)
        assert ours == theirs
        assert type(ours) is type(theirs)


def test_indenting_markup_keeps_it_safe_and_text_stays_text() -> None:
    assert isinstance(indent(Markup("<p>a</p>\n<p>b</p>"), 2), Markup)
    assert not isinstance(indent("<p>a</p>\n<p>b</p>", 2), Markup)
