"""API tokens, and the answers kept for idempotent bulk submissions.

A token is shown once and stored as the SHA-256 of its secret (a 256-bit random string, so a plain
hash is enough: there is nothing to guess). Its public prefix finds the row without a scan. A token
acts as its person, narrowed to one unit's sub-tree and to a few permissions (docs/adr/0030).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from openqms.organisations.models import Unit


class ApiToken(models.Model):
    class Kind(models.TextChoices):
        PERSONAL = "personal", "Personal"
        SERVICE = "service", "Service"  # a system's account; administrators manage it

    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PERSONAL)
    name = models.CharField(
        max_length=120, help_text="What the token is for, like 'Nightly warehouse extract'."
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens")
    # The sub-tree the token reaches; `unit` also lets the policy say who administers it.
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    permissions = models.JSONField(default=list)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"API token {self.prefix} ({self.name})"

    def is_live(self, now: object = None) -> bool:
        moment = now or timezone.now()
        return self.revoked_at is None and self.expires_at > moment  # type: ignore[operator]


class IdempotentRequest(models.Model):
    """A write's answer, kept under the client's Idempotency-Key so that a retry gets it again."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    method_path = models.CharField(max_length=300)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_json = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="api_idempotency_key_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.method_path} {self.key}"
