"""What a DMAIC project's phases page shows: each phase with its tools (the project's own charter,
team, measures, QI tools, driver diagram, PDSA cycles and tasks, put where DMAIC uses them), its
gate, and the reviews so far; the template only places them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.improvement.models import (
    DMAIC_PHASES,
    DmaicPhase,
    GateOutcome,
    GateReview,
    NodeKind,
    Project,
    Stage,
    ToolKind,
)
from openqms.improvement.selectors.diagram import cycles_of_project
from openqms.improvement.selectors.methods import gate_reviews
from openqms.improvement.services.dmaic import may_review_gates
from openqms.nhsuk.dates import date_text

# What each phase is for, in one sentence the team reads before its tools.
PURPOSE = {
    DmaicPhase.DEFINE: "Agree the problem, the customer's needs, the scope and the team: what is in and "
    "out, from the first step of the process (supplier and input) to the last (output and customer).",
    DmaicPhase.MEASURE: "Measure how the process performs now: the project's measures and their "
    "baseline, before anything changes.",
    DmaicPhase.ANALYSE: "Find the root causes from the data: cause and effect, the vital few causes "
    "(Pareto), and where the process loses time or fails.",
    DmaicPhase.IMPROVE: "Choose changes that remove the root causes and test them on a small scale "
    "before putting them in place.",
    DmaicPhase.CONTROL: "Hold the gains: a control plan of who watches which measure on their board, "
    "changes written into standards, and the measures handed back.",
}


@dataclass(frozen=True)
class ToolLine:
    text: str
    href: str  # "" when the person may not open it
    detail: str  # "3 measures", "Not started"


@dataclass(frozen=True)
class ReviewRow:
    outcome: str
    passed: bool
    words: str  # "2 December 2026, Sam Senior: the baseline is agreed"


@dataclass(frozen=True)
class PhaseView:
    key: str
    number: int
    name: str
    purpose: str
    status: str  # "Passed", "Open now", "Not started"
    tag_class: str
    tools: list[ToolLine]
    reviews: list[ReviewRow]
    is_open: bool


@dataclass(frozen=True)
class DmaicPage:
    phases: list[PhaseView]
    open_phase: str  # the key of the phase open now; "" once all have passed
    open_name: str
    may_review: bool  # the form of the open phase's gate is shown
    may_close: bool
    close_href: str


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _tools(user: object, project: Project, may_change: bool) -> dict[str, list[ToolLine]]:
    def at(name: str, anchor: str = "", query: str = "") -> str:
        return reverse(name, args=[project.pk]) + query + anchor

    page = at("improvement:project")
    tools = list(project.tools.all())
    members = project.members.count()
    measures = list(project.project_measures.select_related("measure__definition"))
    ideas = project.nodes.filter(kind=NodeKind.CHANGE, deleted_at__isnull=True)
    cycles = cycles_of_project(project).count()
    flagged = ideas.filter(flagged_for_standard=True).count()
    handed = sum(1 for pm in measures if pm.handed_over_on)
    data = project.aim_measure.observations.count()

    def kind(k: str, words: str) -> ToolLine:
        mine = [t for t in tools if t.kind == k]
        if mine:
            href = reverse("improvement:tool", args=[project.pk, mine[0].pk])
            return ToolLine(words, href, "Drawn: " + "; ".join(t.title for t in mine))
        new = at("improvement:tool-new", query=f"?kind={k}") if may_change else ""
        return ToolLine(words, new, "Not drawn yet")

    return {
        DmaicPhase.DEFINE: [
            ToolLine(
                "Project charter: problem, aim and scope",
                page + "#charter",
                "Scope written" if project.scope else "Scope not written yet",
            ),
            ToolLine(
                "Project team",
                at("improvement:project-team") if may_change else page + "#charter",
                _plural(members, "member") + " besides the sponsor and lead",
            ),
            kind(
                ToolKind.PROCESS_MAP,
                "High-level process map (suppliers, inputs, process, outputs, customers)",
            ),
        ],
        DmaicPhase.MEASURE: [
            ToolLine(
                "Project measures from the measure library",
                page + "#measures",
                _plural(len(measures), "measure"),
            ),
            ToolLine(
                f"Baseline: {project.aim_measure}",
                reverse("control:measure", args=[project.aim_measure_id])
                if policy.can(user, Permission.VIEW, project.aim_measure)
                else "",
                _plural(data, "data point") + " on its control chart",
            ),
        ],
        DmaicPhase.ANALYSE: [
            kind(ToolKind.FISHBONE, "Cause-and-effect (fishbone) diagram"),
            kind(ToolKind.PARETO, "Pareto chart of the causes"),
            kind(ToolKind.PROCESS_MAP, "Process map of where it fails"),
        ],
        DmaicPhase.IMPROVE: [
            ToolLine(
                "Change ideas on the driver diagram",
                at("improvement:diagram"),
                _plural(ideas.count(), "change idea"),
            ),
            ToolLine("PDSA cycles testing them", page + "#cycles", _plural(cycles, "cycle")),
        ],
        DmaicPhase.CONTROL: [
            ToolLine(
                "Control plan: tasks for the owners who will watch the measures",
                at("improvement:task-new") if may_change else page + "#tasks",
                _plural(project.tasks.count(), "task"),
            ),
            ToolLine(
                "Adopted changes proposed as standards",
                at("improvement:diagram"),
                _plural(flagged, "change") + " proposed",
            ),
            ToolLine(
                "Measures handed back to their owners' boards (when the project closes)",
                page + "#measures",
                f"{handed} of {len(measures)} handed back",
            ),
        ],
    }


def _review_row(review: GateReview) -> ReviewRow:
    words = f"{date_text(review.reviewed_on)}, {review.reviewer}" + (
        f": {review.note}" if review.note else ""
    )
    return ReviewRow(review.get_outcome_display(), review.outcome == GateOutcome.PASSED, words)


def dmaic_page(user: object, project: Project) -> DmaicPage:
    is_open = project.stage != Stage.CLOSED
    may_change = is_open and policy.can(user, Permission.CONTRIBUTE, project)
    reviews = list(gate_reviews(project))
    passed = {r.phase for r in reviews if r.outcome == GateOutcome.PASSED}
    open_phase = next((p for p in DMAIC_PHASES if p not in passed), "")
    tools = _tools(user, project, may_change)
    phases = []
    for number, key in enumerate(DMAIC_PHASES, start=1):
        status, tag = (
            ("Passed", "nhsuk-tag--green") if key in passed
            else ("Open now", "nhsuk-tag--blue") if key == open_phase
            else ("Not started", "nhsuk-tag--grey")
        )  # fmt: skip
        phases.append(
            PhaseView(
                key=key, number=number, name=DmaicPhase(key).label, purpose=PURPOSE[DmaicPhase(key)],
                status=status, tag_class=tag, tools=tools[key],
                reviews=[_review_row(r) for r in reviews if r.phase == key], is_open=key == open_phase,
            )
        )  # fmt: skip
    may_close = is_open and policy.can(user, Permission.LEAD, project)
    return DmaicPage(
        phases=phases,
        open_phase=open_phase,
        open_name=DmaicPhase(open_phase).label if open_phase else "",
        may_review=bool(open_phase) and is_open and may_review_gates(user, project),  # type: ignore[arg-type]
        may_close=may_close,
        close_href=reverse("improvement:project-close", args=[project.pk]),
    )
