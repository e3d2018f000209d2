"""The improvement methods a project may follow (docs/adr/0025-improvement-methods.md).

Each is a project template: the Model for Improvement (driver diagram and PDSA cycles, every
project before methods existed), DMAIC (five phases, each closed by a gate review), and the Lean
A3 (seven sections on one sheet). An organisation chooses which its staff are offered; one without
a choice offers the Model for Improvement only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from openqms.organisations.models import Organisation, Unit


class Method(models.TextChoices):
    MODEL_FOR_IMPROVEMENT = "model_for_improvement", "Model for Improvement"
    DMAIC = "dmaic", "DMAIC"
    A3 = "a3", "Lean A3"


# What each method is, in the words the new-project and administration pages use.
METHOD_HINTS: dict[str, str] = {
    Method.MODEL_FOR_IMPROVEMENT: "Three questions, a driver diagram and PDSA cycles to test changes.",
    Method.DMAIC: "Define, measure, analyse, improve and control, with a gate review before each "
    "phase opens.",
    Method.A3: "Background, current state, target state, root cause, countermeasures, plan and "
    "follow-up on one sheet.",
}


class DmaicPhase(models.TextChoices):
    DEFINE = "define", "Define"
    MEASURE = "measure", "Measure"
    ANALYSE = "analyse", "Analyse"
    IMPROVE = "improve", "Improve"
    CONTROL = "control", "Control"


DMAIC_PHASES: list[str] = list(DmaicPhase.values)


class GateOutcome(models.TextChoices):
    PASSED = "passed", "Passed"
    NOT_YET = "not_yet", "Not yet"


class A3SectionName(models.TextChoices):
    BACKGROUND = "background", "Background"
    CURRENT_STATE = "current_state", "Current state"
    TARGET_STATE = "target_state", "Target state"
    ROOT_CAUSE = "root_cause", "Root cause"
    COUNTERMEASURES = "countermeasures", "Countermeasures"
    PLAN = "plan", "Plan"
    FOLLOW_UP = "follow_up", "Follow-up"


A3_SECTIONS: list[str] = list(A3SectionName.values)


class OrganisationMethods(models.Model):
    """The improvement methods an organisation offers its staff; one field per method, named as
    the method's value. Projects already started keep their method when it stops being offered."""

    organisation = models.OneToOneField(
        Organisation, primary_key=True, on_delete=models.CASCADE, related_name="improvement_methods"
    )
    model_for_improvement = models.BooleanField(default=True)
    dmaic = models.BooleanField(default=False)
    a3 = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "organisation methods"
        constraints = [
            models.CheckConstraint(
                condition=Q(model_for_improvement=True) | Q(dmaic=True) | Q(a3=True),
                name="organisation_offers_a_method",
            )
        ]

    def __str__(self) -> str:
        return f"Improvement methods of {self.organisation}"

    @property
    def offered(self) -> list[str]:
        return [m for m in Method.values if getattr(self, m)]


class GateReview(models.Model):
    """A DMAIC phase's gate review: the named reviewer says the phase's work is done (passed, and
    the next phase opens) or not yet, with what is missing. A phase is passed at most once."""

    project = models.ForeignKey("improvement.Project", on_delete=models.CASCADE, related_name="gate_reviews")
    phase = models.CharField(max_length=10, choices=DmaicPhase.choices)
    outcome = models.CharField(max_length=10, choices=GateOutcome.choices)
    note = models.TextField(blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "phase"],
                condition=Q(outcome="passed"),
                name="gate_passed_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} gate of {self.project_id}: {self.get_outcome_display()}"

    @property
    def unit(self) -> Unit:
        return self.project.unit


class A3Section(models.Model):
    """One of an A3's seven sections; `version` counts its changes, each audited with the words
    before and after."""

    project = models.ForeignKey("improvement.Project", on_delete=models.CASCADE, related_name="a3_sections")
    section = models.CharField(max_length=20, choices=A3SectionName.choices)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "section"], name="a3_section_once")]

    def __str__(self) -> str:
        return f"{self.get_section_display()} of {self.project_id}"

    @property
    def unit(self) -> Unit:
        return self.project.unit
