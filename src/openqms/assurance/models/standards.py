"""The standards library: external frameworks and their requirements, and the organisation's own
standards mapped to them, with service users' invitations and comments on drafts.

A Framework is an external set of requirements (a regulator's quality statements, a guideline's
recommendations), loaded as one version from a file; a newer version is a new Framework row with the
same code. The organisation's own Standards, owned by a unit, map many-to-many to Requirements.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openqms.control.models import MeasureDefinition
from openqms.organisations.models import Organisation, Unit

# --- the standards library -----------------------------------------------------------------------


class Framework(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="frameworks")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200, blank=True)
    version = models.CharField(max_length=40)
    published_on = models.DateField(null=True, blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The organisation's top unit: frameworks are reference material for the whole organisation.
    owner_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "version"], name="framework_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    @property
    def unit(self) -> Unit:
        return self.owner_unit


class Requirement(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="requirements")
    code = models.CharField(max_length=40)
    section = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="requirement_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def unit(self) -> Unit:
        return self.framework.owner_unit


class StandardStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    RETIRED = "retired", "Retired"


class Standard(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="standards")
    owner_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="owned_standards")
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    domain = models.CharField(max_length=100, help_text="The organisation's own domain, e.g. Safe care.")
    statement = models.TextField()
    evidence_expected = models.TextField(blank=True)
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=StandardStatus.choices, default=StandardStatus.DRAFT)
    applies_to = models.ManyToManyField(Unit, blank=True, related_name="standards_applying")
    requirements = models.ManyToManyField(Requirement, blank=True, related_name="standards")
    measures = models.ManyToManyField(MeasureDefinition, blank=True, related_name="standards")
    shared_with_service_users = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["domain", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="standard_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def unit(self) -> Unit:
        return self.owner_unit


class StandardInvitation(models.Model):
    """A service user asked to comment on a draft standard."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["standard", "person"], name="standard_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} invited to comment on {self.standard.code}"

    @property
    def unit(self) -> Unit:
        return self.standard.owner_unit


class StandardComment(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.standard.code}"

    @property
    def unit(self) -> Unit:
        return self.standard.owner_unit
