"""What each control page answers to each persona, in and out of scope, for the authorization matrix.

Objects are built inside the kwargs functions through the services: a measure on Ward A (Mo and
Tess's ward, inside Elderly Care and Medicine), one on Ward B, and one shared with service users.
Quality data are seen by staff whose role reaches the unit; changed by the same people (contribute)
or by leaders (definitions and targets); service users see shared measures only; administrators
see units but no quality data.
"""

from __future__ import annotations

from typing import Any

from openqms.control.services.measures import add_annotation
from tests.authorization import NORTHSHIRE_UNIT_VIEWERS, SIGNED_IN, Case, only
from tests.control import pages_helpers as h

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
ELDERLY_CARE_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
WARD_B_VIEWERS = [*WARD_B_STAFF, "ada_admin"]


def _measure(trust: Any, unit: str = "ward_a", shared: bool = False, data: bool = True) -> Any:
    m = h.measure(getattr(trust, unit), shared_with_service_users=shared)
    if data:
        h.monthly_values(m, h.RISING)
    return m


def _measure_kwargs(unit: str = "ward_a", shared: bool = False) -> Any:
    return lambda t: {"pk": _measure(t, unit, shared).pk}


def _observation(t: Any) -> dict[str, int]:
    m = _measure(t)
    return {"pk": m.pk, "observation_pk": m.observations.first().pk}


def _annotation(t: Any) -> dict[str, int]:
    m = _measure(t)
    a = add_annotation(actor=None, measure=m, on=h.months(3)[2], kind="event", label="New rota")
    return {"pk": m.pk, "annotation_pk": a.pk}


def _definition(unit: str = "ward_a", shared: bool = False, reported: bool = True) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        if reported:
            return {"pk": _measure(t, unit, shared).definition_id}
        return {"pk": h.definition(getattr(t, unit), shared_with_service_users=shared).pk}

    return kwargs


def _rollup(t: Any) -> dict[str, int]:
    m = _measure(t)
    return {"pk": m.definition_id, "unit_pk": t.elderly_care.pk}


def _unit(name: str) -> Any:
    return lambda t: {"pk": getattr(t, name).pk}


_MEASURE_PAGE = [
    Case("Ward A", _measure_kwargs(), allowed=only(WARD_A_STAFF)),
    Case("Ward B", _measure_kwargs("ward_b"), allowed=only(WARD_B_STAFF)),
    Case(
        "shared with service users",
        _measure_kwargs(shared=True),
        allowed=only([*WARD_A_STAFF, "sue_service_user"]),
    ),
    Case("another organisation", _measure_kwargs("other_team"), allowed={}),
]
_UNIT_PAGE = [
    Case("Ward A", _unit("ward_a"), allowed=only(NORTHSHIRE_UNIT_VIEWERS)),
    Case("Ward B", _unit("ward_b"), allowed=only(WARD_B_VIEWERS)),
    Case("another organisation", _unit("other_team"), allowed=only(["otto_other_admin"])),
]

EXPECTATIONS: dict[str, list[Case]] = {
    "control:unit-board": _UNIT_PAGE,
    "control:unit-measures": _UNIT_PAGE,
    "control:library": [Case("everyone signed in; the list is scoped", allowed=only(SIGNED_IN))],
    "control:definition-new": [Case("leaders only", allowed=only(WARD_A_LEADERS))],
    "control:definition": [
        Case("owned by and reported on Ward A", _definition(), allowed=only(WARD_A_STAFF)),
        Case("owned by Ward B", _definition("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("shared", _definition(shared=True), allowed=only([*WARD_A_STAFF, "sue_service_user"])),
    ],
    "control:definition-edit": [
        Case("Ward A", _definition(), allowed=only(WARD_A_LEADERS)),
        Case("Ward B", _definition("ward_b"), allowed=only(["sam_senior", "dana_division"])),
    ],
    "control:definition-report": [
        Case("not reported yet", _definition(reported=False), allowed=only(WARD_A_LEADERS)),
        # Tess leads only Ward A, which reports it already: nothing left for her to add it to.
        Case("reported by Ward A", _definition(), allowed=only(["sam_senior", "dana_division"])),
    ],
    "control:rollup": [Case("Elderly Care", _rollup, allowed=only(ELDERLY_CARE_STAFF))],
    "control:measure": _MEASURE_PAGE,
    "control:measure-history": _MEASURE_PAGE,
    "control:chart-svg": _MEASURE_PAGE,
    "control:chart-png": [_MEASURE_PAGE[0], _MEASURE_PAGE[2]],
    "control:measure-target": [
        Case("Ward A", _measure_kwargs(), allowed=only(WARD_A_LEADERS)),
        Case("Ward B", _measure_kwargs("ward_b"), allowed=only(["sam_senior", "dana_division"])),
    ],
    "control:measure-data": [
        Case("GET is not allowed", _measure_kwargs(), allowed=only(SIGNED_IN, 405)),
        # An empty form comes back with its errors; out of scope is 404 before any validation.
        Case("Ward A", _measure_kwargs(), method="post", allowed=only(WARD_A_STAFF)),
        Case("Ward B", _measure_kwargs("ward_b"), method="post", allowed=only(WARD_B_STAFF)),
    ],
    "control:measure-data-remove": [Case("confirmation", _observation, allowed=only(WARD_A_STAFF))],
    "control:annotation-add": [
        Case("Ward A", _measure_kwargs(), method="post", allowed=only(WARD_A_STAFF)),
        Case(
            "shared: service users still may not add",
            _measure_kwargs(shared=True),
            method="post",
            allowed=only(WARD_A_STAFF),
        ),
    ],
    "control:annotation-archive": [
        Case("GET is not allowed", _annotation, allowed=only(SIGNED_IN, 405)),
        Case("Ward A", _annotation, method="post", allowed=only(WARD_A_STAFF, 302)),
    ],
}

# Huddles, escalations and proposals keep their expectations beside their own tests.
from tests.control.authorization_huddles import EXPECTATIONS as _HUDDLES  # noqa: E402

EXPECTATIONS.update(_HUDDLES)

# Measure data upload, results and templates (issue 4, data in).
from tests.control.authorization_data import EXPECTATIONS as _DATA  # noqa: E402

EXPECTATIONS.update(_DATA)
