"""FHIR R4 at /api/fhir/: its own NinjaAPI, with the JSON API's authentication and FHIR's errors.

The views only translate HTTP: reads go through `selectors`, resources are built by `presenters`,
and MeasureReports coming in go through `imports` to control's import. Every answer is
`application/fhir+json`; every failure is an OperationOutcome naming the element (outcomes.py).
See docs/fhir.md and ADR 33.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from openqms.access import policy
from openqms.api.auth import AUTH, require_permission
from openqms.api.errors import RateLimited
from openqms.api.fhir import imports, presenters, selectors
from openqms.api.fhir.outcomes import FhirProblem, Issue, outcome, problem
from openqms.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from openqms.api.scope import unit_or_404
from openqms.control.models import Observation
from openqms.nhsuk.ids import id_or_404, parse_id

api = NinjaAPI(
    title="OpenQMS FHIR R4",
    version="r4",
    auth=AUTH,
    urls_namespace="api:fhir",
    # FHIR describes itself: GET metadata (the CapabilityStatement), and docs/fhir.md.
    docs_url=None,
    openapi_url=None,
)
JSON_BODY = re.compile(r"^application/(fhir\+)?json\b")


def fhir_response(resource: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(resource, separators=(",", ":")), status=status, content_type=presenters.MEDIA_TYPE
    )


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("api:fhir:capabilities").removesuffix("metadata"))


# --- errors --------------------------------------------------------------------------------------


def _failed(status: int, message: str, code: str, expression: str | None = None) -> HttpResponse:
    return fhir_response(outcome([Issue(message, expression, code)]), status)


def _on_problem(request: HttpRequest, exc: FhirProblem) -> HttpResponse:
    return fhir_response(outcome(exc.issues), exc.status)


def _on_404(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _failed(404, "Not found", "not-found")


def _on_auth(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _failed(401, "Sign in, or send a live token as 'Authorization: Bearer oqt_…'", "login")
    response["WWW-Authenticate"] = 'Bearer realm="openqms"'
    return response


def _on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported"}.get(
        exc.status_code, "invalid"
    )
    return _failed(exc.status_code, str(exc), code)


def _on_rate(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = _failed(
        429, f"Too many requests for this token: try again in {exc.retry_after} s", "throttled"
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def _on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _failed(413, "The request is too large: send the reports in several Bundles", "too-costly")


def _on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return _failed(400, "The request has problems", "invalid")


for kind, handler in (
    (FhirProblem, _on_problem),
    (Http404, _on_404),
    (AuthenticationError, _on_auth),
    (HttpError, _on_http),
    (RateLimited, _on_rate),
    (RequestDataTooBig, _on_too_big),
    (NinjaValidationError, _on_validation),
):
    api.add_exception_handler(kind, handler)  # type: ignore[arg-type]


# --- search parameters ---------------------------------------------------------------------------


def _count(request: HttpRequest) -> int:
    text = request.GET.get("_count")
    if text is None:
        return DEFAULT_LIMIT
    count = parse_id(text)
    if count is None or not 1 <= count <= MAX_LIMIT:
        raise problem(400, f"_count is a number of entries from 1 to {MAX_LIMIT}", "_count", "value")
    return count


def _encode(*parts: Any) -> str:
    return base64.urlsafe_b64encode(":".join(["f1", *map(str, parts)]).encode()).decode().rstrip("=")


CURSOR_PART = re.compile(r"^([0-9]{1,18}|[0-9]{4}-[0-9]{2}-[0-9]{2})$")


def _decode(request: HttpRequest, size: int) -> list[str] | None:
    """The parts of the cursor a next link carries: ids and days, nothing else."""
    cursor = request.GET.get("_cursor")
    if not cursor:
        return None
    try:
        parts = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        parts = []
    if len(parts) != size + 1 or parts[0] != "f1" or not all(CURSOR_PART.match(p) for p in parts[1:]):
        raise problem(400, "Not a cursor this server gave: follow the Bundle's next link", "_cursor", "value")
    return parts[1:]


def _next_link(request: HttpRequest, cursor: str) -> str:
    params = [(k, v) for k, values in request.GET.lists() for v in values if k != "_cursor"]
    return request.build_absolute_uri(f"{request.path}?{urlencode([*params, ('_cursor', cursor)])}")


def _reference_id(request: HttpRequest, name: str, kind: str) -> int | None:
    """`Measure/12`, a URL ending in it (a Measure's url), or `12`."""
    text = request.GET.get(name)
    if text is None:
        return None
    found = re.search(rf"(?:^|(?:^|/){kind}/)([0-9]{{1,18}})(?:\|[^|]*)?$", text)
    if found is None:
        raise problem(400, f"{name} is a reference: {kind}/{{id}}", name, "value")
    return int(found.group(1))


PERIOD = re.compile(r"^(eq|ge|gt|le|lt)?([0-9]{4}-[0-9]{2}-[0-9]{2})$")


def _period_filter(request: HttpRequest, found: QuerySet[Observation]) -> QuerySet[Observation]:
    lookups = {"eq": "", "ge": "__gte", "gt": "__gt", "le": "__lte", "lt": "__lt"}
    for text in request.GET.getlist("period"):
        match = PERIOD.match(text)
        day = None
        if match:
            try:
                day = dt.date.fromisoformat(match.group(2))
            except ValueError:
                day = None
        if match is None or day is None:
            raise problem(400, "period is a day with an optional prefix: ge2024-01-01", "period", "value")
        found = found.filter(**{f"period_start{lookups[match.group(1) or 'eq']}": day})
    return found


# --- reads ---------------------------------------------------------------------------------------


@api.get("/metadata", auth=None, url_name="capabilities")
def capabilities(request: HttpRequest) -> HttpResponse:
    """What this server does: public, as a FHIR server's CapabilityStatement is."""
    return fhir_response(presenters.capability_statement(base_url(request)))


@api.get("/Measure", url_name="measure-search")
def search_measures(request: HttpRequest) -> HttpResponse:
    size = _count(request)
    cursor = _decode(request, 1)
    found = selectors.definitions(request.user).order_by("pk")
    total = found.count()
    if cursor is not None:
        after = parse_id(cursor[0])
        if after is None:
            raise problem(400, "Not a cursor this server gave: follow the Bundle's next link", "_cursor")
        found = found.filter(pk__gt=after)
    rows = list(found[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    base = base_url(request)
    next_url = _next_link(request, _encode(rows[-1].pk)) if more and rows else None
    entries = [presenters.measure_resource(d, base) for d in rows]
    return fhir_response(presenters.searchset(entries, base, request.build_absolute_uri(), next_url, total))


@api.get("/Measure/{definition_id}", url_name="measure-read")
def read_measure(request: HttpRequest, definition_id: str) -> HttpResponse:
    definition = selectors.definition_or_404(request.user, id_or_404(definition_id))
    return fhir_response(presenters.measure_resource(definition, base_url(request)))


@api.get("/Organization/{unit_id}", url_name="organization-read")
def read_organization(request: HttpRequest, unit_id: str) -> HttpResponse:
    """A unit, as MeasureReports name their reporter: for whoever may see the unit."""
    return fhir_response(presenters.organization_resource(unit_or_404(request.user, id_or_404(unit_id))))


def _reports(request: HttpRequest, observations: list[Observation]) -> list[dict[str, Any]]:
    measures = {o.measure_id: o.measure for o in observations}
    snapshots = selectors.snapshots(list(measures.values()))
    spc = {pk: presenters.SpcPoints(snapshots.get(pk)) for pk in measures}
    base = base_url(request)
    return [presenters.report_resource(o, o.measure, spc[o.measure_id], base) for o in observations]


@api.get("/MeasureReport", url_name="report-search")
def search_reports(request: HttpRequest) -> HttpResponse:
    size = _count(request)
    cursor = _decode(request, 2)
    found = selectors.reports(request.user)
    definition_id = _reference_id(request, "measure", "Measure")
    if definition_id is not None:
        found = found.filter(measure__definition_id=definition_id)
    unit_id = _reference_id(request, "reporter", "Organization")
    if unit_id is not None:
        found = found.filter(measure__unit_id=unit_id)
    found = _period_filter(request, found).order_by("measure_id", "period_start")
    total = found.count()
    if cursor is not None:
        try:
            found = selectors.after(found, int(cursor[0]), dt.date.fromisoformat(cursor[1]))
        except ValueError as exc:
            raise problem(
                400, "Not a cursor this server gave: follow the Bundle's next link", "_cursor"
            ) from exc
    rows = list(found[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if rows else None
    next_url = _next_link(request, _encode(last.measure_id, last.period_start)) if more and last else None
    entries = _reports(request, rows)
    return fhir_response(
        presenters.searchset(entries, base_url(request), request.build_absolute_uri(), next_url, total)
    )


REPORT_ID = re.compile(r"^([0-9]{1,18})-([0-9]{4}-[0-9]{2}-[0-9]{2})$")


@api.get("/MeasureReport/{report_id}", url_name="report-read")
def read_report(request: HttpRequest, report_id: str) -> HttpResponse:
    match = REPORT_ID.match(report_id)
    if match is None:
        raise Http404("Not found")
    try:
        period = dt.date.fromisoformat(match.group(2))
    except ValueError as exc:
        raise Http404("Not found") from exc
    observation = selectors.report_or_404(request.user, int(match.group(1)), period)
    return fhir_response(_reports(request, [observation])[0])


# --- writes --------------------------------------------------------------------------------------


def _body(request: HttpRequest) -> Any:
    if not JSON_BODY.match(request.content_type or ""):
        raise problem(415, "Send application/fhir+json", None, "not-supported")
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise problem(400, f"The body is not JSON: {exc}", None, "structure") from exc


@api.post("/MeasureReport", url_name="report-create")
def create_report(request: HttpRequest) -> HttpResponse:
    """One period of one measure: saved as its observation (created, or corrected in place)."""
    require_permission(request, policy.Permission.CONTRIBUTE)
    entry = imports.parse_report(_body(request))
    saved = imports.save(request, [entry])[0]
    measure_id, period = saved.report_id.split("-", 1)
    observation = selectors.report_or_404(request.user, int(measure_id), dt.date.fromisoformat(period))
    response = fhir_response(_reports(request, [observation])[0], 201 if saved.created else 200)
    response["Location"] = f"{base_url(request)}MeasureReport/{saved.report_id}"
    return response


@api.post("/", url_name="bundle")
def submit_bundle(request: HttpRequest) -> HttpResponse:
    """A transaction, batch or collection Bundle of MeasureReports: all saved, or none."""
    require_permission(request, policy.Permission.CONTRIBUTE)
    kind, entries = imports.parse_bundle(_body(request))
    saved = imports.save(request, entries)
    base = base_url(request)
    return fhir_response(
        {
            "resourceType": "Bundle",
            # A batch is answered as one, although it too is saved all or nothing.
            "type": "batch-response" if kind == "batch" else "transaction-response",
            "entry": [
                {
                    "fullUrl": f"{base}MeasureReport/{s.report_id}",
                    "response": {
                        "status": "201 Created" if s.created else "200 OK",
                        "location": f"MeasureReport/{s.report_id}",
                    },
                }
                for s in saved
            ],
        }
    )
