"""Single sign-on pages: the start of the code flow, and the provider's answer (ADR 32).

Both answer 404 when single sign-on is not configured. Every answer of the provider, signed in or
refused, writes one row of the security log; a refusal goes back to the sign-in page, saying why
in words for the person (the log holds the technical reason).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from openqms.people import security
from openqms.sso import provider
from openqms.sso.backends import TROUBLE, SignOnBackend

BACKEND = "openqms.sso.backends.SignOnBackend"


class _Start(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """The library's start of the code flow (state, nonce, PKCE), sent to the discovered endpoint."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)
        self.OIDC_OP_AUTH_ENDPOINT = provider.current().authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID


def _refuse(request: HttpRequest, message: str, detail: str, username: str = "") -> HttpResponse:
    security.record(security.Kind.SIGN_IN_FAILED, request=request, username=username, detail=detail)
    messages.error(request, message)
    return redirect("login")


@login_not_required
@require_GET
def start(request: HttpRequest) -> HttpResponseBase:
    """Send the person to the provider, with a fresh state, nonce and PKCE challenge in the session."""
    if not provider.enabled():
        raise Http404
    try:
        provider.current()
    except provider.ProviderError as error:
        return _refuse(request, TROUBLE, f"single sign-on: {error}"[:300])
    response: HttpResponseBase = _Start.as_view()(request)
    return response


@login_not_required
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """The provider's answer: a code to exchange, or an error."""
    if not provider.enabled():
        raise Http404
    states: dict[str, Any] = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    started = states.pop(state, None) if state else None
    request.session["oidc_states"] = states  # a state is good for one answer only
    if request.GET.get("error"):
        error = request.GET.get("error", "")[:60]
        description = request.GET.get("error_description", "")[:150]
        return _refuse(
            request,
            "Your identity provider did not sign you in. Try again, or tell your IT service desk.",
            f"single sign-on: the provider answered {error}: {description}",
        )
    if started is None or not request.GET.get("code"):
        return _refuse(
            request,
            "Your sign-in could not be matched to one started here. Start again from this page.",
            "single sign-on: an answer with no code or an unknown state",
        )
    backend = SignOnBackend()
    person = backend.authenticate(
        request, nonce=started.get("nonce"), code_verifier=started.get("code_verifier")
    )
    if person is None:
        refusal = backend.refusal
        message, detail = (
            (refusal.message, refusal.detail) if refusal else (TROUBLE, "single sign-on: refused")
        )
        claims = getattr(backend, "claims", {})
        return _refuse(request, message, detail, username=str(claims.get("preferred_username", ""))[:150])
    next_url = request.session.get("oidc_login_next") or resolve_url("my-qms")
    setattr(request, security.SIGN_IN_DETAIL, f"single sign-on ({provider.issuer()})"[:300])
    login(request, person, backend=BACKEND)
    after = request.build_absolute_uri(reverse("login"))
    request.session[security.SIGN_OUT_REDIRECT] = provider.sign_out_url(
        provider.current(), id_token=backend.id_token, after=after
    )
    signed_on = backend.signed_on
    if signed_on.granted or signed_on.ended:
        messages.info(request, _roles_message(signed_on.granted, signed_on.ended))
    return HttpResponseRedirect(next_url)


def _roles_message(granted: list[str], ended: list[str]) -> str:
    parts = []
    if granted:
        parts.append("you now have " + "; ".join(granted))
    if ended:
        parts.append("you no longer have " + "; ".join(ended))
    text = " and ".join(parts)
    return f"From your identity provider's groups, {text}."
