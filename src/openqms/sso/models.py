"""Single sign-on: who a person is at the identity provider, and which of their roles the mapping gave."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openqms.access.models import RoleAssignment


class Identity(models.Model):
    """A person's account at an OpenID Connect provider, by the provider's issuer and subject.

    Found first at every sign-in. A provider never gives one subject to another account within its
    issuer (OpenID Connect Core 1.0, 5.7), which cannot be said of e-mail addresses; an address is
    only used once, to find the person on their first sign-in.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sign_on_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique_subject"),
            models.UniqueConstraint(fields=["issuer", "person"], name="sso_identity_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"


class MappedRole(models.Model):
    """A role the mapping gave. Only these does a later sign-in end when the mapping no longer gives
    them: a role given by hand is never touched by the mapping."""

    assignment = models.OneToOneField(RoleAssignment, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=300, help_text="The mapping rule that gave it, as the log shows it.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.assignment} (from {self.rule})"
