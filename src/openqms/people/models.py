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
