"""Assurance's kinds of source, for the actions raised in the tracker: an audit, a unit's gaps and an
accreditation's finding (ADR 0023). Each resolves into its page only for a person who may see that
page, by the rule the page applies."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse

from openqms.access import policy
from openqms.assurance.models import Finding
from openqms.assurance.selectors.audits import run_for
from openqms.links import registry as links
from openqms.links.registry import Link
from openqms.organisations.models import Unit
from openqms.people.models import User

AUDIT = "assurance.audit"
GAPS = "assurance.gaps"  # the id is the unit's: its assurance page lists its gaps
FINDING = "assurance.finding"


def audit_link(user: User, pk: int) -> Link | None:
    try:
        # The audit page's own rule: the unit's staff, service users when shared, and its assignees.
        run = run_for(user, pk)
    except Http404:
        return None
    return Link(str(run), reverse("assurance:audit", args=[pk]))


def gaps_link(user: User, pk: int) -> Link | None:
    unit = Unit.objects.filter(pk=pk).first()
    if unit is None or not policy.can(user, policy.Permission.VIEW, unit):
        return None
    return Link(f"Gaps in {unit.name}", reverse("assurance:unit", args=[pk]) + "#gaps")


def finding_link(user: User, pk: int) -> Link | None:
    finding = Finding.objects.select_related("accreditation__unit").filter(pk=pk).first()
    if finding is None or not policy.can(user, policy.Permission.VIEW, finding.accreditation):
        return None
    url = reverse("assurance:accreditation", args=[finding.accreditation_id]) + f"#finding-{pk}"
    return Link(f"Finding of {finding.accreditation.scheme}", url)


def register() -> None:
    links.register(AUDIT, audit_link)
    links.register(GAPS, gaps_link)
    links.register(FINDING, finding_link)
