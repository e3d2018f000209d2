"""Quality assurance: the standards library, audit templates, audits and their scores.

A Framework is an external set of requirements (a regulator's quality statements, a guideline's
recommendations), loaded as one version from a file; a newer version is a new Framework row with the
same code. The organisation's own Standards, owned by a unit, map many-to-many to Requirements.
An AuditTemplate keeps numbered TemplateVersions; an AuditRun keeps the version it was run with,
so publishing a new version never changes a finished audit. Answers are saved one at a time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

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


# --- audit templates -----------------------------------------------------------------------------


class AuditTemplate(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="audit_templates")
    owner_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="owned_audit_templates")
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="audit_template_code_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> Unit:
        return self.owner_unit


class TemplateVersion(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    purpose = models.TextField(blank=True)
    sample_size = models.PositiveIntegerField(default=1, help_text="Records (patients, beds…) per audit.")
    pass_threshold = models.FloatField(default=85.0, help_text="Percentage needed to pass.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_unique"),
            models.CheckConstraint(condition=Q(sample_size__gte=1), name="template_sample_at_least_one"),
            models.CheckConstraint(
                condition=Q(pass_threshold__gte=0) & Q(pass_threshold__lte=100),
                name="template_threshold_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.name}, version {self.number}"

    @property
    def unit(self) -> Unit:
        return self.template.owner_unit

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", "Yes, no or not applicable"
    CHOICE = "choice", "One of a list of choices"
    NUMBER = "number", "A number"
    TEXT = "text", "Text"
    DATE = "date", "A date"


class Question(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices)
    # Choice questions: one choice a line; those that meet the standard are listed in `passing`.
    choices = models.TextField(blank=True)
    passing = models.TextField(blank=True, help_text="Choices that meet the standard, one a line.")
    # Number questions: the range that meets the standard (either end may be open).
    minimum = models.FloatField(null=True, blank=True)
    maximum = models.FloatField(null=True, blank=True)
    standard = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    weight = models.FloatField(default=1.0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="question_position_unique"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="question_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def unit(self) -> Unit:
        return self.version.template.owner_unit

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]

    @property
    def passing_list(self) -> list[str]:
        return [c.strip() for c in self.passing.splitlines() if c.strip()]

    @property
    def is_scored(self) -> bool:
        return (
            self.answer_type in (AnswerType.YES_NO, AnswerType.CHOICE, AnswerType.NUMBER) and self.weight > 0
        )


# --- audits --------------------------------------------------------------------------------------


class Recurrence(models.TextChoices):
    ONCE = "once", "Once"
    MONTHLY = "monthly", "Every month"
    QUARTERLY = "quarterly", "Every quarter"
    YEARLY = "yearly", "Every year"


RECURRENCE_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}


class RunStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class AuditRun(models.Model):
    """One audit of one unit: scheduled, carried out record by record, then completed and scored."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="audit_runs")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="runs")
    # Fixed when the audit starts: the questions it was run with, whatever is published later.
    version = models.ForeignKey(
        TemplateVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="runs"
    )
    due_on = models.DateField()
    recurrence = models.CharField(max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE)
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.SCHEDULED)
    assignees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="audit_runs")
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_run"
    )
    shared_with_service_users = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "unit__path"]

    def __str__(self) -> str:
        return f"{self.template.name}, {self.unit.name}, due {self.due_on:%d %b %Y}"


class Answer(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="answers")
    record_number = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=2000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["run", "record_number", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "record_number", "question"], name="answer_one_per_question_and_record"
            )
        ]

    def __str__(self) -> str:
        return f"record {self.record_number}, question {self.question_id}: {self.value}"

    @property
    def unit(self) -> Unit:
        return self.run.unit


class StandardScore(models.Model):
    """A completed audit's score for one standard, kept for the heat map and the charts."""

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="standard_scores")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="scores")
    score = models.FloatField()
    passed = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "standard"], name="standard_score_one_per_run")]

    def __str__(self) -> str:
        return f"{self.standard.code} {self.score:.0f}% in run {self.run_id}"

    @property
    def unit(self) -> Unit:
        return self.run.unit


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


# --- accreditation -------------------------------------------------------------------------------


class AccreditationKind(models.TextChoices):
    ACCREDITATION = "accreditation", "Accreditation"
    INSPECTION = "inspection", "External inspection"


class AccreditationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "Assessment in progress"
    AWARDED = "awarded", "Awarded"
    CONDITIONS = "conditions", "Awarded with conditions"
    NOT_AWARDED = "not_awarded", "Not awarded"
    EXPIRED = "expired", "Expired"


class Accreditation(models.Model):
    """An accreditation or an external inspection of a unit: its scheme, status, dates and findings."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="accreditations")
    kind = models.CharField(max_length=20, choices=AccreditationKind.choices)
    scheme = models.CharField(max_length=200)
    framework = models.ForeignKey(
        Framework, null=True, blank=True, on_delete=models.PROTECT, related_name="accreditations"
    )
    status = models.CharField(max_length=20, choices=AccreditationStatus.choices)
    assessed_on = models.DateField(null=True, blank=True)
    awarded_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    shared_with_service_users = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit__path", "scheme"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(awarded_on__isnull=True)
                | Q(expires_on__gt=models.F("awarded_on")),
                name="accreditation_expires_after_award",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme}, {self.unit.name}"


class FindingSeverity(models.TextChoices):
    MAJOR = "major", "Major: must be put right"
    MINOR = "minor", "Minor: should be put right"
    OBSERVATION = "observation", "Observation"
    GOOD_PRACTICE = "good_practice", "Good practice"


class Finding(models.Model):
    accreditation = models.ForeignKey(Accreditation, on_delete=models.CASCADE, related_name="findings")
    severity = models.CharField(max_length=20, choices=FindingSeverity.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["accreditation", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def unit(self) -> Unit:
        return self.accreditation.unit
