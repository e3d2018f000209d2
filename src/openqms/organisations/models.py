"""Organisations and the tree of units within each one.

The tree is stored as a materialised path (see docs/adr/0003-unit-tree-materialised-path.md): every
unit carries the ids of its ancestors, so a whole sub-tree or the whole line of ancestors is one
indexed query, however deep the tree.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
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
    # The organisation's "four questions": the components in its staff's own words. Blank means
    # the wording OpenQMS ships (organisations.selectors.DEFAULT_QUESTIONS).
    plan_question = models.CharField(max_length=300, blank=True, db_default="")
    control_question = models.CharField(max_length=300, blank=True, db_default="")
    assure_question = models.CharField(max_length=300, blank=True, db_default="")
    improve_question = models.CharField(max_length=300, blank=True, db_default="")

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


def _top_unit(organisation_id: int) -> Unit | None:
    # Kept on the object that asks (a `cached_property`): the policy reads an object's unit more
    # than once to answer one question, and an organisation's top unit does not change.
    return Unit.objects.filter(organisation_id=organisation_id, parent__isnull=True).first()


class DomainKind(models.TextChoices):
    DOMAIN = "domain", "Domain"
    ENABLER = "enabler", "Enabler"


class QualityDomain(models.Model):
    """One of the organisation's quality domains (STEEEP's "safe", or a trust's own word).

    Measure definitions, projects and priorities point at it, so an organisation speaks one
    language at every level (docs/adr/0024-strategy-and-the-organisations-quality-language.md).
    Read an organisation's list through `organisations.selectors.quality_domains`. A domain that no
    longer applies is retired, never deleted: what pointed at it keeps its word.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="quality_domains")
    key = models.SlugField(max_length=40, help_text="A short name used in addresses and files: safe.")
    label = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=DomainKind.choices, default=DomainKind.DOMAIN)
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="quality_domain_key_unique"),
            models.UniqueConstraint(fields=["organisation", "label"], name="quality_domain_label_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @cached_property
    def unit(self) -> Unit | None:
        return _top_unit(self.organisation_id)


class StrategyVersion(models.Model):
    """The organisation's vision, mission and strategy for a period, as one numbered version.

    A change is a new version: the old ones stay readable, each with the goals and priorities as
    they stood when it was replaced (`outline`).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="strategy_versions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    starts = models.PositiveSmallIntegerField(help_text="The first year of the period, like 2025.")
    ends = models.PositiveSmallIntegerField(help_text="The last year of the period, like 2028.")
    vision = models.TextField()
    mission = models.TextField()
    summary = models.TextField(blank=True, help_text="The strategy: how the organisation will get there.")
    change_note = models.CharField(max_length=300, blank=True)
    outline = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="strategy_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"

    @property
    def period(self) -> str:
        return f"{self.starts}–{self.ends}"

    @cached_property
    def unit(self) -> Unit | None:
        return _top_unit(self.organisation_id)


class StrategicGoal(models.Model):
    """A strategic goal of the organisation, holding the priorities that work towards it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="goals")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "title"], name="goal_title_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @cached_property
    def unit(self) -> Unit | None:
        return _top_unit(self.organisation_id)


class StrategicPriority(models.Model):
    """One of the organisation's strategic priorities, under one of its goals, which quality work serves.

    It belongs to the organisation, below every domain app, so that a project, a standard or a
    plan can name the priority it serves (docs/adr/0015-strategic-priorities-belong-to-the-organisation.md).
    A priority that no longer applies is retired, not deleted: the work that served it still says so.
    Its outcome measures are planning's (its rows of planning.models.FrameworkMeasure for the whole
    organisation): the library is control's, above this app.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="priorities")
    goal = models.ForeignKey(StrategicGoal, on_delete=models.PROTECT, related_name="priorities")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    domains = models.ManyToManyField(QualityDomain, blank=True, related_name="priorities")
    executive_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
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

    @cached_property
    def unit(self) -> Unit | None:
        """The organisation's top unit: the access policy reads a priority as the board's."""
        return _top_unit(self.organisation_id)
