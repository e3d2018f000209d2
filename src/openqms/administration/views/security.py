"""The security log page: sign-ins, lock-outs, role grants and API token use."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse

from openqms.administration.selectors.security import security_log
from openqms.administration.selectors.units import require_administrator
from openqms.administration.views.common import crumbs, page
from openqms.people.models import SecurityEvent
from openqms.people.requests import AuthenticatedHttpRequest

PAGE_SIZE = 50


def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    require_administrator(request.user)
    kind = request.GET.get("kind", "")
    kind = kind if kind in SecurityEvent.Kind.values else ""
    events = Paginator(security_log(request.user, kind), PAGE_SIZE).get_page(request.GET.get("page"))
    return page(
        request,
        "security.jinja",
        {"events": events, "kind": kind, "kinds": SecurityEvent.Kind.choices, "crumbs": crumbs(request.user)},
    )
