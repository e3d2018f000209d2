"""MeasureReports coming in, saved as observations through control's import, all or nothing.

A MeasureReport is read as one row of a data file: `measure` (Measure/{id}) gives the measure's
code, `reporter` (Organization/{id}) the unit's code, `period.start` the period, and the group's
populations (numerator, denominator) or its `measureScore.value` the data. The rows then go to
`control.services.data.submit_rows`, the path file uploads and /api/v1/observations/bulk take, so
the same checks judge them; its problems come back as issues naming the entry and the element.
A report's SPC extensions are ignored: OpenQMS recomputes the chart from the data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pydantic
from django.db import transaction
from django.http import HttpRequest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.measurereport import MeasureReport
from fhir_core.fhirabstractmodel import FHIRAbstractModel

from openqms.access import policy
from openqms.api.fhir import selectors
from openqms.api.fhir.outcomes import FhirProblem, Issue, problem, validation_issues
from openqms.api.fhir.presenters import EXT_AMOUNT, report_id
from openqms.api.submissions import bulk_max
from openqms.control.models import DataShape, Measure, MeasureDefinition, Observation
from openqms.control.services.data import submit_rows
from openqms.organisations.models import Unit

MEASURE_REFERENCE = re.compile(r"(?:^|/)Measure/([0-9]{1,18})(?:\|[^|]*)?$")
UNIT_REFERENCE = re.compile(r"(?:^|/)Organization/([0-9]{1,18})$")
BUNDLE_TYPES = ("transaction", "batch", "collection")
LINE = re.compile(r"\bline ([0-9]+)\b")
M = TypeVar("M", bound=FHIRAbstractModel)


@dataclass
class Entry:
    """One MeasureReport of the request, as far as it could be read."""

    index: int
    path: str  # "Bundle.entry[3].resource", or "MeasureReport"
    report: MeasureReport
    definition: MeasureDefinition | None = None
    unit: Unit | None = None
    row: dict[str, Any] = field(default_factory=dict)
    # Where each population was in the report, for naming it in an issue.
    populations: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Saved:
    index: int
    report_id: str
    created: bool


def parse_bundle(body: Any) -> tuple[str, list[Entry]]:
    """The Bundle's type and its MeasureReports, each checked with fhir.resources' R4B models."""
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        raise problem(
            400, "Send a Bundle (resourceType Bundle) to the base", "Bundle.resourceType", "structure"
        )
    raw_entries = body.get("entry")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise problem(
            422, "The Bundle has no entries: send one MeasureReport per entry", "Bundle.entry", "required"
        )
    if len(raw_entries) > bulk_max():
        raise problem(
            422,
            f"At most {bulk_max():,} entries in one Bundle: send the rest in another",
            "Bundle.entry",
            "too-costly",
        )
    issues: list[Issue] = []
    # The Bundle itself without its resources, then each resource with its own model: a Bundle's
    # model looks an entry's class up by its resourceType and fails on one it does not know.
    shell = {**body, "entry": [_without_resource(e) for e in raw_entries]}
    bundle = _validated(Bundle, shell, "Bundle")
    if bundle.type not in BUNDLE_TYPES:
        issues.append(
            Issue(
                f"A Bundle of type '{bundle.type}' is not imported: send a transaction",
                "Bundle.type",
                "value",
            )
        )
    entries = []
    for index, raw in enumerate(raw_entries):
        path = f"Bundle.entry[{index}].resource"
        resource = raw.get("resource") if isinstance(raw, dict) else None
        kind = resource.get("resourceType") if isinstance(resource, dict) else None
        if kind != "MeasureReport":
            issues.append(
                Issue("Each entry must be a MeasureReport", f"{path}.resourceType", "not-supported")
            )
            continue
        try:
            entries.append(Entry(index, path, _validated(MeasureReport, resource, path)))
        except FhirProblem as exc:
            issues.extend(exc.issues)
    if issues:
        raise FhirProblem(422, issues)
    return str(bundle.type), entries


def _validated(model: type[M], data: Any, path: str) -> M:
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise FhirProblem(422, validation_issues(path, exc.errors())) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        # fhir.resources looks a nested resource's class up by its resourceType and fails outright
        # (a KeyError) on one it does not know, as in `contained`: say so rather than fail.
        raise problem(
            422, f"A resource inside it is not one FHIR R4 knows: {exc}", path, "structure"
        ) from exc


def _without_resource(entry: Any) -> Any:
    return {k: v for k, v in entry.items() if k != "resource"} if isinstance(entry, dict) else entry


def parse_report(body: Any) -> Entry:
    if not isinstance(body, dict) or body.get("resourceType") != "MeasureReport":
        raise problem(400, "Send a MeasureReport", "MeasureReport.resourceType", "structure")
    return Entry(0, "MeasureReport", _validated(MeasureReport, body, "MeasureReport"))


def _read(entry: Entry, definitions: dict[int, MeasureDefinition], units: dict[int, Unit]) -> list[Issue]:
    """The entry's row for `submit_rows`, or what stops it being read at all."""
    report, path = entry.report, entry.path
    issues = []
    if report.status != "complete":
        issues.append(
            Issue(f"Only complete reports are imported, not '{report.status}'", f"{path}.status", "value")
        )
    if report.type != "summary":
        issues.append(
            Issue(f"Only summary reports are imported, not '{report.type}'", f"{path}.type", "value")
        )
    found = MEASURE_REFERENCE.search(report.measure or "")
    entry.definition = definitions.get(int(found.group(1))) if found else None
    if entry.definition is None:
        # Out of scope reads exactly as "does not exist", as in a file.
        issues.append(
            Issue(
                f"No Measure you can see is {report.measure}: name one as Measure/{{id}}",
                f"{path}.measure",
                "value",
            )
        )
    reference = report.reporter.reference if report.reporter is not None else None
    unit_match = UNIT_REFERENCE.search(reference or "")
    entry.unit = units.get(int(unit_match.group(1))) if unit_match else None
    if entry.unit is None:
        message = (
            "The unit is required: reporter as Organization/{id}"
            if reference is None
            else f"Unknown unit: no unit you can add data to is {reference}"
        )
        issues.append(Issue(message, f"{path}.reporter", "required" if reference is None else "value"))
    # Unit codes are unique within an organisation only: the row would name the unit of the
    # measure's organisation that shares this one's code.
    definition, unit = entry.definition, entry.unit
    if definition is not None and unit is not None and unit.organisation_id != definition.organisation_id:
        issues.append(
            Issue(
                f"{unit.name} is not a unit of {definition.organisation.name}, whose measure this is",
                f"{path}.reporter",
                "value",
            )
        )
    start = report.period.start if report.period is not None else None
    if start is None:
        issues.append(Issue("The period's first day is required", f"{path}.period.start", "required"))
    groups = report.group or []
    if len(groups) > 1:
        issues.append(
            Issue("One group per report: a measure has one score per period", f"{path}.group", "value")
        )
    if issues or entry.definition is None or entry.unit is None:
        return issues
    period = start.date() if isinstance(start, dt.datetime) else start
    row: dict[str, Any] = {
        "measure": entry.definition.code,
        "unit": entry.unit.code,
        "period": period,
        "value": None,
        "numerator": None,
        "denominator": None,
    }
    group = groups[0] if groups else None
    for position, population in enumerate((group.population or []) if group else []):
        codes = [c.code for c in (population.code.coding or [])] if population.code else []
        name = next((c for c in codes if c in ("numerator", "denominator")), None)
        if name is None:
            continue
        entry.populations[name] = position
        row[name] = _amount(population)
    # A ratio's score is derived from its populations, so it is read only when they are missing
    # (and the import's checks then say that the measure takes a numerator and a denominator).
    score = group.measureScore if group is not None else None
    ratio = entry.definition.data_shape == DataShape.RATIO
    if score is not None and score.value is not None and not (ratio and entry.populations):
        row["value"] = float(score.value)
    entry.row = row
    if all(row[c] is None for c in ("value", "numerator", "denominator")):
        wanted = "its numerator and denominator populations" if ratio else "its measureScore"
        return [Issue(f"The report has no data: give {wanted}", f"{path}.group", "required")]
    return []


