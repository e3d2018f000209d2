"""The live evidence OpenQMS can put beside a maturity statement: each kind's key, as a framework
file names it, and what it counts (docs/maturity-framework.md lists them for authors).

`selectors/evidence.py` computes each one for a unit's sub-tree over a period.
"""

from __future__ import annotations

EVIDENCE: dict[str, str] = {
    "measures_spc_current": "Measures with enough data for SPC (15 points) and data for the latest period",
    "measures_shared": "Measures shared with service users",
    "huddles_held": "Huddles held, and the teams that held one in the last four weeks of the period",
    "concerns_answered": (
        "Special-cause concerns in the period that the team escalated or dismissed with a reason"
    ),
    "audits_on_time": "Audits due in the period that were done by their due date",
    "actions_checked": "Actions closed in the period with a check that they worked",
    "actions_on_time": "Actions due in the period that were closed by their due date",
    "projects_with_measures": "Improvement projects with process or balancing measures as well as the aim",
    "projects_on_priorities": "Improvement projects serving one of the organisation's strategic priorities",
    "pdsa_cycles": "PDSA cycles that ended in the period with an adopt, adapt or abandon decision",
    "gains_handed_over": "Project measures handed over to the team's control board (hold the gains)",
    "service_users_in_projects": "Improvement projects with a service user in the team",
    "plans_approved_on_time": "Annual quality plans approved by their due date",
}
