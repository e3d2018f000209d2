"""What a project's page shows: its charter as summary-list rows, its measures' charts, the rows of
its tables, and the links to what this person may do, so that the template only places them.

The view fetches the project through the policy; `project_page` reads the rest through the
selectors and asks the policy once for each thing the page offers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from markupsafe import Markup

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.control.presenters.measures import (
    chart_annotations,
    chart_title,
    measure_chart,
    number,
    variation_words,
)
from openqms.control.selectors import measures as control_selectors
from openqms.improvement import diagram
from openqms.improvement.models import PdsaCycle, ProgressRecord, Project, ProjectMember, Stage
from openqms.improvement.selectors.diagram import cycles_of_project, tree
from openqms.improvement.selectors.projects import history, tasks
from openqms.nhsuk.dates import date_text
from openqms.organisations.selectors import domain_label

# A row of the NHS.UK summary list, in the shape its macro takes: {"key": {"text": …}, "value": {"text": …}},
# or "html" in place of the value's "text".
SummaryRow = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class MeasurePanel:
    name: str  # the measure's name, also said to screen readers on its links and buttons
    title: str  # "Falls, Ward A"
    role: str  # "(outcome measure)", or when handed back "(outcome measure; handed back with …)"
    href: str
    chart: Markup | None  # None when there is nothing the person may see drawn
    caption: str
    absent: str  # why there is no chart
    may_remove: bool
    remove_href: str


@dataclass(frozen=True)
class CycleRow:
    title: str
    href: str
    idea: str
    idea_href: str
    starts_on: dt.date
    ends_on: dt.date
    where: str  # "Studied", "Acted: adopt"
    overdue: bool


@dataclass(frozen=True)
class TaskRow:
    title: str
    href: str
    owner: str
    due_on: dt.date
    status: str
    overdue: bool


@dataclass(frozen=True)
class ToolRow:
    title: str
    href: str
    kind: str


@dataclass(frozen=True)
class ProjectPage:
    may_contribute: bool
    may_lead: bool
    may_see_escalation: bool
    progress_links: list[Link]
    charter: list[SummaryRow]
    charter_links: list[Link]
    panels: list[MeasurePanel]
    measure_links: list[Link]
    diagram: Markup | None  # None when the project has no drivers yet
    diagram_link: Link
    cycles: list[CycleRow]
    tasks: list[TaskRow]
    task_links: list[Link]
    tools: list[ToolRow]
    tool_links: list[Link]
    progress_chart: Markup | None  # None until there are two steps to join
    progress: list[ProgressRecord]
    history: list[Any]


def _text(key: str, text: str) -> SummaryRow:
    return {"key": {"text": key}, "value": {"text": text}}


def _html(key: str, html: str) -> SummaryRow:
    return {"key": {"text": key}, "value": {"html": html}}


NOT_SHARED = "a measure not shared with you"


def charter_rows(
    project: Project,
    members: list[ProjectMember],
    *,
    may_see_escalation: bool,
    may_see_measure: Callable[[Any], bool] = lambda measure: True,
) -> list[SummaryRow]:
    """The charter; a linked escalation or measure the person may not see is named as not shared
    with them, never by its title (ADR 31)."""
    aim_measure = project.aim_measure if may_see_measure(project.aim_measure) else NOT_SHARED
    aim = format_html(
        '{}<br><span class="nhsuk-body-s">Measure: {}; target {} by {}</span>',
        project.aim,
        aim_measure,
        number(project.aim_target),
        date_text(project.aim_by),
    )
    team = ", ".join(f"{m.person} ({m.role})" for m in members) or "No team members yet"
    rows = [
        _text("Problem", project.problem),
        _html("Aim", aim),
        _text("Quality domain", domain_label(project.quality_domain)),
        _text("Scope", project.scope or "Not given"),
        _text("Sponsor", str(project.sponsor)),
        _text("Lead", str(project.lead)),
        _text("Team", team),
        _text("Stakeholders", project.stakeholders or "Not given"),
        _text("Dates", f"{date_text(project.starts_on)} to {date_text(project.ends_on)}"),
    ]
    priority = project.strategic_priority
    if priority:
        link = format_html(
            '<a href="{}#priority-{}">{}</a>{}',
            reverse("planning:home"),
            priority.pk,
            priority.title,
            " (retired)" if priority.is_retired else "",
        )
        rows.append(_html("Strategic priority", link))
    escalation = project.escalation
    if escalation and may_see_escalation:
        link = format_html(
            '<a href="{}">{}</a>', reverse("control:escalation", args=[escalation.pk]), escalation.title
        )
        rows.append(_html("Answers the escalation", link))
    elif escalation:
        rows.append(_text("Answers the escalation", "An escalation not shared with you"))
    if project.source_measure:
        source = project.source_measure
        rows.append(
            _text(
                "Started from a concern on",
                str(source) if may_see_measure(source) else NOT_SHARED.capitalize(),
            )
        )
    if project.lessons:
        rows.append(_text("Lessons learned", project.lessons))
    return rows


def cycle_marks(cycles: list[PdsaCycle]) -> list[tuple[dt.date, str]]:
    """The project's PDSA cycles (earliest first) as marks on a chart's time axis."""
    return [(c.starts_on, f"PDSA: {c.title}"[:60]) for c in cycles]


def measure_panels(
    user: Any, project: Project, *, may_change: bool, marks: list[tuple[dt.date, str]]
) -> list[MeasurePanel]:
    """Each measure's chart, with the project's PDSA cycles marked on it, if the person may see it.

    The measures come with their snapshots, and the annotations of those the person may see in one
    query: the page's queries do not grow with its measures."""
    pms = list(
        project.project_measures.select_related("measure__definition", "measure__unit", "measure__snapshot")
    )
    seen = {pm.measure_id for pm in pms if policy.can(user, Permission.VIEW, pm.measure)}
    notes_of = control_selectors.annotations_of_measures(seen) if seen else {}
    panels = []
    for pm in pms:
        measure = pm.measure
        visible = pm.measure_id in seen
        chart, caption = None, ""
        if visible:
            snapshot = getattr(measure, "snapshot", None)
            if snapshot is not None:
                notes = chart_annotations(notes_of.get(measure.pk, []))
                all_marks = sorted([*notes, *marks], key=lambda m: m[0])
                # Kept by what it is drawn from, as on the measure page (ADR 36).
                chart, summary = measure_chart(snapshot, title=chart_title(measure), annotations=all_marks)
                caption = f"{variation_words(snapshot.variation_icon)}. {summary}"
        role = f"{pm.get_role_display().lower()} measure"
        if pm.handed_over_on:
            role += f"; handed back with a new baseline from {date_text(pm.handed_over_on)}"
        panels.append(
            MeasurePanel(
                # Not even its name to someone who may not see the measure (ADR 31).
                name=measure.definition.name if visible else NOT_SHARED,
                title=f"{measure.definition.name}, {measure.unit.name}"
                if visible
                else NOT_SHARED.capitalize(),
                role=f"({role})",
                href=reverse("control:measure", args=[measure.pk]),
                chart=chart,
                caption=caption,
                absent="There are no data for this measure yet."
                if visible
                else "This measure is not shared with you.",
                # The aim's own measure stays: the aim is judged by it.
                may_remove=may_change and measure.pk != project.aim_measure_id,
                remove_href=reverse("improvement:measure-remove", args=[project.pk, pm.pk]),
            )
        )
    return panels


