"""Quality improvement: projects with their charter, measures, driver diagram, change ideas and PDSA cycles.

A Project belongs to a unit, so the one access policy scopes it like every other quality item; its
team may include service users, who see that project (and nothing else of the unit) because the
project names them (`SHARED_WITH_MEMBERS`, read by access.policy). Every write of the project and
of everything inside it is audited against the project, so the project's history is one query.

The driver diagram is one tree of `DriverNode`s: primary drivers at the top, secondary drivers under
them, change ideas under either (see docs/adr/0014-driver-diagram-one-tree-snapshot-undo.md).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from openqms.actions.models import Action as ActionItem
from openqms.assurance.models import Standard
from openqms.control.models import Escalation, Measure
from openqms.improvement.models.methods import Method
from openqms.organisations.models import QualityDomain, StrategicPriority, Unit


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    SCOPING = "scoping", "Scoping"
    TESTING = "testing", "Testing changes"
    IMPLEMENTING = "implementing", "Implementing"
    SPREADING = "spreading", "Spreading"
    SUSTAINING = "sustaining", "Sustaining"
    CLOSED = "closed", "Closed"


# The IHI progress scale (Institute for Healthcare Improvement, "Assessment Scale for Collaboratives").
PROGRESS_SCALE: list[tuple[Decimal, str]] = [
    (Decimal("0.5"), "Intent to participate"),
    (Decimal("1.0"), "Charter and team established"),
    (Decimal("1.5"), "Planning for the project has begun"),
    (Decimal("2.0"), "Activity, but no changes"),
    (Decimal("2.5"), "Changes tested, but no improvement"),
    (Decimal("3.0"), "Modest improvement"),
    (Decimal("3.5"), "Improvement"),
    (Decimal("4.0"), "Significant improvement"),
    (Decimal("4.5"), "Sustainable improvement"),
    (Decimal("5.0"), "Outstanding sustainable results"),
]
PROGRESS_WORDS = dict(PROGRESS_SCALE)


class Project(models.Model):
    # Service users named on the project team see the project (access.policy reads this).
    SHARED_WITH_MEMBERS = "members__person"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="improvement_projects")
    title = models.CharField(max_length=200)
    problem = models.TextField()
    aim = models.TextField()
    aim_measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="+")
    aim_target = models.FloatField()
    aim_by = models.DateField()
    scope = models.TextField(blank=True)
    # One of the organisation's own domains (ADR 24): choices come from organisations.selectors.
    quality_domain = models.ForeignKey(QualityDomain, on_delete=models.PROTECT, related_name="projects")
    sponsor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stakeholders = models.TextField(blank=True)
    escalation = models.ForeignKey(
        Escalation, null=True, blank=True, on_delete=models.PROTECT, related_name="improvement_projects"
    )
    strategic_priority = models.ForeignKey(
        StrategicPriority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improvement_projects",
    )
    source_measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="improvement_projects_started"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    # The project template it follows, chosen when it starts (ADR 25); it never changes after.
    method = models.CharField(max_length=30, choices=Method.choices, default=Method.MODEL_FOR_IMPROVEMENT)
    progress_score = models.DecimalField(max_digits=2, decimal_places=1, default=Decimal("0.5"))
    lessons = models.TextField(
        blank=True, help_text="What the team learned, searchable across the organisation."
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="project_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(progress_score__gte=Decimal("0.5")) & Q(progress_score__lte=Decimal("5.0")),
                name="project_progress_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def progress_words(self) -> str:
        return PROGRESS_WORDS.get(Decimal(self.progress_score).quantize(Decimal("0.1")), "")


class ProjectMember(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=100, help_text="Their part in the team, for example: service user partner."
    )

    class Meta:
        ordering = ["person__full_name"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="project_member_once")]

    def __str__(self) -> str:
        return f"{self.person} on {self.project}"

    @property
    def unit(self) -> Unit:
        return self.project.unit


class ProgressRecord(models.Model):
    """One step in the history of a project's stage and progress score."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="progress_records")
    on = models.DateField()
    stage = models.CharField(max_length=20, choices=Stage.choices)
    score = models.DecimalField(max_digits=2, decimal_places=1)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.project} {self.score} on {self.on}"


class MeasureRole(models.TextChoices):
    OUTCOME = "outcome", "Outcome"
    PROCESS = "process", "Process"
    BALANCING = "balancing", "Balancing"


