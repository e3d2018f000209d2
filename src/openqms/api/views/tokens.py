"""The tokens page: a person's own API tokens, and the service tokens an administrator manages;
revoking one, and creating a personal token (shown once)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from openqms.api.forms.tokens import ACCESS, TokenForm
from openqms.api.models import ApiToken
from openqms.api.presenters import token_rows
from openqms.api.selectors import tokens as selectors
from openqms.api.services import tokens as services
from openqms.nhsuk.views import require
from openqms.people.requests import AuthenticatedHttpRequest


def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "api/tokens.jinja",
        {
            "mine": token_rows(request.user, selectors.mine(request.user)),
            "services": token_rows(request.user, selectors.services_managed(request.user)),
        },
    )


def token_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.create_token(
                actor=request.user,
                person=request.user,
                unit=data["unit"],
                name=data["name"],
                permissions=ACCESS[data["access"]][1],
                expires_in_days=int(data["expires_in_days"]),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            # Shown on this answer only: the secret is not stored, so it can never be shown again.
            response = render(request, "api/token_created.jinja", {"token": new.token, "secret": new.secret})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "api/token_new.jinja", {"form": form})


@require_POST
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("unit"), pk=pk)
    require(selectors.may_revoke(request.user, token))
    services.revoke_token(actor=request.user, token=token)
    messages.success(request, f"Token {token.prefix} ({token.name}) revoked: it no longer works.")
    return redirect("api:tokens")
