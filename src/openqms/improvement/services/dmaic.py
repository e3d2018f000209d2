"""DMAIC's gate reviews: the project's sponsor, its lead or a leader of its unit says whether a
phase's work is done. A passed gate opens the next phase; "not yet" keeps the phase open and says
what is missing. Phases pass in order, each once; every review is audited against the project.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openqms.access import policy
from openqms.audit.models import AuditEntry
from openqms.improvement.models import (
    DMAIC_PHASES,
    DmaicPhase,
    GateOutcome,
    GateReview,
    Method,
    Project,
    Stage,
)
from openqms.improvement.selectors.methods import passed_phases, phase_after
from openqms.improvement.services.projects import audit_project
from openqms.nhsuk.dates import date_text
from openqms.people.models import User


def may_review_gates(user: User | None, project: Project) -> bool:
    """The gate's named reviewer: the project's sponsor or lead, or a leader whose role reaches it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (project.sponsor_id, project.lead_id):
        return policy.can(user, policy.Permission.CONTRIBUTE, project)
    return policy.can(user, policy.Permission.LEAD, project)


def _phase_words(phase: str) -> str:
    return DmaicPhase(phase).label.lower()


@transaction.atomic
def review_gate(
    *,
    actor: User,
    project: Project,
    phase: str,
    outcome: str,
    note: str = "",
    on: dt.date | None = None,
) -> GateReview:
    """Record the gate review of the open phase. Passing a gate already passed changes nothing and
    answers the review that passed it."""
    # One reviewer at a time per project, so two passes of the same gate cannot both open a phase.
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.method != Method.DMAIC:
        raise ValidationError("Only a DMAIC project has phase gates")
    if project.stage == Stage.CLOSED:
        raise ValidationError("The project is closed: its gates can no longer be reviewed")
    if not may_review_gates(actor, project):
        raise ValidationError("A gate is reviewed by the project's sponsor, its lead or a leader of its unit")
    if phase not in DMAIC_PHASES:
        raise ValidationError({"phase": "Choose one of the five DMAIC phases"})
    if outcome not in GateOutcome.values:
        raise ValidationError({"outcome": "Choose whether the gate is passed or not yet"})
    passed = passed_phases(project)
    if phase in passed:
        earlier = passed[phase]
        if outcome == GateOutcome.PASSED:
            return earlier
        raise ValidationError(
            {
                "outcome": f"The {_phase_words(phase)} gate was passed on {date_text(earlier.reviewed_on)} "
                f"by {earlier.reviewer}; a passed gate is not reopened"
            }
        )
    open_phase = phase_after(len(passed))
    if phase != open_phase:
        first = _phase_words(str(open_phase))
        raise ValidationError(
            {
                "phase": f"The {_phase_words(phase)} phase has not opened: the {first} gate must pass "
                "first, as phases cannot be skipped"
            }
        )
    note = note.strip()
    if outcome == GateOutcome.NOT_YET and not note:
        raise ValidationError({"note": "Say what the phase still needs before its gate can pass"})
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": "The date of the review cannot be in the future"})
    review = GateReview.objects.create(
        project=project, phase=phase, outcome=outcome, note=note, reviewer=actor, reviewed_on=on
    )
    label = f"{DmaicPhase(phase).label} gate"
    words = f"{GateOutcome(outcome).label} by {actor} on {on.isoformat()}" + (f": {note}" if note else "")
    audit_project(actor, AuditEntry.Action.UPDATE, project, {label: [None, words]})
    return review
