"""What the views of every app share: a unit fetched through the policy, a 404 for what may not be
done, and the usual form page (check what was typed, save through the service, say so, redirect)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from openqms.access import policy
from openqms.nhsuk.forms import NHSForm
from openqms.organisations.models import Unit


def unit_for(request: HttpRequest, pk: int, permission: policy.Permission) -> Unit:
    """The unit, if the person has the permission on it; 404 otherwise, as for a missing unit.

    The permission has no default: seeing that a unit exists (VIEW_UNIT, which service users have)
    is not seeing its quality data (VIEW), and each page must say which it needs.
    """
    return policy.get_or_404(
        request.user,
        permission,
        Unit.objects.select_related("organisation", "parent"),
        unit_field="",
        pk=pk,
    )


def back_to(request: HttpRequest, default: str) -> str:
    """The page a form's `next` field asks to return to, when it is a path on this site (never
    another site's address, nor a bare word that a redirect would take for a view's name); else
    `default`."""
    target = request.POST.get("next") or ""
    on_this_site = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if on_this_site and target.startswith("/") else default


def require(allowed: bool) -> None:
    """Out of scope answers 404, as everywhere: a person cannot learn what they may not change."""
    if not allowed:
        raise Http404("Not found")


class Saved(NamedTuple):
    """What a form page says once the service has saved, and the address it goes to next."""

    message: str
    url: str


def save_form(
    request: HttpRequest, form: NHSForm, save: Callable[[dict[str, Any]], Saved]
) -> HttpResponse | None:
    """The usual form page's answer to a POST: when the form is valid, `save` calls the service with
    the cleaned data, and the person is told and redirected.

    None means the page should draw the form again: it was not posted, it was not valid, or the
    service refused (its reasons are then on the form).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as exc:
        form.add_service_errors(exc)
        return None
    messages.success(request, saved.message)
    return HttpResponseRedirect(saved.url)
