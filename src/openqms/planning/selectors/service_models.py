"""Reads for service models, scoped to the person: staff whose role reaches the unit, and the
unit's service users (service models are shared with them, to read and comment on)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from openqms.access import policy
from openqms.assurance.models import Standard
from openqms.control.models import MeasureDefinition
from openqms.organisations.models import Unit
from openqms.planning.models import Need, NeedStatus, ServiceModel

P = policy.Permission


def models_of(user: Any, unit: Unit) -> QuerySet[ServiceModel]:
    """Every version for the unit (newest first) that the person may read."""
    return policy.visible(user, P.VIEW, ServiceModel.objects.filter(unit=unit)).select_related("unit")


def all_models(user: Any) -> QuerySet[ServiceModel]:
    """The version in use or proposed, across the units the person may read."""
    visible = policy.visible(user, P.VIEW, ServiceModel.objects.exclude(status="superseded"))
    return visible.select_related("unit").order_by("unit__path", "-version")


def service_model(user: Any, pk: int) -> ServiceModel:
    queryset = ServiceModel.objects.select_related("unit__organisation", "proposed_by", "decided_by")
    queryset = queryset.prefetch_related(
        "steps__standards",
        "steps__measures",
        "team_roles",
        "requirements__measure",
        "comments__author",
        "needs",
    )
    return policy.get_or_404(user, P.VIEW, queryset, pk=pk)


def standards_for(user: Any, model: ServiceModel) -> QuerySet[Standard]:
    visible = policy.visible(user, P.VIEW, Standard.objects.all(), unit_field="owner_unit")
    return visible.filter(organisation_id=model.unit.organisation_id)


def measures_for(model: ServiceModel) -> QuerySet[MeasureDefinition]:
    return MeasureDefinition.objects.filter(
        organisation_id=model.unit.organisation_id, archived_at__isnull=True
    )


def needs_for(user: Any, model: ServiceModel) -> QuerySet[Need]:
    """Open needs of the unit, its sub-tree and the units above it, as the decision's reasons."""
    unit = model.unit
    unit_ids = [unit.pk, *unit.ancestor_ids]
    visible = policy.visible(user, P.VIEW, Need.objects.all())
    below = visible.filter(unit__path__startswith=unit.path)
    return (below | visible.filter(unit_id__in=unit_ids)).exclude(status=NeedStatus.DECLINED).distinct()
