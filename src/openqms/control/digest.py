"""The e-mail digest: what needs each person, as plain text and HTML, with links to the pages.

Links are absolute (OPENQMS_BASE_URL), because an e-mail is read outside any request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from openqms.control.selectors.notifications import NeedsAttention, needs_attention


@dataclass(frozen=True)
class Digest:
    person: Any
    needs: NeedsAttention
    subject: str
    text: str
    html: str


def absolute(name: str, *args: Any) -> str:
    return settings.OPENQMS_BASE_URL.rstrip("/") + reverse(name, args=args or None)


def digest_for(person: Any) -> Digest | None:
    """The person's digest, or None when nothing needs them (they get no e-mail)."""
    needs = needs_attention(person)
    if not needs:
        return None
    context = {"person": person, "needs": needs, "link": absolute, "home": absolute("my-qms")}
    count = needs.total
    subject = f"OpenQMS: {count} {'thing needs' if count == 1 else 'things need'} you"
    return Digest(
        person=person,
        needs=needs,
        subject=subject,
        text=render_to_string("control/digest_email.txt", context),
        html=render_to_string("control/digest_email.html", context),
    )


def message_of(digest: Digest) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=digest.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.person.email],
    )
    message.attach_alternative(digest.html, "text/html")
    return message
