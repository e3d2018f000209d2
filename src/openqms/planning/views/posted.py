"""A form's data: the POST, even an empty one (an empty POST is a form sent with nothing filled
in, and must be checked and refused, not drawn again as if it had not been sent)."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None
