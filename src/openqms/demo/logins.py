"""The demo's sign-in accounts: one per role, all around one ward, so each shows the same place
from its own point of view.

The passwords are published in the README and printed by `openqms demo-logins`: they are for a
demo installation only, never for one that holds real data. Every other demo person has no
usable password, so these six are the only ways into a demo.
"""

from __future__ import annotations

from dataclasses import dataclass

# The demo ward (a ward of Elderly Care, in Medicine) and the units around it.
DEMO_WARD = "ELD-W1"
DEMO_SERVICE = "ELD"
DEMO_DIVISION = "MED"
BOARD = "BOARD"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    full_name: str
    job_title: str
    unit_code: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "senior_leader",
        "demo.senior",
        "Sponsor-the-Improvement-26",
        "Helen Okafor",
        "Divisional Director of Nursing",
        DEMO_DIVISION,
    ),
    DemoLogin(
        "team_leader",
        "demo.teamleader",
        "Huddle-at-Half-Past-Eight",
        "Gareth Pritchard",
        "Ward Manager",
        DEMO_WARD,
    ),
    DemoLogin(
        "clinician",
        "demo.clinician",
        "Evidence-Shapes-Standards",
        "Anjali Mehta",
        "Consultant Physician in Elderly Care",
        DEMO_SERVICE,
    ),
    DemoLogin(
        "team_member",
        "demo.member",
        "Run-a-PDSA-Cycle-Today",
        "Tom Whitfield",
        "Staff Nurse",
        DEMO_WARD,
    ),
    DemoLogin(
        "service_user",
        "demo.serviceuser",
        "Tell-Us-What-Matters-Most",
        "Margaret Doyle",
        "Patient Partner",
        DEMO_WARD,
    ),
    DemoLogin(
        "administrator",
        "demo.admin",
        "Keep-the-Unit-Tree-Tidy",
        "Chris Lam",
        "QMS System Administrator",
        BOARD,
    ),
)
