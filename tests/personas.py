"""A small trust, and the people the tests speak of by name.

Northshire Hospitals (NHT): Board → Medicine → Elderly Care → Ward A and Ward B; Board → Surgery →
Theatres. Riverside Community (RCT) is a second organisation in the same installation.
Each persona holds one role, on the unit named in their description.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from openqms.access import services as access
from openqms.organisations import services as organisations
from openqms.organisations.models import Organisation, Unit
from openqms.people import services as people

PASSWORD = "Quality-Improves-2026"


@dataclass
class Trust:
    org: Organisation
    board: Unit
    medicine: Unit
    elderly_care: Unit
    ward_a: Unit
    ward_b: Unit
    surgery: Unit
    theatres: Unit
    other_org: Organisation
    other_board: Unit
    other_team: Unit
    people: dict[str, Any]


# persona: (full name, role, unit attribute on Trust)
PERSONAS: dict[str, tuple[str, str, str]] = {
    "sam_senior": ("Sam Senior", "senior_leader", "board"),
    "dana_division": ("Dana Division", "senior_leader", "medicine"),
    "tess_team_leader": ("Tess Team-Leader", "team_leader", "ward_a"),
    "colin_clinician": ("Colin Clinician", "clinician", "elderly_care"),
    "mo_member": ("Mo Member", "team_member", "ward_a"),
    "sue_service_user": ("Sue Service-User", "service_user", "ward_a"),
    "ada_admin": ("Ada Admin", "administrator", "board"),
    "otto_other_admin": ("Otto Other-Admin", "administrator", "other_board"),
    "nora_no_role": ("Nora No-Role", "", ""),
}


def build_trust() -> Trust:
    org = organisations.create_organisation(actor=None, name="Northshire Hospitals", code="NHT")
    board = org.units.get(parent__isnull=True)

    def unit(parent: Unit, name: str, kind: str, code: str, organisation: Organisation = org) -> Unit:
        return organisations.create_unit(
            actor=None, organisation=organisation, parent=parent, name=name, kind=kind, code=code
        )

    medicine = unit(board, "Medicine", "division", "MED")
    elderly = unit(medicine, "Elderly Care", "service", "ELD")
    ward_a = unit(elderly, "Ward A", "ward", "WA")
    ward_b = unit(elderly, "Ward B", "ward", "WB")
    surgery = unit(board, "Surgery", "division", "SUR")
    theatres = unit(surgery, "Theatres", "team", "THE")
    other = organisations.create_organisation(actor=None, name="Riverside Community", code="RCT")
    other_board = other.units.get(parent__isnull=True)
    other_team = unit(other_board, "District Nursing", "team", "DN", organisation=other)
    trust = Trust(
        org, board, medicine, elderly, ward_a, ward_b, surgery, theatres, other, other_board, other_team, {}
    )
    start = dt.date(2024, 4, 1)
    for username, (full_name, role, where) in PERSONAS.items():
        person = people.create_person(actor=None, username=username, full_name=full_name, password=PASSWORD)
        if role:
            access.grant_role(
                actor=None, person=person, unit=getattr(trust, where), role=role, starts_on=start
            )
        trust.people[username] = person
    return trust
