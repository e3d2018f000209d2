"""The current unit: the place in the tree that the header shows and the components open on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from openqms.access import policy
from openqms.organisations.models import Unit

SESSION_KEY = "openqms_current_unit"


def current_unit_for(request: HttpRequest) -> Unit | None:
    """The unit chosen in this session if the person may still see it, else their first unit."""
    user: Any = request.user
    if not user.is_authenticated:
        return None
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        unit = Unit.objects.select_related("organisation").filter(pk=chosen, archived_at__isnull=True).first()
        if unit is not None and policy.can(user, policy.Permission.VIEW_UNIT, unit):
            return unit
    grants = policy.grants_of(user)
    if not grants:
        return None
    # The highest unit the person holds a role on is where their work starts.
    top = min(grants, key=lambda g: (g.path.count("/"), g.path))
    return Unit.objects.select_related("organisation").filter(pk=top.unit_id).first()


class CurrentUnitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.current_unit = SimpleLazyObject(lambda: current_unit_for(request))  # type: ignore[attr-defined]
        return self.get_response(request)


class NoStoreMiddleware:
    """What a signed-in person is shown is never kept by the browser or a proxy: a shared ward
    computer's back button or cache must not show the next person someone else's quality data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
