"""The improvement portfolio and the lessons learned from closed projects."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.control.presenters.measures import variation_icon, variation_words
from openqms.improvement.models import Method, Stage
from openqms.improvement.presenters.methods import method_line
from openqms.improvement.selectors import projects as projects_selectors
from openqms.organisations.selectors import domain_choices
from openqms.people.requests import AuthenticatedHttpRequest

# --- the portfolio -------------------------------------------------------------------------------


def _domains(request: AuthenticatedHttpRequest, unit: Any) -> list[tuple[str, str]]:
    """The filter's domains: the current unit's organisation's, or those of every organisation
    the person works in (the same key once)."""
    if unit:
        return domain_choices(unit.organisation_id)
    org_ids = policy.units_where(request.user, Permission.VIEW_UNIT).values_list("organisation_id", flat=True)
    merged: dict[str, str] = {}
    for org_id in sorted(set(org_ids)):
        for key, label in domain_choices(org_id):
            merged.setdefault(key, label)
    return list(merged.items())


def portfolio(request: AuthenticatedHttpRequest) -> HttpResponse:
    unit = request.current_unit  # type: ignore[attr-defined]
    stage = request.GET.get("stage", "")
    domain = request.GET.get("domain", "")
    stage = stage if stage in Stage.values else ""
    domains = _domains(request, unit)
    domain = domain if domain in dict(domains) else ""
    method = request.GET.get("method", "")
    method = method if method in Method.values else ""
    sponsored = request.GET.get("sponsor") == "me"
    priorities = list(projects_selectors.priorities_for(request.user))
    chosen = request.GET.get("priority", "")
    priority = next((p for p in priorities if str(p.pk) == chosen), None)
    found = projects_selectors.portfolio(
        request.user,
        unit or None,
        stage=stage,
        domain=domain,
        priority=priority.pk if priority else None,
        sponsored=sponsored,
        method=method,
    )
    may_start = policy.units_where(request.user, Permission.CONTRIBUTE).exists()
    return render(
        request,
        "improvement/portfolio.jinja",
        {
            "page": "improvement",
            "unit": unit or None,
            "portfolio": found,
            "stage": stage,
            "domain": domain,
            "priorities": priorities,
            "priority": priority,
            "sponsored": sponsored,
            "stages": Stage.choices,
            "domains": domains,
            "may_start": may_start,
            "method": method,
            "methods": Method.choices,
            "method_lines": {r.project.pk: method_line(r.project, passed=r.passed_gates) for r in found.rows},
            "icon": variation_icon,
            "icon_words": variation_words,
            "total": sum(found.stage_counts.values()),
        },
    )


def lessons(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    found = Paginator(projects_selectors.lessons(request.user, query), 20).get_page(request.GET.get("page"))
    viewable = {p.pk for p in found if policy.can(request.user, Permission.VIEW, p)}
    return render(
        request,
        "improvement/lessons.jinja",
        {"page": "improvement", "query": query, "found": found, "viewable": viewable},
    )
