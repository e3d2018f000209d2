"""OpenQMS's objects as FHIR R4 resources (plain dicts, in FHIR's JSON form).

Each extension's URL is under `BASE` and documented in docs/fhir.md; a URL is a promise to clients,
so one is never reused for another meaning.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from openqms.control.imports.checks import PROPORTION_CHARTS
from openqms.control.models import (
    DataShape,
    Frequency,
    ImprovementDirection,
    Measure,
    MeasureDefinition,
    MeasureType,
    Observation,
    SpcSnapshot,
)
from openqms.organisations.models import Unit

FHIR_VERSION = "4.0.1"
MEDIA_TYPE = "application/fhir+json"
BASE = "https://openqms.org/fhir/StructureDefinition/"
MEASURE_CODE_SYSTEM = "https://openqms.org/fhir/sid/measure-code"
UNIT_CODE_SYSTEM = "https://openqms.org/fhir/sid/unit-code"
SCORING = "http://terminology.hl7.org/CodeSystem/measure-scoring"
POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population"
IMPROVEMENT = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
MEASURE_TYPE = "http://terminology.hl7.org/CodeSystem/measure-type"

# The extensions, by name: docs/fhir.md says what each holds.
EXT_CHART = BASE + "spc-chart"
EXT_POINT_TYPE = BASE + "spc-point-type"
EXT_RULE = BASE + "spc-rule"
EXT_CENTRE = BASE + "spc-centre-line"
EXT_LOWER = BASE + "spc-lower-limit"
EXT_UPPER = BASE + "spc-upper-limit"
EXT_PHASE = BASE + "spc-phase"
EXT_TARGET = BASE + "spc-target"
EXT_VARIATION = BASE + "spc-variation-icon"
EXT_ASSURANCE = BASE + "spc-assurance-icon"
EXT_FREQUENCY = BASE + "measure-frequency"
EXT_MULTIPLIER = BASE + "measure-multiplier"
EXT_AMOUNT = BASE + "population-amount"
EXTENSIONS = (
    EXT_CHART, EXT_POINT_TYPE, EXT_RULE, EXT_CENTRE, EXT_LOWER, EXT_UPPER, EXT_PHASE, EXT_TARGET,
    EXT_VARIATION, EXT_ASSURANCE, EXT_FREQUENCY, EXT_MULTIPLIER, EXT_AMOUNT,
)  # fmt: skip


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding]}


def _instant(moment: dt.datetime) -> str:
    return timezone.localtime(moment, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def scoring(definition: MeasureDefinition) -> str:
    """A numerator over a denominator is a proportion when it cannot exceed it (p charts), else a
    ratio; one value per period is a continuous variable."""
    if definition.data_shape == DataShape.RATIO:
        return "proportion" if definition.chart_type in PROPORTION_CHARTS else "ratio"
    return "continuous-variable"


def _computable_name(code: str) -> str:
    # FHIR asks for a name usable by machines: a letter first, then letters, digits and "_".
    name = re.sub(r"[^A-Za-z0-9_]", "_", code)
    return name if name[:1].isalpha() and name[:1].isupper() else f"M_{name}"


def measure_url(base_url: str, definition_id: int) -> str:
    return f"{base_url}Measure/{definition_id}"


def measure_resource(definition: MeasureDefinition, base_url: str) -> dict[str, Any]:
    ratio = definition.data_shape == DataShape.RATIO
    extensions: list[dict[str, Any]] = [
        {"url": EXT_FREQUENCY, "valueCode": definition.frequency},
        {"url": EXT_CHART, "valueCode": definition.chart_type},
    ]
    if ratio:
        extensions.append({"url": EXT_MULTIPLIER, "valueDecimal": definition.multiplier})
    resource: dict[str, Any] = {
        "resourceType": "Measure",
        "id": str(definition.pk),
        "extension": extensions,
        "url": measure_url(base_url, definition.pk),
        "identifier": [{"system": MEASURE_CODE_SYSTEM, "value": definition.code}],
        "name": _computable_name(definition.code),
        "title": definition.name,
        "status": "retired" if definition.archived_at else "active",
        "date": _instant(definition.created_at),
        "publisher": definition.organisation.name,
        "description": definition.definition or definition.name,
        "topic": [{"text": definition.quality_domain.label}],
        "scoring": _coding(SCORING, scoring(definition)),
        "type": [_measure_type(definition.measure_type)],
        "group": [_measure_group(definition, ratio)],
    }
    if definition.direction != ImprovementDirection.NEITHER:
        resource["improvementNotation"] = _coding(IMPROVEMENT, definition.direction)
    return resource


def _measure_type(kind: str) -> dict[str, Any]:
    label = MeasureType(kind).label
    if kind == MeasureType.BALANCING:  # no code for it in FHIR's measure-type code system
        return {"text": label}
    return _coding(MEASURE_TYPE, kind, label) | {"text": label}


def _measure_group(definition: MeasureDefinition, ratio: bool) -> dict[str, Any]:
    group: dict[str, Any] = {"description": definition.unit_of_measurement}
    if ratio:
        group["population"] = [
            {
                "code": _coding(POPULATION, code),
                "description": f"The {code} of each period, as sent to OpenQMS",
                "criteria": {"language": "text/plain", "expression": f"{code} of {definition.code}"},
            }
            for code in ("numerator", "denominator")
        ]
    return group


def period_end(frequency: str, start: dt.date) -> dt.date:
    if frequency == Frequency.MONTHLY:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if frequency == Frequency.WEEKLY:
        return start + dt.timedelta(days=6)
    return start


def report_id(measure_id: int, period: dt.date) -> str:
    return f"{measure_id}-{period.isoformat()}"


def unit_reference(unit: Unit) -> dict[str, Any]:
    return {
        "reference": f"Organization/{unit.pk}",
        "identifier": {"system": UNIT_CODE_SYSTEM, "value": unit.code},
        "display": unit.name,
    }


def organization_resource(unit: Unit) -> dict[str, Any]:
    """A unit as an Organization: its parent by id only, as /api/v1/units/{id} gives it."""
    resource: dict[str, Any] = {
        "resourceType": "Organization",
        "id": str(unit.pk),
        "identifier": [{"system": UNIT_CODE_SYSTEM, "value": unit.code}],
        "active": unit.archived_at is None,
        "type": [{"text": unit.get_kind_display()}],
        "name": unit.name,
    }
    if unit.parent_id is not None:
        resource["partOf"] = {"reference": f"Organization/{unit.parent_id}"}
    return resource


class SpcPoints:
    """A measure's stored SPC result, by period: read once for all of its reports on a page."""

    def __init__(self, snapshot: SpcSnapshot | None) -> None:
        self.snapshot = snapshot
        result = snapshot.result if snapshot is not None else {}
        self.chart: str | None = result.get("chart")
        self.by_period: dict[str, dict[str, Any]] = {
            str(p["x"]): p for p in result.get("points", ()) if isinstance(p.get("x"), str)
        }

    def extensions(self, period: dt.date) -> list[dict[str, Any]]:
        point = self.by_period.get(period.isoformat())
        if point is None or self.chart is None:
            return []
        out: list[dict[str, Any]] = [
            {"url": EXT_CHART, "valueCode": self.chart},
            {"url": EXT_POINT_TYPE, "valueCode": point["point_type"]},
        ]
        out.extend({"url": EXT_RULE, "valueCode": rule} for rule in point.get("rules", ()))
        for url, key in ((EXT_CENTRE, "centre"), (EXT_LOWER, "lower"), (EXT_UPPER, "upper")):
            if point.get(key) is not None:
                out.append({"url": url, "valueDecimal": point[key]})
        out.append({"url": EXT_PHASE, "valueInteger": int(point.get("phase", 0))})
        if point.get("target") is not None:
            out.append({"url": EXT_TARGET, "valueDecimal": point["target"]})
        # The icons describe the chart as of its latest point (Making Data Count), so only the
        # latest period's report carries them.
        snapshot = self.snapshot
        if snapshot is not None and snapshot.last_period == period:
            if snapshot.variation_icon:
                out.append({"url": EXT_VARIATION, "valueCode": snapshot.variation_icon})
            if snapshot.assurance_icon:
                out.append({"url": EXT_ASSURANCE, "valueCode": snapshot.assurance_icon})
        return out

    def value(self, period: dt.date) -> float | None:
        point = self.by_period.get(period.isoformat())
        return None if point is None else point.get("value")


