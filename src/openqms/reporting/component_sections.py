"""The report's sections drawn by the components below it: QMS balance and the maturity
self-assessment (openqms.evaluation) and "you said, we did" (planning's needs register). Reporting
sits above both, so it asks their presenters and selectors directly and draws their own partials;
`sections` keeps the place and order of each."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from openqms.evaluation import framework
from openqms.evaluation.presenters.balance import balance_section
from openqms.evaluation.presenters.maturity import maturity_section
from openqms.organisations.models import Unit
from openqms.planning.selectors.you_said import you_said_we_did
from openqms.reporting import sections
from openqms.reporting.sections import SectionPeriod


def qms_balance(user: Any, unit: Unit, period: SectionPeriod) -> str:
    balance = balance_section(user, unit, until=period.end)
    return render_to_string("evaluation/_balance_section.jinja", {"balance": balance})


def maturity(user: Any, unit: Unit, period: SectionPeriod) -> str:
    found = maturity_section(user, unit, framework.current())
    if found.latest is None:
        return ""
    return render_to_string("evaluation/_maturity_section.jinja", {"maturity_section": found})


def you_said(user: Any, unit: Unit, period: SectionPeriod) -> str:
    rows = you_said_we_did(user, unit, period.start, period.end)
    return render_to_string("reporting/_you_said.jinja", {"rows": rows, "unit": unit, "period": period})


def register() -> None:
    sections.register("qms-balance", "QMS balance", qms_balance)
    sections.register("maturity", "QMS maturity", maturity)
    sections.register("you-said-we-did", "You said, we did", you_said)