def _amount(population: Any) -> float | None:
    if population.count is not None:
        return float(population.count)
    for extension in population.extension or []:
        if extension.url == EXT_AMOUNT and extension.valueDecimal is not None:
            return float(extension.valueDecimal)
    return None


def _expression(entry: Entry, column: str) -> str:
    path = entry.path
    if column == "measure":
        return f"{path}.measure"
    if column == "unit":
        return f"{path}.reporter"
    if column == "period":
        return f"{path}.period.start"
    if column == "value":
        return f"{path}.group[0].measureScore.value"
    if column in ("numerator", "denominator"):
        position = entry.populations.get(column)
        return f"{path}.group[0].population" + (f"[{position}].count" if position is not None else "")
    return path


def save(request: HttpRequest, entries: Sequence[Entry]) -> list[Saved]:
    """Check every entry, then save them all in one transaction, or nothing and say why."""
    user = request.user
    definition_ids, unit_ids = set(), set()
    for e in entries:
        if m := MEASURE_REFERENCE.search(e.report.measure or ""):
            definition_ids.add(int(m.group(1)))
        reporter = e.report.reporter.reference if e.report.reporter is not None else None
        if u := UNIT_REFERENCE.search(reporter or ""):
            unit_ids.add(int(u.group(1)))
    definitions = {d.pk: d for d in selectors.definitions(user).filter(pk__in=definition_ids)}
    # Units the person may see: the codes go to the import's checks, which judge "may add data to".
    units = {
        u.pk: u
        for u in policy.visible(
            user, policy.Permission.VIEW_UNIT, Unit.objects.filter(pk__in=unit_ids), unit_field=""
        )
    }
    issues: list[Issue] = []
    by_organisation: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        found = _read(entry, definitions, units)
        issues.extend(found)
        if not found and entry.definition is not None:
            by_organisation[entry.definition.organisation_id].append(entry)
    by_index = {e.index: e for e in entries}
    # One transaction over every organisation's rows: a problem in any of them undoes them all.
    with transaction.atomic():
        existing = _existing(entries)
        for group in by_organisation.values():
            submission = submit_rows(
                actor=user,  # type: ignore[arg-type]
                organisation=group[0].definition.organisation,  # type: ignore[union-attr]
                rows=((e.index, e.row) for e in group),
                source="FHIR",
                # Rows that could not be read are reported already: check the rest, write nothing.
                dry_run=bool(issues),
            )
            for p in submission.validation.problems:
                at = by_index.get(p.line) if p.line is not None else None
                where = _expression(at, p.column) if at is not None else None
                # The import's checks speak of a file's lines; here they are the Bundle's entries.
                message = LINE.sub(r"entry \1", p.message) if entry_kind_is_bundle(at) else p.message
                issues.append(Issue(message, where, "value"))
        if issues:
            raise FhirProblem(422, sorted(issues, key=_order))
        return _saved(entries, existing)


