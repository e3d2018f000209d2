"""The person a request is made by, typed as a person, for code that needs one (openqms.links)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from openqms.people.models import User


def signed_in(request: HttpRequest) -> User:
    """The person signed in. Every page but the sign-in page needs signing in (LoginRequiredMiddleware),
    so a view always has one; without, it answers 404 like anything out of scope (ADR 0004)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404("Not found")
    return user
