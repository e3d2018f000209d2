""" "You said, we did": a unit's page for a period (staff preview it; a leader publishes it), and
the published page that service users and the public read without signing in."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from openqms.access import policy
from openqms.nhsuk.dates import date_text
from openqms.nhsuk.views import require, unit_for
from openqms.people.requests import AuthenticatedHttpRequest
from openqms.planning.forms.you_said import PeriodForm
from openqms.planning.models import YouSaidWeDid
from openqms.planning.selectors import you_said as selectors
from openqms.planning.services import you_said as services

P = policy.Permission


def _last_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last three whole months: the usual period of a ward's "you said, we did" board."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    month = end.month - 2
    year = end.year + (month - 1) // 12
    start = dt.date(year, (month - 1) % 12 + 1, 1)
    return start, end


def unit_page(request: AuthenticatedHttpRequest, unit: int) -> HttpResponse:
    place = unit_for(request, unit, P.VIEW)
    start, end = _last_quarter(timezone.localdate())
    data = request.POST if request.method == "POST" else request.GET
    form = PeriodForm(data or None, initial={"starts_on": start, "ends_on": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
    status = 400 if form.is_bound and form.errors else 200
    if request.method == "POST" and status == 200:
        require(policy.can(request.user, P.LEAD, place))
        try:
            page = services.publish(actor=request.user, unit=place, starts_on=start, ends_on=end)
        except ValidationError as exc:
            form.add_service_errors(exc)
            status = 400
        else:
            return redirect("planning:you-said-published", pk=page.pk)
    published = YouSaidWeDid.objects.filter(unit=place)
    context = {
        "page": "planning",
        "unit": place,
        "form": form,
        "period": f"{date_text(start)} to {date_text(end)}",
        "rows": selectors.you_said_we_did(request.user, place, start, end),
        "may_publish": policy.can(request.user, P.LEAD, place),
        "published": [
            (
                f"{date_text(p.starts_on)} to {date_text(p.ends_on)}",
                reverse("planning:you-said-published", args=[p.pk]),
            )
            for p in published
        ],
    }
    return render(request, "planning/you_said.jinja", context, status=status)


@login_not_required
def published_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Public once published: the rows as they were then, and the unit's name only."""
    page = YouSaidWeDid.objects.select_related("unit").filter(pk=pk).first()
    require(page is not None)
    assert page is not None
    context = {
        "unit_name": page.unit.name,
        "period": f"{date_text(page.starts_on)} to {date_text(page.ends_on)}",
        "published": date_text(page.published_at.date()),
        "rows": selectors.rows_from_data(page.rows),
    }
    return render(request, "planning/you_said_published.jinja", context)
