"""FHIR reads: each answer parsed with fhir.resources' R4B models, scoped as the pages are."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.measure import Measure
from fhir.resources.R4B.measurereport import MeasureReport
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.organization import Organization

from openqms.api.fhir import presenters as p
from tests.api.helpers import auth, token_for
from tests.control import pages_helpers as h

FHIR = "application/fhir+json"


def _get(client, url, secret, **params):
    response = client.get(url, params, **auth(secret))
    assert response["Content-Type"] == FHIR
    return response


def _ext(element, url):
    return [e for e in (element.extension or []) if e.url == url]


def _value(extension):
    return next(v for k, v in extension.model_dump().items() if k.startswith("value"))


def test_the_capability_statement_is_public_and_says_r4(client):
    response = client.get("/api/fhir/metadata")
    assert response.status_code == 200
    assert response["Content-Type"] == FHIR
    assert response["Cache-Control"] == "no-store"
    statement = CapabilityStatement.model_validate_json(response.content)
    assert statement.fhirVersion == "4.0.1"
    kinds = {r.type: {i.code for i in r.interaction} for r in statement.rest[0].resource}
    assert kinds == {
        "Measure": {"read", "search-type"},
        "MeasureReport": {"read", "search-type", "create"},
        "Organization": {"read"},
    }


def test_a_ratio_definition_is_a_measure_with_numerator_and_denominator(client, trust):
    m = h.measure(trust.ward_a, data_shape="ratio", chart_type="p", multiplier=100, direction="increase")
    response = _get(client, f"/api/fhir/Measure/{m.definition_id}", token_for(trust, "mo_member"))
    assert response.status_code == 200
    measure = Measure.model_validate_json(response.content)
    assert measure.url == f"http://testserver/api/fhir/Measure/{m.definition_id}"
    assert measure.title == "Falls"
    assert measure.identifier[0].value == m.definition.code
    assert measure.scoring.coding[0].code == "proportion"
    assert measure.improvementNotation.coding[0].code == "increase"
    populations = [pop.code.coding[0].code for pop in measure.group[0].population]
    assert populations == ["numerator", "denominator"]
    assert _value(_ext(measure, p.EXT_MULTIPLIER)[0]) == 100


def test_a_value_definition_is_a_continuous_variable_and_neither_direction_has_no_notation(client, trust):
    m = h.measure(trust.ward_a, direction="neither")
    measure = Measure.model_validate_json(
        _get(client, f"/api/fhir/Measure/{m.definition_id}", token_for(trust, "mo_member")).content
    )
    assert measure.scoring.coding[0].code == "continuous-variable"
    assert measure.improvementNotation is None
    assert measure.group[0].population is None


def test_measure_search_pages_with_next_links_until_the_last_page(client, trust):
    ids = {h.measure(trust.ward_a).definition_id for _ in range(3)}
    secret = token_for(trust, "mo_member")
    seen, url, pages = set(), "/api/fhir/Measure?_count=2", 0
    while url:
        bundle = Bundle.model_validate_json(_get(client, url, secret).content)
        assert bundle.type == "searchset"
        assert bundle.total == 3
        seen |= {int(e.resource.id) for e in bundle.entry}
        following = [link.url for link in bundle.link if link.relation == "next"]
        url = following[0].removeprefix("http://testserver") if following else None
        pages += 1
    assert seen == ids
    assert pages == 2


def test_a_report_per_period_carries_its_counts_score_and_spc_point(client, trust):
    m = h.measure(trust.ward_a, data_shape="ratio", chart_type="p", multiplier=100, direction="increase")
    h.monthly_ratios(m, [(45, 50)] * 14 + [(10, 50)])  # the last month well below the limits
    secret = token_for(trust, "mo_member")
    response = _get(client, f"/api/fhir/MeasureReport/{m.pk}-2024-03-01", secret)
    assert response.status_code == 200
    report = MeasureReport.model_validate_json(response.content)
    assert (report.status, report.type) == ("complete", "summary")
    assert report.measure == f"http://testserver/api/fhir/Measure/{m.definition_id}"
    assert report.reporter.reference == f"Organization/{trust.ward_a.pk}"
    assert (str(report.period.start), str(report.period.end)) == ("2024-03-01", "2024-03-31")
    group = report.group[0]
    assert [(pop.code.coding[0].code, pop.count) for pop in group.population] == [
        ("numerator", 10),
        ("denominator", 50),
    ]
    assert float(group.measureScore.value) == 20.0  # 10 / 50 per 100
    assert _value(_ext(group, p.EXT_POINT_TYPE)[0]) == "special_cause_concern"
    assert "outside_limits" in [_value(e) for e in _ext(group, p.EXT_RULE)]
    lower, upper = _value(_ext(group, p.EXT_LOWER)[0]), _value(_ext(group, p.EXT_UPPER)[0])
    assert 20.0 < lower < upper
    # The latest period carries the chart's icons; an earlier one does not.
    assert _value(_ext(group, p.EXT_VARIATION)[0]) == "concern_low"
    earlier = MeasureReport.model_validate_json(
        _get(client, f"/api/fhir/MeasureReport/{m.pk}-2023-01-01", secret).content
    )
    assert _value(_ext(earlier.group[0], p.EXT_POINT_TYPE)[0]) != "special_cause_concern"
    assert not _ext(earlier.group[0], p.EXT_VARIATION)


def test_report_search_filters_by_measure_reporter_and_period(client, trust):
    a, b = h.measure(trust.ward_a), h.measure(trust.ward_a)
    h.monthly_values(a, h.RISING)
    h.monthly_values(b, h.STEADY)
    secret = token_for(trust, "mo_member")
    bundle = Bundle.model_validate_json(
        _get(
            client,
            "/api/fhir/MeasureReport",
            secret,
            measure=f"Measure/{a.definition_id}",
            reporter=f"Organization/{trust.ward_a.pk}",
            period=["ge2023-06-01", "lt2023-09-01"],
        ).content
    )
    assert bundle.total == 3
    assert [e.resource.id for e in bundle.entry] == [f"{a.pk}-2023-0{n}-01" for n in (6, 7, 8)]
    everything = Bundle.model_validate_json(_get(client, "/api/fhir/MeasureReport", secret).content)
    assert everything.total == len(h.RISING) + len(h.STEADY)


def test_reports_page_in_measure_and_period_order_without_repeats(client, trust):
    m = h.measure(trust.ward_a)
    h.monthly_values(m, h.STEADY)
    secret = token_for(trust, "mo_member")
    ids, url = [], "/api/fhir/MeasureReport?_count=5"
    while url:
        bundle = Bundle.model_validate_json(_get(client, url, secret).content)
        ids += [e.resource.id for e in bundle.entry]
        following = [link.url for link in bundle.link if link.relation == "next"]
        url = following[0].removeprefix("http://testserver") if following else None
    assert ids == [f"{m.pk}-{d.isoformat()}" for d in h.months(len(h.STEADY))]


def test_out_of_scope_answers_404_for_each_persona(client, trust):
    """Ward B's measure: Mo (Ward A) and a token of Dana's on Ward A are refused as if it did not exist;
    Dana on Medicine and Colin on Elderly Care see it."""
    m = h.measure(trust.ward_b)
    h.monthly_values(m, h.STEADY)
    urls = [
        f"/api/fhir/MeasureReport/{m.pk}-2023-01-01",
        f"/api/fhir/MeasureReport?measure={m.definition_id}",
    ]
    for persona, unit, status in [
        ("mo_member", None, 404),
        ("dana_division", trust.ward_a, 404),
        ("dana_division", None, 200),
        ("colin_clinician", None, 200),
    ]:
        secret = token_for(trust, persona, unit=unit)
        response = _get(client, urls[0], secret)
        assert response.status_code == status, (persona, unit)
        if status == 404:
            assert OperationOutcome.model_validate_json(response.content).issue[0].code == "not-found"
        search = Bundle.model_validate_json(_get(client, urls[1], secret).content)
        assert (search.total or 0) == (14 if status == 200 else 0), (persona, unit)


def test_bad_search_parameters_name_the_parameter(client, trust):
    secret = token_for(trust, "mo_member")
    for params, expression in [
        ({"_count": "0"}, "_count"),
        ({"_count": "²"}, "_count"),
        ({"_cursor": "nonsense"}, "_cursor"),
        ({"period": "2024-02-30"}, "period"),
        ({"measure": "Patient/3"}, "measure"),
    ]:
        response = _get(client, "/api/fhir/MeasureReport", secret, **params)
        assert response.status_code == 400, params
        issue = OperationOutcome.model_validate_json(response.content).issue[0]
        assert issue.expression == [expression]


def test_anonymous_callers_get_an_operation_outcome_401(client, trust):
    response = client.get("/api/fhir/Measure")
    assert response.status_code == 401
    assert OperationOutcome.model_validate_json(response.content).issue[0].code == "login"


def test_ids_that_cannot_exist_answer_404_not_an_error(client, trust):
    secret = token_for(trust, "mo_member")
    for url in [
        "/api/fhir/Measure/abc",
        "/api/fhir/Measure/999999999999999999",
        "/api/fhir/MeasureReport/1-2024-13-01",
        "/api/fhir/MeasureReport/999999999999999999-2024-01-01",
        "/api/fhir/MeasureReport/nonsense",
        "/api/fhir/Measure/²",  # a digit to str.isdigit(), not to int()
        "/api/fhir/Organization/٣",
    ]:
        response = _get(client, url, secret)
        assert response.status_code == 404, url
        OperationOutcome.model_validate_json(response.content)
    # "f1:" and 25 nines: no id is that long, so it is no cursor of this server's.
    cursor = _get(client, "/api/fhir/Measure", secret, _cursor="ZjE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ")
    assert cursor.status_code == 400


def test_a_reports_reporter_resolves_to_its_unit_as_an_organization(client, trust):
    secret = token_for(trust, "mo_member")
    response = _get(client, f"/api/fhir/Organization/{trust.ward_a.pk}", secret)
    assert response.status_code == 200
    unit = Organization.model_validate_json(response.content)
    assert (unit.name, unit.identifier[0].value) == ("Ward A", "WA")
    assert unit.partOf.reference == f"Organization/{trust.elderly_care.pk}"
    assert _get(client, f"/api/fhir/Organization/{trust.other_team.pk}", secret).status_code == 404
