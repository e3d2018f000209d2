"""The application shell: sign-in, My QMS, the unit pages and the component entry pages.

Views only translate HTTP: reads go through selectors and the access policy, writes through services.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from openqms.access import policy
from openqms.access.models import Role
from openqms.assurance.selectors.audits import my_panel as assurance_panel
from openqms.audit.selectors import history_of
from openqms.control.selectors.notifications import needs_attention
from openqms.evaluation.presenters.balance import unit_panel as evaluation_panel
from openqms.improvement.selectors.projects import my_panel as improvement_panel
from openqms.nhsuk.views import back_to, unit_for
from openqms.organisations.models import Unit
from openqms.people import security
from openqms.planning.selectors.strategy import unit_priorities
from openqms.shell import selectors
from openqms.shell.forms import SignInForm
from openqms.shell.middleware import SESSION_KEY

COMPONENTS = {
    "control": (
        "Control",
        "Those closest to the work watch clear measures over time with statistical process control, act "
        "when quality slips, hold the gains and escalate what they cannot solve.",
    ),
    "assurance": (
        "Assurance",
        "Check from time to time that standards are met, through audits and inspections, and make sure "
        "every gap is acted on.",
    ),
    "improvement": (
        "Improvement",
        "Solve a prioritised problem in short bursts of testing: a charter, a driver diagram, change ideas "
        "and PDSA cycles, with the project's measures on SPC charts.",
    ),
}


@login_not_required
def sign_in(request: HttpRequest) -> HttpResponseBase:
    if request.method == "POST" and not settings.OPENQMS_LOCAL_PASSWORDS:
        # Passwords are switched off (docs/sso.md): the form is not shown, and a posted one is refused.
        username = str(request.POST.get("username", ""))[:150]
        security.record(
            security.Kind.SIGN_IN_FAILED,
            request=request,
            username=username,
            detail="password sign-in is switched off",
        )
        return render(request, "shell/sign_in.jinja", _sign_in_context(), status=403)
    if request.method == "POST" and security.address_is_limited(request):
        # Password spraying: many usernames tried from one address (ADR 31).
        security.record(
            security.Kind.ADDRESS_LIMITED, request=request, username=str(request.POST.get("username", ""))
        )
        return locked_out(request)
    return LoginView.as_view(
        template_name="shell/sign_in.jinja",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
        extra_context=_sign_in_context(),
    )(request)


def _sign_in_context() -> dict[str, Any]:
    """What the sign-in page offers: single sign-on (by its URL name, so the shell needs nothing of
    openqms.sso), the password form, or both."""
    return {
        "single_sign_on": settings.OPENQMS_OIDC_PROVIDER_NAME if settings.OPENQMS_OIDC_ISSUER else "",
        "local_passwords": settings.OPENQMS_LOCAL_PASSWORDS,
    }


@login_not_required
@csrf_exempt  # NHS.UK's header posts its sign-out form without a token; see docs/adr/0006-sign-out.md
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    origin = request.headers.get("Origin")
    if origin and origin.split("://", 1)[-1] != request.get_host():
        return HttpResponse("Sign-out must come from this site.", status=403)
    # Read before logout() empties the session; only ever set by the server (openqms.sso).
    provider_sign_out = request.session.get(security.SIGN_OUT_REDIRECT)
    logout(request)
    if provider_sign_out:
        return HttpResponseRedirect(provider_sign_out)
    return redirect("login")


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    return render(request, "shell/locked_out.jinja", status=429)


def my_qms(request: HttpRequest) -> HttpResponse:
    assignments = selectors.my_roles(request.user)
    return render(
        request,
        "shell/my_qms.jinja",
        {
            "assignments": assignments,
            "page": "my-qms",
            "needs": needs_attention(request.user, overdue_issues=False),
            "improvement": improvement_panel(request.user),
            "assurance": assurance_panel(request.user),
            "noticed_grants": selectors.role_grants_to_notice(request.user),
        },
    )


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_for(request, pk, policy.Permission.VIEW_UNIT)
    children, archived_children = selectors.sub_units_apart(request.user, unit)
    context = {
        "unit": unit,
        "crumbs": selectors.breadcrumbs(request.user, unit),
        "children": children,
        "archived_children": archived_children,
        "people": selectors.people_on(request.user, unit),
        "counts": selectors.subtree_counts(request.user, unit),
        "may_see_people": policy.can(request.user, policy.Permission.VIEW_PEOPLE, unit),
        "may_administer": policy.can(request.user, policy.Permission.ADMINISTER, unit),
        "may_see_quality": policy.can(request.user, policy.Permission.VIEW, unit),
        "my_roles": [Role(r).label for r in sorted(policy.roles_on(request.user, unit))],
        "evaluation": evaluation_panel(request.user, unit),
        "unit_priorities": unit_priorities(request.user, unit),
    }
    return render(request, "shell/unit_detail.jinja", context)


def unit_history(request: HttpRequest, pk: int) -> HttpResponse:
    # The history names people and roles, so it needs the same right as the people list.
    unit = unit_for(request, pk, policy.Permission.VIEW_PEOPLE)
    entries = Paginator(history_of(unit).select_related("actor"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "shell/history.jinja",
        {
            "object": unit,
            "unit": unit,
            "crumbs": selectors.breadcrumbs(request.user, unit),
            "entries": entries,
        },
    )


@require_POST
def switch_unit(request: HttpRequest) -> HttpResponse:
    unit = policy.get_or_404(
        request.user,
        policy.Permission.VIEW_UNIT,
        Unit.objects.active(),
        unit_field="",
        pk=request.POST.get("unit"),
    )
    request.session[SESSION_KEY] = unit.pk
    return HttpResponseRedirect(back_to(request, reverse("unit", args=[unit.pk])))


def component(request: HttpRequest, name: str) -> HttpResponse:
    title, purpose = COMPONENTS[name]
    unit = request.current_unit  # type: ignore[attr-defined]
    children = selectors.sub_units(request.user, unit) if unit else []
    return render(
        request,
        "shell/component.jinja",
        {"title": title, "purpose": purpose, "page": name, "unit": unit, "children": children},
    )
