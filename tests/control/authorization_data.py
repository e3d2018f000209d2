"""Measure data pages (upload, results, templates) for the authorization matrix.

Adding data needs CONTRIBUTE on the unit: staff whose role reaches it. Service users and
administrators (no clinical powers) get 404, as does anyone for a unit or measure out of scope.
A result belongs to the session that uploaded the file, so any other session gets 404 for it.
"""

from __future__ import annotations

from typing import Any

from tests.authorization import Case, only
from tests.control import pages_helpers as h

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]


def _unit(attr: str, **extra: Any) -> Any:
    return lambda t: {"pk": getattr(t, attr).pk, **extra}


def _measure(attr: str, fmt: str) -> Any:
    return lambda t: {"pk": h.measure(getattr(t, attr)).pk, "fmt": fmt}


_NOT_THIS_SESSION = [Case("a result of another session", _unit("ward_a", token="not-yours"), allowed={})]

EXPECTATIONS: dict[str, list[Case]] = {
    "control:data-upload": [
        Case("Ward A", _unit("ward_a"), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _unit("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("another organisation", _unit("other_team"), allowed={}),
        # No file: the form comes back with its error; out of scope is 404 before any check.
        Case("posting nothing", _unit("ward_a"), method="post", allowed=only(WARD_A_STAFF)),
    ],
    "control:data-result": _NOT_THIS_SESSION,
    "control:data-problems-csv": _NOT_THIS_SESSION,
    "control:data-unit-template": [
        Case("Ward A, CSV", _unit("ward_a", fmt="csv"), allowed=only(WARD_A_STAFF)),
        Case("Ward B, Excel", _unit("ward_b", fmt="xlsx"), allowed=only(WARD_B_STAFF)),
        Case("not a format", _unit("ward_a", fmt="pdf"), allowed={}),
    ],
    "control:data-measure-template": [
        Case("Ward A, Excel", _measure("ward_a", "xlsx"), allowed=only(WARD_A_STAFF)),
        Case("Ward B, CSV", _measure("ward_b", "csv"), allowed=only(WARD_B_STAFF)),
    ],
}