def cycle_rows(project: Project, cycles: list[PdsaCycle], today: dt.date) -> list[CycleRow]:
    rows = []
    for c in cycles:
        where = c.phase + (f": {c.get_decision_display().lower()}" if c.decision else "")
        rows.append(
            CycleRow(
                title=c.title,
                href=reverse("improvement:cycle", args=[project.pk, c.pk]),
                idea=c.change_idea.text,
                idea_href=reverse("improvement:idea", args=[project.pk, c.change_idea_id]),
                starts_on=c.starts_on,
                ends_on=c.ends_on,
                where=where,
                overdue=c.is_overdue(today),
            )
        )
    return rows


def task_rows(user: Any, project: Project) -> list[TaskRow]:
    rows = []
    for task in tasks(user, project):
        action = task.action
        rows.append(
            TaskRow(
                title=action.title,
                href=reverse("actions:action", args=[action.pk]),
                owner=str(action.owner or "No owner yet"),
                due_on=action.due_on,
                status=action.get_status_display(),
                overdue=action.is_overdue,
            )
        )
    return rows


def _progress_chart(project: Project, steps: list[ProgressRecord]) -> Markup | None:
    """`steps`: the project's progress records, earliest first."""
    records = [(r.on, float(r.score), r.stage) for r in steps]
    if len(records) < 2:
        return None
    svg = diagram.render_progress(records, title=f"Progress score of {project.title} over time")
    return Markup(svg)  # noqa: S704 (improvement.diagram escapes every text it draws)


