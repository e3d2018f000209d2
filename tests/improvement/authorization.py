"""What each improvement page answers to each persona, in and out of scope, for the authorization matrix.

Projects are built inside the kwargs functions through the services: one on Ward A (Mo and Tess's
ward, inside Elderly Care and Medicine), one on Ward B, one on Ward A with Sue (a service user of
Ward A) on its team, and one in Riverside. Staff whose role reaches the unit see and change projects;
leaders close them; a service user sees a project only when named on its team, and changes nothing.
"""

from __future__ import annotations

from typing import Any

from openqms.improvement.services.diagram import add_node
from openqms.improvement.services.team import add_member, add_project_measure
from openqms.improvement.services.tools import save_tool
from tests.authorization import SIGNED_IN, Case, only
from tests.improvement import helpers as h

WARD_A_STAFF = ["sam_senior", "dana_division", "tess_team_leader", "colin_clinician", "mo_member"]
WARD_A_LEADERS = ["sam_senior", "dana_division", "tess_team_leader"]
WARD_B_STAFF = ["sam_senior", "dana_division", "colin_clinician"]


def _project(t: Any, unit: str = "ward_a", with_sue: bool = False) -> Any:
    p = h.project(t, unit)
    if with_sue:
        add_member(actor=None, project=p, person=t.people["sue_service_user"], role="Service user partner")
    return p


def _kw(unit: str = "ward_a", with_sue: bool = False) -> Any:
    return lambda t: {"pk": _project(t, unit, with_sue).pk}


def _idea(with_sue: bool = False) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        p = _project(t, with_sue=with_sue)
        return {"pk": p.pk, "node_pk": h.idea(p).pk}

    return kwargs


def _cycle(with_sue: bool = False) -> Any:
    def kwargs(t: Any) -> dict[str, int]:
        p = _project(t, with_sue=with_sue)
        return {"pk": p.pk, "cycle_pk": h.cycle(h.idea(p)).pk}

    return kwargs


def _member(t: Any) -> dict[str, int]:
    p = _project(t, with_sue=True)
    return {"pk": p.pk, "member_pk": p.members.get().pk}


def _project_measure(t: Any) -> dict[str, int]:
    from tests.control import pages_helpers as control

    p = _project(t)
    pm = add_project_measure(actor=None, project=p, measure=control.measure(t.ward_a), role="balancing")
    return {"pk": p.pk, "pm_pk": pm.pk}


def _many_edits(t: Any) -> dict[str, int]:
    """Enough diagram edits for every persona allowed to undo one."""
    p = _project(t)
    for n in range(8):
        add_node(actor=None, project=p, kind="primary", text=f"Driver {n}")
    return {"pk": p.pk}


