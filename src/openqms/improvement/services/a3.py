"""An A3's sections, each written and changed on its own; every change is numbered (`version`) and
audited against the project with the words before and after, so the project's history is the A3's
history too."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from openqms.audit.models import AuditEntry
from openqms.improvement.models import A3_SECTIONS, A3Section, A3SectionName, Method, Project, Stage
from openqms.improvement.services.projects import audit_project
from openqms.people.models import User

LONGEST = 8000


@transaction.atomic
def save_section(
    *,
    actor: User | None,
    project: Project,
    section: str,
    text: str,
    seen_version: int | None = None,
) -> A3Section:
    """Write one section. `seen_version` is the version the writer started from: if someone has
    saved the section since, nothing changes and the writer is told, so that neither loses words."""
    if project.method != Method.A3:
        raise ValidationError("Only an A3 project has A3 sections")
    if project.stage == Stage.CLOSED:
        raise ValidationError("The project is closed: its A3 is kept as it was")
    if section not in A3_SECTIONS:
        raise ValidationError({"section": "Choose one of the A3's seven sections"})
    text = text.strip()
    if len(text) > LONGEST:
        raise ValidationError({"text": f"Write at most {LONGEST:,} characters (you wrote {len(text):,})"})
    row, _ = A3Section.objects.select_for_update().get_or_create(project=project, section=section)
    if seen_version is not None and seen_version != row.version:
        raise ValidationError(
            {
                "text": f"{row.updated_by or 'Someone'} changed this section while you were writing "
                "(the section as it is now is shown above the box, your words are in it): join the two, "
                "then save again"
            }
        )
    if text == row.text:
        return row
    before = row.text
    row.text, row.updated_by = text, actor
    row.version += 1
    row.save()
    label = f"A3 {A3SectionName(section).label.lower()} (version {row.version})"
    audit_project(actor, AuditEntry.Action.UPDATE, project, {label: [before or None, text or None]})
    return row
