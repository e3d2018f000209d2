"""What an A3 project's sheet shows: the seven sections in the A3's two columns (the left tells the
problem, the right what is done about it), each with who changed it last and the link that opens
it for editing in its place."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.improvement.models import A3SectionName, Project, Stage
from openqms.improvement.selectors.methods import a3_sections
from openqms.nhsuk.dates import date_text

# What goes in each section: the hint above its box, and what an empty section says.
HINTS = {
    A3SectionName.BACKGROUND: "Why this problem matters now: to patients, staff and the "
    "organisation's priorities.",
    A3SectionName.CURRENT_STATE: "What happens today, with the data: a process map, the measure's chart, "
    "what the team saw at the gemba.",
    A3SectionName.TARGET_STATE: "What good looks like, and by when: the measure and the level it "
    "should reach.",
    A3SectionName.ROOT_CAUSE: "Why the gap exists: the causes the team found (five whys, a fishbone), "
    "and the evidence for each.",
    A3SectionName.COUNTERMEASURES: "What the team will change, each answering a root cause.",
    A3SectionName.PLAN: "Who does what, by when, to put the countermeasures in place.",
    A3SectionName.FOLLOW_UP: "How the team will check the countermeasures worked, and what it learned.",
}
LEFT = (
    A3SectionName.BACKGROUND,
    A3SectionName.CURRENT_STATE,
    A3SectionName.TARGET_STATE,
    A3SectionName.ROOT_CAUSE,
)


@dataclass(frozen=True)
class SectionView:
    key: str
    number: int
    name: str
    hint: str
    text: str
    version: int
    changed: str  # "Version 3, changed on 2 December 2026 by Tess Leader"; "" until written
    edit_href: str  # "" when the person may not change it
    editing: bool  # drawn as its form, in its place


@dataclass(frozen=True)
class A3Page:
    left: list[SectionView]
    right: list[SectionView]
    may_edit: bool
    editing: str  # the section open for editing, or ""


def a3_page(user: object, project: Project, *, editing: str = "") -> A3Page:
    may_edit = project.stage != Stage.CLOSED and policy.can(user, Permission.CONTRIBUTE, project)
    editing = editing if may_edit and editing in A3SectionName.values else ""
    views = []
    for number, (key, row) in enumerate(a3_sections(project).items(), start=1):
        changed = ""
        if row is not None and row.version:
            who = f" by {row.updated_by}" if row.updated_by else ""
            day = date_text(timezone.localtime(row.updated_at).date())
            changed = f"Version {row.version}, changed on {day}{who}"
        views.append(
            SectionView(
                key=key,
                number=number,
                name=A3SectionName(key).label,
                hint=HINTS[A3SectionName(key)],
                text=row.text if row else "",
                version=row.version if row else 0,
                changed=changed,
                edit_href=f"{reverse('improvement:a3', args=[project.pk])}?edit={key}#{key}"
                if may_edit
                else "",
                editing=key == editing,
            )
        )
    return A3Page(
        left=[v for v in views if v.key in LEFT],
        right=[v for v in views if v.key not in LEFT],
        may_edit=may_edit,
        editing=editing,
    )
