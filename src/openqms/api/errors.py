"""One error body for every failed API request, naming the field (and the item of a bulk request).

    {"status": 422, "message": "…", "errors": [{"index": 3, "field": "value", "message": "…"}]}

`index` is the item's position in a bulk request's `items` (None elsewhere); `field` is the
request's field, or the query parameter, or None when the problem is the request as a whole.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ErrorItem(Schema):
    index: int | None = None
    field: str | None = None
    message: str


class ErrorBody(Schema):
    status: int
    message: str
    errors: list[ErrorItem] = []


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many requests")
        self.retry_after = retry_after


class ProblemsError(Exception):
    """The domain's checks refused the data: every problem, already as error items."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__("The request has problems")
        self.problems = problems


class Conflict(Exception):
    """An Idempotency-Key reused with a different request: 422, as the IETF draft on the header says."""


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, message: str, errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    body = {"status": status, "message": message, "errors": errors or []}
    return api.create_response(request, body, status=status)


def _where(loc: tuple[Any, ...] | list[Any]) -> tuple[int | None, str | None]:
    """Ninja's location ("body", "payload", "items", 3, "value") as (3, "value")."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        source = parts.pop(0)
        # Ninja names the whole body after the view's argument: ("body", "payload", "field").
        if source == "body" and len(parts) > 1 and isinstance(parts[0], str) and parts[0] == "payload":
            parts.pop(0)
    index = None
    if len(parts) >= 2 and parts[0] == "items" and isinstance(parts[1], int):
        index = parts[1]
        parts = parts[2:]
    names = [str(p) for p in parts if not isinstance(p, int)]
    return index, ".".join(names) or None


def validation_items(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    for error in errors:
        index, field = _where(error.get("loc", ()))
        message = str(error.get("msg", "Invalid"))
        items.append({"index": index, "field": field, "message": message})
    return items


def django_validation_items(exc: ValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        return [
            {"index": None, "field": None if name == "__all__" else name, "message": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"index": None, "field": None, "message": message} for message in exc.messages]


def install(api: NinjaAPI) -> None:
    """Register the handlers on an API (v1, and FHIR's when it comes)."""

    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return error_response(api, request, 422, "The request has problems", validation_items(exc.errors))

    def on_django_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(api, request, 422, "The request has problems", django_validation_items(exc))

    def on_404(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(api, request, 404, "Not found")

    def on_auth(request: HttpRequest, exc: Exception) -> HttpResponse:
        response = error_response(
            api, request, 401, "Sign in, or send a live token as 'Authorization: Bearer oqt_…'"
        )
        response["WWW-Authenticate"] = 'Bearer realm="openqms"'
        return response

    def on_http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, str(exc))

    def on_rate(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = error_response(
            api, request, 429, f"Too many requests for this token: try again in {exc.retry_after} s"
        )
        response["Retry-After"] = str(exc.retry_after)
        return response

    def on_conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return error_response(
            api,
            request,
            422,
            str(exc),
            [{"index": None, "field": "Idempotency-Key", "message": str(exc)}],
        )

    def on_problems(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(
            api, request, 422, "The request has problems", list(getattr(exc, "problems", []))
        )

    def on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(
            api, request, 413, "The request is too large: send the observations in several requests"
        )

    api.add_exception_handler(RequestDataTooBig, on_too_big)  # type: ignore[arg-type]
    api.add_exception_handler(ProblemsError, on_problems)  # type: ignore[arg-type]
    api.add_exception_handler(NinjaValidationError, on_validation)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationError, on_django_validation)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, on_404)  # type: ignore[arg-type]
    api.add_exception_handler(AuthenticationError, on_auth)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, on_http)  # type: ignore[arg-type]
    api.add_exception_handler(RateLimited, on_rate)  # type: ignore[arg-type]
    api.add_exception_handler(Conflict, on_conflict)  # type: ignore[arg-type]


ERRORS: dict[int, type[ErrorBody]] = {
    400: ErrorBody,  # a body that is not JSON
    401: ErrorBody,
    403: ErrorBody,
    404: ErrorBody,
    422: ErrorBody,
    413: ErrorBody,
    429: ErrorBody,
}