def _population(code: str, amount: float | None) -> dict[str, Any]:
    population: dict[str, Any] = {"code": _coding(POPULATION, code)}
    if amount is None:
        return population
    if float(amount).is_integer():
        population["count"] = int(amount)
    else:  # FHIR's count is an integer; bed days and hours need not be
        population["extension"] = [{"url": EXT_AMOUNT, "valueDecimal": amount}]
    return population


def score_of(definition: MeasureDefinition, observation: Observation) -> float | None:
    """The value plotted for the period: the value, or numerator / denominator × multiplier."""
    if definition.data_shape != DataShape.RATIO:
        return observation.value
    if observation.numerator is None or not observation.denominator:
        return None
    return observation.numerator / observation.denominator * definition.multiplier


def report_resource(
    observation: Observation, measure: Measure, spc: SpcPoints, base_url: str
) -> dict[str, Any]:
    definition = measure.definition
    period = observation.period_start
    group: dict[str, Any] = {}
    extensions = spc.extensions(period)
    if extensions:
        group["extension"] = extensions
    if definition.data_shape == DataShape.RATIO:
        group["population"] = [
            _population("numerator", observation.numerator),
            _population("denominator", observation.denominator),
        ]
    score = spc.value(period)
    if score is None:
        score = score_of(definition, observation)
    if score is not None:
        group["measureScore"] = {"value": score, "unit": definition.unit_of_measurement}
    resource: dict[str, Any] = {
        "resourceType": "MeasureReport",
        "id": report_id(measure.pk, period),
        "meta": {"lastUpdated": _instant(observation.updated_at)},
        "status": "complete",
        "type": "summary",
        "measure": measure_url(base_url, definition.pk),
        "date": _instant(observation.updated_at),
        "reporter": unit_reference(measure.unit),
        "period": {"start": period.isoformat(), "end": period_end(definition.frequency, period).isoformat()},
        "group": [group],
    }
    if definition.direction != ImprovementDirection.NEITHER:
        resource["improvementNotation"] = _coding(IMPROVEMENT, definition.direction)
    return resource


