"""The measurement framework, read for a person: for each strategic priority and each service, the
outcome, process, structure and balancing measures from control's library that show progress, and
the gaps (priorities no measure shows, measures that serve no priority)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from openqms.control.models import MeasureDefinition, MeasureType
from openqms.control.selectors import measures as measure_selectors
from openqms.organisations.models import Organisation, StrategicPriority, Unit, UnitKind
from openqms.planning.models.framework import FrameworkMeasure
from openqms.planning.models.plans import PlanTarget


@dataclass
class Entry:
    definition: MeasureDefinition
    services: list[Unit] = field(default_factory=list)  # empty: the whole organisation
    reported_by: int = 0
    in_plans: bool = False
    framework_ids: list[int] = field(default_factory=list)


@dataclass
class PriorityFramework:
    priority: StrategicPriority
    by_type: list[tuple[str, list[Entry]]]

    @property
    def is_empty(self) -> bool:
        return not any(entries for _, entries in self.by_type)


@dataclass
class ServiceFramework:
    service: Unit
    rows: list[tuple[StrategicPriority, list[MeasureDefinition]]]


@dataclass
class Framework:
    organisation: Organisation
    priorities: list[PriorityFramework]
    services: list[ServiceFramework]
    priorities_with_no_measure: list[StrategicPriority]
    measures_serving_no_priority: list[MeasureDefinition]


def serving(organisation: Organisation) -> dict[int, dict[int, Entry]]:
    """priority id → definition id → entry: a definition serves a priority when the framework says
    so, or when a quality plan sets a target on it for that priority."""
    found: dict[int, dict[int, Entry]] = defaultdict(dict)
    for row in FrameworkMeasure.objects.filter(priority__organisation=organisation).select_related(
        "definition", "service"
    ):
        entry = found[row.priority_id].setdefault(row.definition_id, Entry(row.definition))
        entry.framework_ids.append(row.pk)
        if row.service is not None:
            entry.services.append(row.service)
    for target in PlanTarget.objects.filter(
        plan_priority__priority__organisation=organisation
    ).select_related("measure__definition", "plan_priority"):
        definition = target.measure.definition
        entry = found[target.plan_priority.priority_id].setdefault(definition.pk, Entry(definition))
        entry.in_plans = True
    return found


def definitions_of(user: Any, organisation: Organisation) -> QuerySet[MeasureDefinition]:
    return measure_selectors.definitions_visible(user, organisation.pk).filter(archived_at__isnull=True)


def framework(user: Any, organisation: Organisation) -> Framework:
    priorities = list(StrategicPriority.objects.filter(organisation=organisation, retired_at__isnull=True))
    definitions = {d.pk: d for d in definitions_of(user, organisation)}
    served = serving(organisation)
    reported: dict[int, int] = defaultdict(int)
    for definition_id in (
        measure_selectors.measures(user)
        .filter(definition_id__in=definitions, archived_at__isnull=True)
        .values_list("definition_id", flat=True)
    ):
        reported[definition_id] += 1
    rows = []
    for priority in priorities:
        entries = [e for d, e in served.get(priority.pk, {}).items() if d in definitions]
        for entry in entries:
            entry.reported_by = reported[entry.definition.pk]
        by_type = [
            (
                label,
                sorted(
                    (e for e in entries if e.definition.measure_type == value),
                    key=lambda e: e.definition.name,
                ),
            )
            for value, label in MeasureType.choices
        ]
        rows.append(PriorityFramework(priority, by_type))
    used = {d for entries in served.values() for d in entries}
    return Framework(
        organisation=organisation,
        priorities=rows,
        services=_services(user, organisation, served, priorities),
        priorities_with_no_measure=[r.priority for r in rows if r.is_empty],
        measures_serving_no_priority=sorted(
            (d for pk, d in definitions.items() if pk not in used), key=lambda d: d.name
        ),
    )


def _services(
    user: Any,
    organisation: Organisation,
    served: dict[int, dict[int, Entry]],
    priorities: list[StrategicPriority],
) -> list[ServiceFramework]:
    """For each service: the measures its units report that serve each priority, organisation-wide
    or named for that service."""
    services = Unit.objects.filter(organisation=organisation, kind=UnitKind.SERVICE, archived_at__isnull=True)
    found = []
    for service in services:
        reported = set(
            measure_selectors.subtree_measures(user, service).values_list("definition_id", flat=True)
        )
        rows = []
        for priority in priorities:
            definitions = [
                e.definition
                for d, e in served.get(priority.pk, {}).items()
                if d in reported
                and (not e.services or any(service.is_within(s) or s.is_within(service) for s in e.services))
            ]
            if definitions:
                rows.append((priority, sorted(definitions, key=lambda d: (d.measure_type, d.name))))
        if rows:
            found.append(ServiceFramework(service, rows))
    return found
