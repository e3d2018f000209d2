"""Reads for the needs register, scoped to the person: staff read the needs of the units their
roles reach; a service user reads the needs they raised, and nothing else of the register."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from openqms.access import policy
from openqms.actions.models import Action
from openqms.assurance.models import Standard
from openqms.improvement.models import Project
from openqms.improvement.selectors import projects as project_selectors
from openqms.organisations.models import StrategicPriority, Unit
from openqms.planning import links
from openqms.planning.models import Need, NeedEvidence, NeedStatus

P = policy.Permission


def register(user: Any, unit: Unit | None = None, status: str = "") -> list[Need]:
    """The register, highest score first (unscored last), optionally for a unit's sub-tree."""
    rows = policy.visible(user, P.VIEW, Need.objects.all()).select_related("unit", "raised_by")
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if status in NeedStatus.values:
        rows = rows.filter(status=status)
    found = list(rows)
    found.sort(key=lambda n: (-(n.score or 0), n.status == NeedStatus.MET, -n.pk))
    return found


def raised_by(user: Any) -> QuerySet[Need]:
    """The needs the person raised, with what answers each (their "what happened" page)."""
    return (
        Need.objects.filter(raised_by=user)
        .select_related("unit")
        .prefetch_related("priorities", "services", "standards", "projects", "service_models")
    )


def need(user: Any, pk: int) -> Need:
    found = (
        Need.objects.select_related("unit__organisation", "raised_by")
        .prefetch_related("priorities", "services", "standards", "projects", "evidence", "service_models")
        .filter(pk=pk)
        .first()
    )
    if found is None or not links.may_see_need(user, found):
        raise Http404("Not found")
    return found


def evidence_item(user: Any, pk: int) -> NeedEvidence:
    found = NeedEvidence.objects.select_related("need__unit").filter(pk=pk).first()
    if found is None or not policy.can(user, P.VIEW, found.need):
        raise Http404("Not found")
    return found


def actions_from(need: Need) -> list[Action]:
    return list(Action.objects.filter(source_kind=links.NEED, source_id=need.pk).select_related("owner"))


# What a need may link to: things of its organisation.
def priorities_for(need: Need) -> QuerySet[StrategicPriority]:
    return StrategicPriority.objects.filter(
        organisation_id=need.unit.organisation_id, retired_at__isnull=True
    )


def services_for(need: Need) -> QuerySet[Unit]:
    return Unit.objects.filter(organisation_id=need.unit.organisation_id, archived_at__isnull=True)


def standards_for(user: Any, need: Need) -> QuerySet[Standard]:
    visible = policy.visible(user, P.VIEW, Standard.objects.all(), unit_field="owner_unit")
    return visible.filter(organisation_id=need.unit.organisation_id)


def projects_for(user: Any, need: Need) -> QuerySet[Project]:
    return project_selectors.projects(user).filter(unit__organisation_id=need.unit.organisation_id)
