"""Writes for the strategy pages that reach beyond the organisation's own models: a priority saved
with its outcome measures, which are its organisation-wide rows of the measurement framework
(planning.models.FrameworkMeasure with no service)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from openqms.audit.models import AuditEntry
from openqms.audit.services import record
from openqms.control.models import MeasureDefinition
from openqms.organisations import services as organisations
from openqms.organisations.models import QualityDomain, StrategicGoal, StrategicPriority
from openqms.organisations.selectors import board_id
from openqms.people.models import User
from openqms.planning.models import FrameworkMeasure


def _organisation_wide(priority: StrategicPriority) -> QuerySet[FrameworkMeasure]:
    return FrameworkMeasure.objects.filter(priority=priority, service__isnull=True)


def _codes(priority: StrategicPriority) -> list[str]:
    return sorted(_organisation_wide(priority).values_list("definition__code", flat=True))


@transaction.atomic
def set_outcome_measures(
    *, actor: User | None, priority: StrategicPriority, definitions: Iterable[MeasureDefinition]
) -> StrategicPriority:
    """The priority's outcome measures become these definitions (the organisation's own): its rows of
    the framework for the whole organisation. Rows for one service are the framework page's, and
    stay. One audit entry, on the priority, says which measures it had and has."""
    chosen = {d.pk: d for d in definitions}
    if any(d.organisation_id != priority.organisation_id for d in chosen.values()):
        raise ValidationError({"outcome_measures": "Choose measures from the organisation's own library"})
    before = _codes(priority)
    _organisation_wide(priority).exclude(definition_id__in=chosen).delete()
    have = set(_organisation_wide(priority).values_list("definition_id", flat=True))
    FrameworkMeasure.objects.bulk_create(
        [FrameworkMeasure(priority=priority, definition=d) for pk, d in chosen.items() if pk not in have]
    )
    after = _codes(priority)
    if after != before:
        record(
            actor=actor,
            action=AuditEntry.Action.UPDATE,
            target=priority,
            changes={"outcome_measures": [before, after]},
            unit_id=board_id(priority.organisation_id),
        )
    return priority


@transaction.atomic
def add_priority(
    *,
    actor: User | None,
    goal: StrategicGoal,
    title: str,
    description: str = "",
    domains: Iterable[QualityDomain] = (),
    executive_owner: User | None = None,
    outcome_measures: Iterable[MeasureDefinition] = (),
) -> StrategicPriority:
    """A priority under a goal, with its domains, executive owner and outcome measures."""
    priority = organisations.add_priority(
        actor=actor,
        organisation=goal.organisation,
        goal=goal,
        title=title,
        description=description,
        domains=domains,
        executive_owner=executive_owner,
    )
    return set_outcome_measures(actor=actor, priority=priority, definitions=outcome_measures)


@transaction.atomic
def update_priority(
    *,
    actor: User | None,
    priority: StrategicPriority,
    goal: StrategicGoal,
    title: str,
    description: str,
    position: int,
    domains: Iterable[QualityDomain],
    executive_owner: User | None,
    outcome_measures: Iterable[MeasureDefinition],
) -> StrategicPriority:
    organisations.update_priority(
        actor=actor,
        priority=priority,
        goal=goal,
        title=title,
        description=description,
        position=position,
        domains=domains,
        executive_owner=executive_owner,
    )
    return set_outcome_measures(actor=actor, priority=priority, definitions=outcome_measures)
