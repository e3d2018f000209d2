"""What every administration view shares."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openqms.access import policy
from openqms.administration.selectors.units import ADMINISTER
from openqms.people.requests import AuthenticatedHttpRequest


def page(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"administration/{template}", {"page": "administration", **context}, status=status)


def crumbs(user: Any, unit: Any = None, *, include_unit: bool = False) -> list[dict[str, str]]:
    """Administration, then the unit's administered ancestors (and the unit itself when asked)."""
    items = [{"href": reverse("administration:home"), "text": "Administration"}]
    if unit is not None:
        line = [*unit.ancestors(), unit] if include_unit else list(unit.ancestors())
        items += [
            {"href": reverse("administration:unit", args=[u.pk]), "text": u.name}
            for u in line
            if policy.can(user, ADMINISTER, u)
        ]
    return items
