"""Actions: one model for the things someone must do by a date, whatever raised them.

An Action belongs to a unit (the policy scopes it like any quality item, and everyone whose role
reaches the unit from above sees it, overdue or not). What raised it is kept as a label and a link
(`source_label`, and `source_kind` with `source_id`, resolved by the app owning the kind through
`openqms.links`), so that this app, below the domain apps, needs none of them: an audit gap, an
accreditation finding, a huddle's action, an escalation tier's answer, an improvement task. See
docs/adr/0009-actions-app-below-the-domain.md, 0017 and 0023.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from openqms.links.registry import Source
from openqms.organisations.models import Unit


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self) -> ActionQuerySet:
        return self.open().filter(due_on__lt=timezone.localdate())


class Action(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_owned",
    )
    due_on = models.DateField()
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    # What raised it, in the words of the day it was raised ("The huddle of 3 March 2027", "Gap: SQS
    # S2 (failing evidence)"): the record of where it came from, whether or not the reader may open it.
    source_label = models.CharField(max_length=300, blank=True)
    # Where that is: a kind and an id, which the app owning the kind turns into a page for each
    # person (openqms.links). No URL is stored: pages move, and what a link shows depends on who asks.
    source_kind = models.CharField(max_length=40, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The address an action was linked to before links were kinds, when it was not one of the pages
    # OpenQMS raised actions from (actions migration 0005): kept, and shown, so the row loses nothing.
    source_note = models.CharField(max_length=300, blank=True)
    # Answered where it was raised, not in the tracker: an escalation tier is passed up or resolved
    # on the escalation's page, under the rules of who answers for a tier (ADR 0011), so the
    # tracker lists it and links there but cannot edit, note or close it.
    kept_at_source = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closure_evidence = models.TextField(blank=True)
    # The check that the action worked: how it was checked, and whether it did.
    effectiveness_check = models.TextField(blank=True)
    effective = models.BooleanField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["source_kind", "source_id"], name="action_source")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False), name="action_closed_has_date"
            ),
            models.CheckConstraint(
                condition=Q(source_kind="", source_id__isnull=True)
                | (~Q(source_kind="") & Q(source_id__isnull=False)),
                name="action_source_kind_with_id",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source(self) -> Source | None:
        if not self.source_kind or self.source_id is None:
            return None
        return Source(self.source_kind, self.source_id)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class ProgressNote(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note on {self.action_id}"

    @property
    def unit(self) -> Unit:
        return self.action.unit