def searchset(
    entries: Sequence[dict[str, Any]], base_url: str, self_url: str, next_url: str | None, total: int | None
) -> dict[str, Any]:
    links = [{"relation": "self", "url": self_url}]
    if next_url:
        links.append({"relation": "next", "url": next_url})
    bundle: dict[str, Any] = {"resourceType": "Bundle", "type": "searchset", "link": links}
    if total is not None:
        bundle["total"] = total
    bundle["entry"] = [
        {
            "fullUrl": f"{base_url}{e['resourceType']}/{e['id']}",
            "resource": e,
            "search": {"mode": "match"},
        }
        for e in entries
    ]
    return bundle


def capability_statement(base_url: str) -> dict[str, Any]:
    def param(name: str, kind: str, documentation: str) -> dict[str, Any]:
        return {"name": name, "type": kind, "documentation": documentation}

    paging = [
        param("_count", "number", "Entries per page: 1 to 500, 100 by default"),
        param("_cursor", "string", "Opaque: follow the Bundle's next link rather than building one"),
    ]
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": dt.date.today().isoformat(),
        "publisher": "OpenQMS",
        "kind": "instance",
        "software": {"name": "OpenQMS"},
        "implementation": {"description": "OpenQMS quality measures", "url": base_url},
        "fhirVersion": FHIR_VERSION,
        "format": [MEDIA_TYPE, "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Measure definitions and their data per unit and period; see docs/fhir.md",
                "security": {
                    "description": "Authorization: Bearer oqt_… (an OpenQMS API token), or a signed-in "
                    "session with its CSRF token for writes. What is out of the caller's scope "
                    "answers 404."
                },
                "resource": [
                    {
                        "type": "Measure",
                        "interaction": [{"code": "read"}, {"code": "search-type"}],
                        "searchParam": paging,
                    },
                    {"type": "Organization", "interaction": [{"code": "read"}]},
                    {
                        "type": "MeasureReport",
                        "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "create"}],
                        "searchParam": [
                            param("measure", "reference", "The Measure: Measure/{id} or its url"),
                            param("reporter", "reference", "The unit: Organization/{id}"),
                            param(
                                "period", "date", "Compared with the period's first day (eq, ge, gt, le, lt)"
                            ),
                            *paging,
                        ],
                    },
                ],
                "interaction": [{"code": "transaction"}, {"code": "batch"}],
            }
        ],
    }
