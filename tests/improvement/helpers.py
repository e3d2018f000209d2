"""Projects for the improvement tests, made through the services as a user would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openqms.improvement.models import DriverNode, PdsaCycle, Project
from openqms.improvement.services.cycles import create_cycle
from openqms.improvement.services.diagram import add_node
from openqms.improvement.services.projects import create_project
from tests.control import pages_helpers as control

START = dt.date(2023, 1, 1)


def project(trust: Any, unit: str = "ward_a", *, measure: Any = None, **fields: Any) -> Project:
    where = getattr(trust, unit)
    if measure is None:
        measure = control.measure(where)
        control.monthly_values(measure, control.STEADY)
    defaults: dict[str, Any] = {
        "unit": where,
        "title": "Fewer falls",
        "problem": "Falls at night in the bays.",
        "aim": "Reduce falls from 10 to 5 a month by the end of 2024",
        "aim_measure": measure,
        "aim_target": 5.0,
        "aim_by": dt.date(2024, 12, 31),
        "quality_domain": "safe",
        "sponsor": trust.people["dana_division"],
        "lead": trust.people["tess_team_leader" if unit == "ward_a" else "colin_clinician"],
        "starts_on": START,
        "ends_on": dt.date(2024, 12, 31),
    }
    if unit == "other_team":
        return _other_project(trust, defaults | fields)
    return create_project(actor=None, **(defaults | fields))


def _other_project(trust: Any, fields: dict[str, Any]) -> Project:
    """Riverside's project: its own senior leader and lead."""
    person = control.person_on(trust.other_team, "senior_leader")
    return create_project(actor=None, **(fields | {"sponsor": person, "lead": person}))


def idea(p: Project, text: str = "Falls huddle at handover") -> DriverNode:
    primary = add_node(actor=None, project=p, kind="primary", text="Reliable risk assessment")
    secondary = add_node(actor=None, project=p, kind="secondary", text="Assess on admission", parent=primary)
    return add_node(actor=None, project=p, kind="change", text=text, parent=secondary)


def cycle(node: DriverNode, **fields: Any) -> PdsaCycle:
    defaults: dict[str, Any] = {
        "title": "Cycle 1",
        "question": "Will a two-minute huddle happen at every handover?",
        "prediction": "It will happen at 4 of 5 handovers.",
        "who": "Night nurses",
        "what": "A falls huddle at handover",
        "where": "Bay 1",
        "starts_on": dt.date(2023, 6, 1),
        "ends_on": dt.date(2023, 6, 14),
        "data_to_collect": "Huddles held, falls",
    }
    return create_cycle(actor=None, idea=node, **(defaults | fields))


def offer_methods(organisation: Any, *methods: str) -> None:
    from openqms.improvement.services.methods import choose_methods

    choose_methods(
        actor=None, organisation=organisation, methods=methods or ("model_for_improvement", "dmaic", "a3")
    )


def method_project(trust: Any, method: str, unit: str = "ward_a", **fields: Any) -> Project:
    """A project following DMAIC or the A3, its organisation offering every method."""
    offer_methods(getattr(trust, unit).organisation)
    return project(trust, unit, method=method, **fields)
