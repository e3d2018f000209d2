"""Feedback on a service (a unit) from service users, carers, and staff on their behalf.

It arrives three ways (`Channel`): the signed-in form, the ward's printed QR-code link (a public
form that needs no sign-in, through a `FeedbackPoint`'s random token), or a paper card typed in by
staff. The unit's team answers it and turns it into a need (`need`), an action (an `Action` whose
source is "planning.feedback") or a project (`projects`), which "you said, we did" then shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openqms.improvement.models import Project
from openqms.organisations.models import Unit


class FeedbackKind(models.TextChoices):
    COMPLIMENT = "compliment", "A compliment"
    CONCERN = "concern", "A concern"
    IDEA = "idea", "An idea"


class FeedbackFrom(models.TextChoices):
    SERVICE_USER = "service_user", "A service user"
    CARER = "carer", "A carer, relative or friend"
    STAFF = "staff", "Staff, on behalf of a service user"


class Channel(models.TextChoices):
    FORM = "form", "The online form"
    QR = "qr", "The QR-code link"
    CARD = "card", "A paper card"


class FeedbackPoint(models.Model):
    """A unit's public feedback link: the token in its QR code. Withdrawing it (a lost poster, a
    stream of abuse) stops the link answering; a new one can be made at once."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Feedback link for {self.unit}"


class Feedback(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="planning_feedback")
    kind = models.CharField(max_length=12, choices=FeedbackKind.choices)
    given_by = models.CharField(max_length=12, choices=FeedbackFrom.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    text = models.TextField(max_length=2000)
    received_on = models.DateField()
    # The giver agreed that the words may be quoted, without their name, in "you said, we did".
    may_quote = models.BooleanField(default=False)
    # Who typed it in: the signed-in giver, or the member of staff; nobody for the QR-code link.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField(blank=True, max_length=2000)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    need = models.ForeignKey(
        "planning.Need", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    projects = models.ManyToManyField(Project, blank=True, related_name="planning_feedback")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["unit", "received_on"], name="feedback_unit_received")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} about {self.unit}"
