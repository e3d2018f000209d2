"""What assurance's pages show that depends on who is looking, so their templates only place it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from openqms.access import policy
from openqms.access.policy import Permission
from openqms.assurance.models import AuditRun


def audit_breadcrumbs(user: Any, run: AuditRun) -> list[dict[str, str]]:
    """The way back from an audit, as the breadcrumb macro's items. A service user asked to take part
    in an audit may see the audit, not the unit's assurance page: theirs leads to assurance's home."""
    if policy.can(user, Permission.VIEW, run.unit):
        return [{"href": reverse("assurance:unit", args=[run.unit_id]), "text": f"{run.unit.name} assurance"}]
    return [{"href": reverse("assurance:home"), "text": "Assurance"}]
