"""Shared vocabulary for the authorization matrix (tests/foundation/test_authorization_matrix.py).

Each app that adds URL patterns keeps `EXPECTATIONS = {url_name: [Case, ...]}` in
tests/<app>/authorization.py; the matrix test fails for any URL pattern without expectations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.personas import PERSONAS

EVERYONE = [*PERSONAS, "anonymous"]
SIGNED_IN = list(PERSONAS)
NORTHSHIRE_UNIT_VIEWERS = [p for p in PERSONAS if p not in ("otto_other_admin", "nora_no_role")]


@dataclass(frozen=True)
class Case:
    label: str
    kwargs: Callable[[Any], dict[str, Any]] = lambda trust: {}
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] = lambda trust: {}
    allowed: dict[str, int] = field(default_factory=dict)  # persona → status; everyone else: `otherwise`
    otherwise: int = 404
    content_type: str | None = None  # "application/json": the data are sent as a JSON body (the API)


def only(personas: list[str], status: int = 200, **extra: int) -> dict[str, int]:
    return dict.fromkeys(personas, status) | extra
