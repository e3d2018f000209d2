"""One parser for every id a request names, and bounded JSON (issue 17, finding 8)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.http import Http404

from openqms.nhsuk.ids import depth_of, id_or_404, load_json, parse_id

SOURCE = Path(__file__).resolve().parents[2] / "src" / "openqms"


@pytest.mark.parametrize("raw", ["²", "٣", "1²", "", " ", "-1", "1.0", "0x1", "1" * 19, None, [], True, "١٢"])
def test_anything_but_plain_ascii_digits_is_no_id(raw):
    assert parse_id(raw) is None
    with pytest.raises(Http404):
        id_or_404(raw)


@pytest.mark.parametrize(("raw", "found"), [("7", 7), (" 12 ", 12), (7, 7), ("9" * 18, int("9" * 18))])
def test_plain_digits_are_an_id(raw, found):
    assert parse_id(raw) == found


def test_json_nested_thousands_deep_is_refused_before_the_parser_recurses():
    deep = "[" * 5000 + "]" * 5000
    with pytest.raises(ValueError, match="nests more than 20 levels"):
        load_json(deep)
    assert depth_of('{"a": "[[[[[[", "b": [1, {"c": []}]}') == 4  # brackets inside strings do not count
    assert load_json(json.dumps({"shapes": [{"id": "a"}]})) == {"shapes": [{"id": "a"}]}


def test_json_past_its_size_is_refused():
    with pytest.raises(ValueError, match="larger than 1 KB"):
        load_json(b"[" + b"1," * 1000 + b"1]", max_bytes=1024)


def test_no_view_or_form_reads_an_id_with_isdigit():
    """isdigit() is true of "²", which int() refuses: every id goes through parse_id instead."""
    found = [
        f"{path.relative_to(SOURCE)}:{n}"
        for path in SOURCE.rglob("*.py")
        if "spc" not in path.parts and "migrations" not in path.parts
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\.isdigit\(\)|\.isnumeric\(\)", line) and "_first_wrong_part" not in line
    ]
    assert found == ["nhsuk/forms.py:33"]  # which of a date's boxes to point an error at, not an id
