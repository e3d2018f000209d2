"""The one parser for an id read from a request (a query string, a posted field, a JSON body).

`str.isdigit` and `\\d` accept every Unicode digit ("²", "٣"), which `int()` then refuses or the
database cannot hold: an id here is 1 to 18 ASCII digits (within a bigint), or it is no id at all.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.http import Http404

ASCII_ID = re.compile(r"[0-9]{1,18}")
# Bodies the pages post as JSON (the process map) are far smaller and shallower than this.
MAX_JSON_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 20
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def parse_id(value: Any) -> int | None:
    """The id a request names, or None when it names none (missing, empty, or not plain digits)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str) or not ASCII_ID.fullmatch(value.strip()):
        return None
    return int(value.strip())


def id_or_404(value: Any) -> int:
    found = parse_id(value)
    if found is None:
        raise Http404("Not found")
    return found


def depth_of(text: str) -> int:
    """How deeply a JSON text nests its arrays and objects, counted without recursion."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def load_json(body: bytes | str, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """JSON from a request, refused with ValueError (a message to show) past its size or depth.

    Python's parser recurses once per level, so a body nested thousands deep would raise
    RecursionError from inside it: the depth is measured first.
    """
    if len(body) > max_bytes:
        raise ValueError(f"The data is larger than {max_bytes // 1024:,} KB")
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    if depth_of(text) > max_depth:
        raise ValueError(f"The data nests more than {max_depth} levels deep")
    return json.loads(text)
