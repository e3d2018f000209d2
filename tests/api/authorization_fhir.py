"""What each FHIR route answers to each persona (signed in, as a browser session), in and out of scope.

Merged into tests/api/authorization.py's EXPECTATIONS. Writes that reach a measure the persona
cannot add data to are told it is unknown (422, an OperationOutcome naming the element), as a file
upload would be; reads out of scope answer 404.
"""

from __future__ import annotations

from typing import Any

from tests.authorization import EVERYONE, NORTHSHIRE_UNIT_VIEWERS, SIGNED_IN, Case, only
from tests.control import pages_helpers as h

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]
FHIR = "application/fhir+json"


def _api(personas: list[str], status: int = 200) -> dict[str, int]:
    return only(personas, status, anonymous=401)


def _measure(t: Any, unit: str = "ward_a") -> Any:
    m = h.measure(getattr(t, unit))
    h.monthly_values(m, h.RISING)
    return m


def _report_id(unit: str) -> Any:
    return lambda t: {"report_id": f"{_measure(t, unit).pk}-2023-01-01"}


def _report(t: Any) -> dict[str, Any]:
    m = _measure(t)
    return {
        "resourceType": "MeasureReport",
        "status": "complete",
        "type": "summary",
        "measure": f"Measure/{m.definition_id}",
        "reporter": {"reference": f"Organization/{m.unit_id}"},
        "period": {"start": "2024-06-01"},
        "group": [{"measureScore": {"value": 4}}],
    }


EXPECTATIONS: dict[str, list[Case]] = {
    "api:fhir:capabilities": [
        Case("public, as a FHIR server's CapabilityStatement is", allowed=only(EVERYONE))
    ],
    "api:fhir:measure-search": [Case("everyone signed in, with what they may see", allowed=_api(SIGNED_IN))],
    "api:fhir:measure-read": [
        Case(
            "reported on Ward A",
            lambda t: {"definition_id": str(_measure(t).definition_id)},
            allowed=_api(WARD_A_STAFF),
        )
    ],
    "api:fhir:organization-read": [
        Case("Ward A", lambda t: {"unit_id": str(t.ward_a.pk)}, allowed=_api(NORTHSHIRE_UNIT_VIEWERS)),
        Case(
            "another organisation",
            lambda t: {"unit_id": str(t.other_team.pk)},
            allowed=_api(["otto_other_admin"]),
        ),
    ],
    "api:fhir:report-search": [Case("everyone signed in, with what they may see", allowed=_api(SIGNED_IN))],
    "api:fhir:report-read": [
        Case("Ward A", _report_id("ward_a"), allowed=_api(WARD_A_STAFF)),
        Case("Ward B", _report_id("ward_b"), allowed=_api(WARD_B_STAFF)),
    ],
    "api:fhir:report-create": [
        Case(
            "Ward A's data: created by the first, then unchanged; others are told it is unknown",
            method="post",
            data=_report,
            allowed=_api(WARD_A_STAFF) | {"sam_senior": 201},
            otherwise=422,
            content_type=FHIR,
        )
    ],
    "api:fhir:bundle": [
        Case(
            "Ward A's data in a transaction; others are told it is unknown",
            method="post",
            data=lambda t: {
                "resourceType": "Bundle",
                "type": "transaction",
                "entry": [{"resource": _report(t)}],
            },
            allowed=_api(WARD_A_STAFF),
            otherwise=422,
            content_type=FHIR,
        )
    ],
}
