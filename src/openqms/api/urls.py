"""The API's addresses, each view wrapped for what every API answer shares.

Each request runs in its own copy of the context, so the audit attribution a token sets ends with
it; LoginRequiredMiddleware lets API views through (they answer 401 themselves, with a JSON body);
and no answer is cached (`Cache-Control: no-store`): it holds quality data.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from openqms.api.fhir.api import api as fhir_api
from openqms.api.v1 import api
from openqms.api.views import tokens


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = contextvars.copy_context().run(view, request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    wrapped.login_required = False  # type: ignore[attr-defined]
    return wrapped


def wrapped_patterns(patterns: list[Any]) -> list[Any]:
    out: list[Any] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            out.append(p)
        else:
            assert isinstance(p, URLPattern)
            out.append(URLPattern(p.pattern, api_view(p.callback), p.default_args, p.name))
    return out


app_name = "api"
urlpatterns = [
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/new/", tokens.token_new, name="token-new"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
    # FHIR's base answers POST itself (a Bundle): ninja's empty root page is left out.
    path("fhir/", include((wrapped_patterns([p for p in fhir_api.urls[0] if p.name != "api-root"]), "fhir"))),  # type: ignore[union-attr]
    path("v1/", include((wrapped_patterns(list(api.urls[0])), "v1"))),
]
