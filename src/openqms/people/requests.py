"""The request type of every signed-in page."""

from __future__ import annotations

from django.http import HttpRequest

from openqms.people.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request that LoginRequiredMiddleware let through: its user is a signed-in person, never
    AnonymousUser. Views annotate `request` with it so that `request.user` has the type the services
    take as their actor (`User | None`, None being the system)."""

    user: User