def entry_kind_is_bundle(entry: Entry | None) -> bool:
    return entry is not None and entry.path.startswith("Bundle.")


def _order(issue: Issue) -> tuple[int, str]:
    found = re.search(r"entry\[([0-9]+)\]", issue.expression or "")
    return (int(found.group(1)) if found else -1, issue.expression or "")


def _existing(entries: Sequence[Entry]) -> set[tuple[int, int, dt.date]]:
    """(definition, unit, period) of the entries that have data already: those are not 'created'."""
    keys = {(e.definition.pk, e.unit.pk) for e in entries if e.definition and e.unit}
    if not keys:
        return set()
    found = Observation.objects.filter(
        measure__definition_id__in={k[0] for k in keys},
        measure__unit_id__in={k[1] for k in keys},
        period_start__in={e.row["period"] for e in entries if e.row and isinstance(e.row["period"], dt.date)},
    ).values_list("measure__definition_id", "measure__unit_id", "period_start")
    return set(found)


def _saved(entries: Sequence[Entry], existing: set[tuple[int, int, dt.date]]) -> list[Saved]:
    keys = {(e.definition.pk, e.unit.pk) for e in entries if e.definition and e.unit}
    measures = {
        (m.definition_id, m.unit_id): m.pk
        for m in Measure.objects.filter(
            definition_id__in={k[0] for k in keys}, unit_id__in={k[1] for k in keys}
        )
    }
    out = []
    for e in entries:
        assert e.definition is not None
        assert e.unit is not None
        key = (e.definition.pk, e.unit.pk)
        out.append(
            Saved(e.index, report_id(measures[key], e.row["period"]), (*key, e.row["period"]) not in existing)
        )
    return out
