"""Evidence: a file or a link attached to an audit, a standard or an action."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from openqms.assurance.models.audits import AuditRun
from openqms.assurance.models.standards import Standard
from openqms.organisations.models import Unit

HTTPS = "https://"

# --- evidence ------------------------------------------------------------------------------------


class Evidence(models.Model):
    """A file (or a link to a record elsewhere) attached to an audit, a standard or an action.

    Files are stored outside the web root under a random name (`stored_name`); the name the person
    gave is kept only to show and to offer on download. They are served only through a view that
    checks the policy.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(
        AuditRun, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    standard = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    action = models.ForeignKey(
        "actions.Action", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    title = models.CharField(max_length=200)
    original_name = models.CharField(max_length=200, blank=True)
    stored_name = models.CharField(max_length=64, blank=True, unique=True, null=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    link = models.URLField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(run__isnull=False, standard__isnull=True, action__isnull=True)
                    | Q(run__isnull=True, standard__isnull=False, action__isnull=True)
                    | Q(run__isnull=True, standard__isnull=True, action__isnull=False)
                ),
                name="evidence_attached_to_one_thing",
            ),
            models.CheckConstraint(
                condition=~Q(stored_name__isnull=True, link=""), name="evidence_is_a_file_or_a_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The form asks for https; an http link would send people to a record over the open network.
        if self.link and not self.link.lower().startswith(HTTPS):
            raise ValidationError({"link": "Enter the full address of the record, starting https://"})

    @property
    def link_is_secure(self) -> bool:
        """Links saved before only https was accepted are shown, but never followed (ADR 31)."""
        return self.link.lower().startswith(HTTPS)