def _driver_diagram(project: Project) -> Markup | None:
    roots = tree(project)
    if not roots:
        return None
    svg = diagram.render(project.aim, roots, title=f"Driver diagram of {project.title}")
    return Markup(svg)  # noqa: S704 (improvement.diagram escapes every text it draws)


def project_page(user: Any, project: Project, *, today: dt.date) -> ProjectPage:
    may_contribute = policy.can(user, Permission.CONTRIBUTE, project)
    may_lead = policy.can(user, Permission.LEAD, project)
    may_see_escalation = bool(project.escalation) and policy.can(user, Permission.VIEW, project.escalation)
    # A closed project keeps its record as it was: no more progress, measures or tasks.
    is_open = project.stage != Stage.CLOSED
    may_change = may_contribute and is_open

    def link(text: str, name: str) -> Link:
        return Link(text, reverse(name, args=[project.pk]))

    progress_links, charter_links, measure_links, task_links, tool_links = [], [], [], [], []
    if may_change:
        progress_links.append(link("Record progress", "improvement:project-progress"))
        measure_links.append(link("Add a measure from the library", "improvement:measure-add"))
        task_links.append(link("Add a task", "improvement:task-new"))
    if may_lead and is_open:
        progress_links.append(link("Close the project", "improvement:project-close"))
    if may_contribute:
        charter_links += [
            link("Change the charter", "improvement:project-edit"),
            link("Change the team", "improvement:project-team"),
        ]
        tool_links.append(link("Add a fishbone, Pareto chart or process map", "improvement:tool-new"))
    diagram_words = "Edit the driver diagram" if may_contribute else "The driver diagram as a list"
    members = list(project.members.select_related("person"))
    cycles = list(cycles_of_project(project).order_by("starts_on"))
    # One read of the progress records for the chart (earliest first) and the table (newest first,
    # the model's order: the reverse of this one within a project).
    steps = list(project.progress_records.select_related("recorded_by").order_by("on", "pk"))
    return ProjectPage(
        may_contribute=may_contribute,
        may_lead=may_lead,
        may_see_escalation=may_see_escalation,
        progress_links=progress_links,
        charter=charter_rows(
            project,
            members,
            may_see_escalation=may_see_escalation,
            may_see_measure=lambda measure: policy.can(user, Permission.VIEW, measure),
        ),
        charter_links=charter_links,
        panels=measure_panels(user, project, may_change=may_change, marks=cycle_marks(cycles)),
        measure_links=measure_links,
        diagram=_driver_diagram(project),
        diagram_link=link(diagram_words, "improvement:diagram"),
        cycles=cycle_rows(project, cycles, today),
        tasks=task_rows(user, project),
        task_links=task_links,
        tools=[
            ToolRow(t.title, reverse("improvement:tool", args=[project.pk, t.pk]), t.get_kind_display())
            for t in project.tools.only("title", "kind")  # not their data
        ],
        tool_links=tool_links,
        progress_chart=_progress_chart(project, steps),
        progress=steps[::-1][:20],
        history=list(history(project)[:10]),
    )
