"""Bulk observations: many periods of many measures in one request, all or nothing."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Header, Router, Schema, Status
from pydantic import Field, field_validator

from openqms.access import policy
from openqms.api.auth import require_permission
from openqms.api.errors import ERRORS
from openqms.api.services.idempotency import once, request_hash
from openqms.api.submissions import ObservationIn, SubmissionOut, bulk_max, organisation_for, submit

router = Router(tags=["observations"])


class BulkIn(Schema):
    organisation: str | None = Field(
        None, description="The organisation's code; by default the token's, or the only one you add data to"
    )
    dry_run: bool = Field(False, description="Check everything, write nothing")
    # The upper limit is checked below rather than declared as maxItems: a schema's bounds are
    # there to be reached, and a client (or Schemathesis) building 50,000 items to test it would
    # spend minutes on it.
    items: list[ObservationIn] = Field(
        min_length=1, description="The observations; at most OPENQMS_API_BULK_MAX (50,000) in one request"
    )

    @field_validator("items")
    @classmethod
    def _not_too_many(cls, items: list[ObservationIn]) -> list[ObservationIn]:
        if len(items) > bulk_max():
            raise ValueError(f"At most {bulk_max():,} observations in one request: send the rest in another")
        return items


@router.post("/observations/bulk", response={200: SubmissionOut, **ERRORS})
def submit_observations(
    request: HttpRequest,
    payload: BulkIn,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description="Any unique text per submission (a UUID): a retry with the same key and body "
            "gets the first answer again and writes nothing",
        ),
    ] = None,
) -> Any:
    """Create or correct observations, keyed by (measure, unit, period); validated whole."""
    require_permission(request, policy.Permission.CONTRIBUTE)
    organisation = organisation_for(request, payload.organisation)

    def write() -> tuple[int, Any]:
        return 200, submit(request, payload.items, organisation=organisation, dry_run=payload.dry_run)

    if idempotency_key is None or payload.dry_run:
        return Status(*write())
    return Status(
        *once(
            person=request.user,
            key=idempotency_key,
            method_path=f"{request.method} {request.path}",
            fingerprint=request_hash(request.method or "", request.path, request.body),
            write=write,
        )
    )
