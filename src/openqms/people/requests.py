"""The request type of every signed-in page, and the person it is made by."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from openqms.people.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request that LoginRequiredMiddleware let through: its user is a signed-in person, never
    AnonymousUser. Views annotate `request` with it so that `request.user` has the type the services
    take as their actor (`User | None`, None being the system)."""

    user: User


def signed_in(request: HttpRequest) -> User:
    """The person signed in. Every page but the sign-in page needs signing in (LoginRequiredMiddleware),
    so a view always has one; without, it answers 404 like anything out of scope (ADR 0004)."""
    user = request.user
    if not isinstance(user, User):
        raise Http404("Not found")
    return user
