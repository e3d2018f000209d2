"""People: everyone who signs in, staff and service users alike."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A person. What they may do comes from their roles on units (see openqms.access)."""

    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return (self.full_name or self.username).split(" ")[0]


class SecurityEvent(models.Model):
    """One entry of the security log: sign-ins, lock-outs, role grants and API token use (ADR 31).

    Kept apart from the audit trail, which holds changes to quality data: these are records of
    access, many of them by no one who signed in, and read by administrators looking for attacks.
    """

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        LOCKED_OUT = "locked_out", "Locked out (username and address)"
        ADDRESS_LIMITED = "address_limited", "Address limited (many usernames)"
        ROLE_GRANTED = "role_granted", "Role given"
        ROLE_ENDED = "role_ended", "Role ended"
        TOKEN_USED = "token_used", "API token used"

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    username = models.CharField(max_length=150, blank=True)
    person = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["kind", "ip_address", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username or '-'}"
