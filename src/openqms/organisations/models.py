"""Organisations and the tree of units within each one.

The tree is stored as a materialised path (see docs/adr/0003-unit-tree-materialised-path.md): every
unit carries the ids of its ancestors, so a whole sub-tree or the whole line of ancestors is one
indexed query, however deep the tree.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Organisation(models.Model):
    """A trust, health board or care provider. Several may share one installation."""

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(
        max_length=20, unique=True, help_text="The organisation's ODS code, for example RXX."
    )
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class UnitKind(models.TextChoices):
    BOARD = "board", "Board"
    DIVISION = "division", "Division or care group"
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"
    TEAM = "team", "Team"
    WARD = "ward", "Ward"


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self) -> UnitQuerySet:
        return self.filter(archived_at__isnull=True)

    def within(self, paths: list[str]) -> UnitQuerySet:
        """Units in any of the sub-trees whose root paths are given."""
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        return self.filter(condition)


PATH_SEGMENT = "{:010d}/"


class Unit(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    code = models.CharField(max_length=30, help_text="A short code, unique within the organisation.")
    # Ancestors' ids and its own, each as ten digits and a slash: "0000000001/0000000007/".
    path = models.CharField(max_length=1100, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="unit_code_unique_in_organisation"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent."""
        return [int(p) for p in self.path.split("/") if p][:-1]

    def ancestors(self) -> UnitQuerySet:
        return Unit.objects.filter(pk__in=self.ancestor_ids).order_by("depth")

    def subtree(self) -> UnitQuerySet:
        """This unit and every unit below it."""
        return Unit.objects.filter(path__startswith=self.path)

    def descendants(self) -> UnitQuerySet:
        return self.subtree().exclude(pk=self.pk)

    def is_within(self, other: Unit) -> bool:
        return self.path.startswith(other.path)


class StrategicPriority(models.Model):
    """One of the organisation's strategic priorities (goals), which quality work serves.

    It belongs to the organisation, below every domain app, so that a project, a standard or a
    plan can name the priority it serves (docs/adr/0017-strategic-priorities-belong-to-the-organisation.md).
    A priority that no longer applies is retired, not deleted: the work that served it still says so.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the planning page.")
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "position", "pk"]
        verbose_name_plural = "strategic priorities"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "title"], name="priority_title_unique")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def unit(self) -> Unit | None:
        """The organisation's top unit: the access policy reads a priority as the board's."""
        return Unit.objects.filter(organisation_id=self.organisation_id, parent__isnull=True).first()