def _project_pages(contribute: bool = False) -> list[Case]:
    """A page of one project: viewed by staff reaching it and service users on its team."""
    if contribute:
        return [
            Case("Ward A", _kw(), allowed=only(WARD_A_STAFF)),
            Case(
                "Ward A, Sue on the team: she still may not change it",
                _kw(with_sue=True),
                allowed=only(WARD_A_STAFF),
            ),
            Case("Ward B", _kw("ward_b"), allowed=only(WARD_B_STAFF)),
            Case("another organisation", _kw("other_team"), allowed={}),
        ]
    return [
        Case("Ward A", _kw(), allowed=only(WARD_A_STAFF)),
        Case(
            "Ward A, Sue on the team", _kw(with_sue=True), allowed=only([*WARD_A_STAFF, "sue_service_user"])
        ),
        Case("Ward B", _kw("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("another organisation", _kw("other_team"), allowed={}),
    ]


def _post(
    label: str, kwargs: Any, status: int, data: Any = lambda t: {}, allowed: list[str] = WARD_A_STAFF
) -> list[Case]:
    return [
        Case("GET is not allowed", kwargs, allowed=only(SIGNED_IN, 405)),
        Case(label, kwargs, method="post", data=data, allowed=only(allowed, status)),
    ]


def _node_kwargs(t: Any) -> dict[str, int]:
    p = _project(t)
    return {"pk": p.pk, "node_pk": h.idea(p).pk}


def _tool(with_sue: bool = False, kind: str = "pareto", unit: str = "ward_a") -> Any:
    source = {"pareto": "Wrong dose, 3", "process_map": "Start: Referral\nEnd: Seen"}[kind]

    def kwargs(t: Any) -> dict[str, int]:
        p = _project(t, unit, with_sue=with_sue)
        tool = save_tool(actor=None, project=p, kind=kind, title="Errors", source=source)
        return {"pk": p.pk, "tool_pk": tool.pk}

    return kwargs


EXPECTATIONS: dict[str, list[Case]] = {
    "improvement:lessons": [Case("everyone signed in; the list is scoped", allowed=only(SIGNED_IN))],
    "improvement:project-new": [Case("staff with a role somewhere", allowed=only(WARD_A_STAFF))],
    "improvement:project": _project_pages(),
    "improvement:project-history": _project_pages(),
    "improvement:diagram": _project_pages(),
    "improvement:diagram-svg": _project_pages(),
    "improvement:diagram-png": [_project_pages()[1]],
    "improvement:project-edit": _project_pages(contribute=True),
    "improvement:project-progress": _project_pages(contribute=True),
    "improvement:project-team": _project_pages(contribute=True),
    "improvement:measure-add": _project_pages(contribute=True),
    "improvement:project-close": [
        Case("Ward A", _kw(), allowed=only(WARD_A_LEADERS)),
        Case("Ward A, Sue on the team", _kw(with_sue=True), allowed=only(WARD_A_LEADERS)),
        Case("Ward B", _kw("ward_b"), allowed=only(["sam_senior", "dana_division"])),
    ],
    "improvement:task-new": [
        Case("Ward A, Sue on the team: she adds none", _kw(with_sue=True), allowed=only(WARD_A_STAFF)),
        Case("Ward B", _kw("ward_b"), allowed=only(WARD_B_STAFF)),
        Case("an empty task", _kw(), method="post", allowed=only(WARD_A_STAFF, 400)),
    ],
    "improvement:member-remove": _post("Sue off the team", _member, 302),
    "improvement:measure-remove": _post("a balancing measure", _project_measure, 302),
    # An empty form comes back with its message; out of scope is 404 before any validation.
    "improvement:node-add": _post("empty", _kw(), 200),
    "improvement:diagram-undo": _post("undo", _many_edits, 302),
    "improvement:node-rename": _post(
        "same words", _node_kwargs, 302, data=lambda t: {"text": "Falls huddle at handover"}
    ),
    "improvement:node-move": _post("no place chosen", _node_kwargs, 200),
    "improvement:node-shift": _post("no direction", _node_kwargs, 200),
    "improvement:node-delete": _post("delete (a second time: the same)", _node_kwargs, 302),
    "improvement:idea": [
        Case("Ward A", _idea(), allowed=only(WARD_A_STAFF)),
        Case(
            "Ward A, Sue on the team", _idea(with_sue=True), allowed=only([*WARD_A_STAFF, "sue_service_user"])
        ),
    ],
    "improvement:idea-status": _post(
        "testing", _idea(with_sue=True), 302, data=lambda t: {"status": "testing"}
    ),
    "improvement:idea-flag": _post("empty note", _idea(with_sue=True), 200),
    "improvement:cycle-new": [
        Case("Ward A, Sue on the team", _idea(with_sue=True), allowed=only(WARD_A_STAFF)),
    ],
    "improvement:cycle": [
        Case("Ward A", _cycle(), allowed=only(WARD_A_STAFF)),
        Case(
            "Ward A, Sue on the team",
            _cycle(with_sue=True),
            allowed=only([*WARD_A_STAFF, "sue_service_user"]),
        ),
    ],
    "improvement:cycle-edit": [
        Case("Ward A, Sue on the team", _cycle(with_sue=True), allowed=only(WARD_A_STAFF))
    ],
}

EXPECTATIONS.update(
    {
        "improvement:tool-new": _project_pages(contribute=True),
        "improvement:tool": [
            Case("Ward A", _tool(), allowed=only(WARD_A_STAFF)),
            Case(
                "Ward A, Sue on the team",
                _tool(with_sue=True),
                allowed=only([*WARD_A_STAFF, "sue_service_user"]),
            ),
            # An empty change comes back with its message; Sue may look but not change.
            Case("change, Sue on the team", _tool(with_sue=True), method="post", allowed=only(WARD_A_STAFF)),
        ],
        # The editor posts JSON; a form post is not a map, and is answered 400 once allowed in.
        "improvement:process-map-save": [
            Case("GET is not allowed", _tool(kind="process_map"), allowed=only(SIGNED_IN, 405)),
            Case(
                "Sue on the team may not draw",
                _tool(with_sue=True, kind="process_map"),
                method="post",
                allowed=only(WARD_A_STAFF, 400),
            ),
            Case(
                "Ward B's map",
                _tool(kind="process_map", unit="ward_b"),
                method="post",
                allowed=only(WARD_B_STAFF, 400),
            ),
        ],
        "improvement:tool-svg": [
            Case(
                "Ward A, Sue on the team",
                _tool(with_sue=True),
                allowed=only([*WARD_A_STAFF, "sue_service_user"]),
            )
        ],
        "improvement:tool-png": [
            Case(
                "Ward A, Sue on the team",
                _tool(with_sue=True),
                allowed=only([*WARD_A_STAFF, "sue_service_user"]),
            )
        ],
        "improvement:cycle-recalculate": _post(
            "no measure chosen: back with a message", _cycle(with_sue=True), 302
        ),
        "improvement:cycle-feedback": [
            Case("GET is not allowed", _cycle(with_sue=True), allowed=only(SIGNED_IN, 405)),
            # Sue, a service user on the team, may say what she thinks; on another project she may not.
            Case(
                "Sue on the team",
                _cycle(with_sue=True),
                method="post",
                data=lambda t: {"text": "Felt safer at night"},
                allowed=only([*WARD_A_STAFF, "sue_service_user"], 302),
            ),
            Case(
                "Sue not on the team",
                _cycle(),
                method="post",
                data=lambda t: {"text": "Felt safer at night"},
                allowed=only(WARD_A_STAFF, 302),
            ),
        ],
    }
)

# The DMAIC and A3 pages (ADR 25) keep their expectations beside their own tests.
from tests.improvement.authorization_methods import EXPECTATIONS as _METHODS  # noqa: E402

EXPECTATIONS.update(_METHODS)