class ProjectMeasure(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_measures")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="improvement_uses")
    role = models.CharField(max_length=12, choices=MeasureRole.choices)
    handed_over_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["project", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "measure"], name="project_measure_once")]

    def __str__(self) -> str:
        return f"{self.measure} ({self.get_role_display()})"


class NodeKind(models.TextChoices):
    PRIMARY = "primary", "Primary driver"
    SECONDARY = "secondary", "Secondary driver"
    CHANGE = "change", "Change idea"


class IdeaStatus(models.TextChoices):
    UNTESTED = "untested", "Untested"
    TESTING = "testing", "Testing"
    ADOPTED = "adopted", "Adopted"
    ABANDONED = "abandoned", "Abandoned"


class DriverNode(models.Model):
    """A node of the driver diagram. Primary drivers have no parent; secondary drivers sit under a
    primary driver; change ideas under a primary or a secondary driver. Deleted nodes are kept
    (`deleted_at`) so that a deletion can be undone."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="nodes")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(max_length=10, choices=NodeKind.choices)
    text = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.UNTESTED)
    flagged_for_standard = models.BooleanField(default=False)
    standard_note = models.TextField(blank=True)
    # The standard an adopted change should become part of (none: a new standard is proposed), and
    # the action that asks its owner to consider it (the latest, if flagged more than once).
    standard = models.ForeignKey(
        Standard, null=True, blank=True, on_delete=models.PROTECT, related_name="proposed_changes"
    )
    standard_action = models.ForeignKey(
        ActionItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def unit(self) -> Unit:
        return self.project.unit


class DiagramEdit(models.Model):
    """One edit of a driver diagram, with the tree as it was before, so that it can be undone."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="diagram_edits")
    description = models.CharField(max_length=400)
    before_json = models.TextField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "-pk"]

    def __str__(self) -> str:
        return self.description


class ActDecision(models.TextChoices):
    ADOPT = "adopt", "Adopt"
    ADAPT = "adapt", "Adapt"
    ABANDON = "abandon", "Abandon"


class PdsaCycle(models.Model):
    """Plan, do, study, act: one test of a change idea. `previous` links the cycles of a ramp."""

    change_idea = models.ForeignKey(DriverNode, on_delete=models.PROTECT, related_name="cycles")
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_cycle"
    )
    title = models.CharField(max_length=200)
    # Plan
    question = models.TextField()
    prediction = models.TextField()
    who = models.CharField(max_length=300)
    what = models.TextField()
    where = models.CharField(max_length=300)
    starts_on = models.DateField()
    ends_on = models.DateField()
    data_to_collect = models.TextField()
    # Do
    what_happened = models.TextField(blank=True)
    observations = models.TextField(blank=True)
    # Study
    study = models.TextField(blank=True)
    # Act
    decision = models.CharField(max_length=10, choices=ActDecision.choices, blank=True)
    act_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["change_idea", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="pdsa_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        return self.change_idea.project.unit

    @property
    def phase(self) -> str:
        if self.decision:
            return "Acted"
        if self.study:
            return "Studied"
        if self.what_happened or self.observations:
            return "Done"
        return "Planned"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its end date with no decision yet."""
        return not self.decision and self.ends_on < (today or timezone.localdate())


class ToolKind(models.TextChoices):
    FISHBONE = "fishbone", "Cause-and-effect (fishbone) diagram"
    PARETO = "pareto", "Pareto chart"
    PROCESS_MAP = "process_map", "Process map"


class QiTool(models.Model):
    """A fishbone, Pareto chart or process map of a project: the text the team typed (`source`) and
    the data parsed from it (`data_json`), drawn as SVG by improvement.tools."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tools")
    kind = models.CharField(max_length=12, choices=ToolKind.choices)
    title = models.CharField(max_length=200)
    source = models.TextField()
    data_json = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def unit(self) -> Unit:
        return self.project.unit


class CycleFeedback(models.Model):
    """What someone on the team, a service user partner above all, thinks of a PDSA cycle's change."""

    cycle = models.ForeignKey(PdsaCycle, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person} on {self.cycle}"


class ProjectTask(models.Model):
    """A task of the project team: an `actions.Action` on the project's unit, so that it is tracked,
    noted, closed with evidence and seen overdue at every tier above like every other action."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    action = models.OneToOneField(ActionItem, on_delete=models.PROTECT, related_name="improvement_task")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action__due_on", "pk"]

    def __str__(self) -> str:
        return f"Task of {self.project_id}: {self.action_id}"

    @property
    def unit(self) -> Unit:
        return self.project.unit
