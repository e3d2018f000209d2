"""Reports: the integrated quality report of a unit's sub-tree for a month or a quarter.

A Report is a draft until its owner publishes it; publishing freezes it (ADR 28): the data it
showed as JSON, the page as rendered HTML, and the PDF once first asked for, so a board paper
reopens exactly as it was whatever has changed since. Commentary is asked of the owners of
measures and sections and approved by the report's owner. A Schedule e-mails a unit's published
report to a distribution list each period; a Delivery records each sending, once per period.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.control.models import Measure
from openqms.organisations.models import Unit
from openqms.reporting.periods import Period


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class AssuranceLevel(models.TextChoices):
    """The overall assurance the owner gives the meeting, in the words boards use."""

    NOT_CHOSEN = "", "Not chosen yet"
    SUBSTANTIAL = "substantial", "Substantial assurance"
    REASONABLE = "reasonable", "Reasonable assurance"
    LIMITED = "limited", "Limited assurance"
    NONE = "none", "No assurance"


class Report(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField(help_text="The first day of the month, or of the quarter's first month.")
    quarterly = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.TextField(blank=True)
    ask = models.TextField(blank=True, help_text="What the meeting is asked to do.")
    assurance_level = models.CharField(
        max_length=12, choices=AssuranceLevel.choices, default=AssuranceLevel.NOT_CHOSEN, blank=True
    )
    # Each change to the cover or the commentary makes a new version; publishing keeps the last.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    frozen_data = models.TextField(blank=True, help_text="The report's contents as JSON, when published.")
    frozen_html = models.TextField(blank=True, help_text="The report's body as rendered, when published.")
    frozen_pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["unit", "-period_start", "quarterly"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period_start", "quarterly"], name="report_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(published_at__isnull=False) & ~Q(frozen_data="")),
                name="report_published_is_frozen",
            ),
        ]

    def __str__(self) -> str:
        return f"Quality report, {self.unit.name}, {self.period_label}"

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.quarterly)

    @property
    def period_label(self) -> str:
        return self.period.label


class CommentaryStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    WRITTEN = "written", "Written, awaiting approval"
    APPROVED = "approved", "Approved"


class Section(models.TextChoices):
    """The report's sections that carry commentary of their own (a measure's is on its chart)."""

    SUMMARY = "summary", "Summary"
    ASSURANCE = "assurance", "Assurance"
    IMPROVEMENT = "improvement", "Improvement"
    ACTIONS = "actions", "Actions and escalations"
    PLANNING = "planning", "Planning"
    HUDDLES = "huddles", "Huddle activity"


class Commentary(models.Model):
    """Commentary asked of someone for one measure or one section of one report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="commentaries")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    section = models.CharField(max_length=20, choices=Section.choices, blank=True)
    subject = models.CharField(
        max_length=300, help_text="What the commentary is about, as the report names it."
    )
    requested_of = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=CommentaryStatus.choices, default=CommentaryStatus.REQUESTED
    )
    written_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.CheckConstraint(
                condition=(Q(measure__isnull=False) & Q(section=""))
                | (Q(measure__isnull=True) & ~Q(section="")),
                name="commentary_on_a_measure_or_a_section",
            ),
            models.UniqueConstraint(
                fields=["report", "measure"],
                condition=Q(measure__isnull=False),
                name="commentary_one_per_measure",
            ),
            models.UniqueConstraint(
                fields=["report", "section"],
                condition=Q(measure__isnull=True),
                name="commentary_one_per_section",
            ),
        ]

    def __str__(self) -> str:
        return f"Commentary on {self.subject}"

    @property
    def unit(self) -> Unit:
        return self.report.unit


class Schedule(models.Model):
    """Send a unit's published report to a distribution list, on a day of each period."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_schedules")
    quarterly = models.BooleanField(default=False)
    day_of_month = models.PositiveSmallIntegerField(help_text="From 1 to 28, so every month has it.")
    recipients = models.TextField(help_text="E-mail addresses, one a line.")
    attach_pdf = models.BooleanField(default=True, help_text="Attach the PDF; otherwise send a link.")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit", "quarterly"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "quarterly"], name="schedule_one_per_unit_and_kind"),
            models.CheckConstraint(
                condition=Q(day_of_month__gte=1) & Q(day_of_month__lte=28), name="schedule_day_in_every_month"
            ),
        ]

    def __str__(self) -> str:
        kind = "quarterly" if self.quarterly else "monthly"
        return f"{self.unit.name}'s {kind} report, sent on day {self.day_of_month}"

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class Delivery(models.Model):
    """One sending of one period's report: the unique pair is what keeps a period from going twice."""

    schedule = models.ForeignKey(Schedule, on_delete=models.PROTECT, related_name="deliveries")
    period_start = models.DateField()
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="deliveries")
    sent_at = models.DateTimeField()
    recipients = models.PositiveIntegerField()

    class Meta:
        ordering = ["schedule", "-period_start"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_start"], name="delivery_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.schedule} for {self.period_start:%B %Y}"

    @property
    def unit(self) -> Unit:
        return self.schedule.unit
