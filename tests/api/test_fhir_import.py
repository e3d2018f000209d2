"""MeasureReports in: saved as observations through control's import, all or nothing, idempotent."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.measurereport import MeasureReport
from fhir.resources.R4B.operationoutcome import OperationOutcome

from openqms.audit.models import AuditEntry
from openqms.control.models import Observation
from tests.api.helpers import auth, token_for
from tests.control import pages_helpers as h

FHIR = "application/fhir+json"
NUMERATOR = "http://terminology.hl7.org/CodeSystem/measure-population"
# A token's use is audited too: these are the measure data's own entries.
DATA_AUDIT = AuditEntry.objects.filter(object_type="control.measure")


def _report(m, month, value=None, numerator=None, denominator=None):
    group = {}
    if value is not None:
        group["measureScore"] = {"value": value}
    if numerator is not None:
        group["population"] = [
            {"code": {"coding": [{"system": NUMERATOR, "code": "numerator"}]}, "count": numerator},
            {"code": {"coding": [{"system": NUMERATOR, "code": "denominator"}]}, "count": denominator},
        ]
    return {
        "resourceType": "MeasureReport",
        "status": "complete",
        "type": "summary",
        "measure": f"http://testserver/api/fhir/Measure/{m.definition_id}",
        "reporter": {"reference": f"Organization/{m.unit_id}"},
        "period": {"start": f"2024-{month:02d}-01", "end": f"2024-{month:02d}-28"},
        "group": [group],
    }


def _bundle(reports, kind="transaction"):
    return {
        "resourceType": "Bundle",
        "type": kind,
        "entry": [{"resource": r, "request": {"method": "POST", "url": "MeasureReport"}} for r in reports],
    }


def _post(client, url, body, secret):
    response = client.post(url, body, content_type=FHIR, **auth(secret))
    assert response["Content-Type"] == FHIR
    return response


def _issues(response):
    return [
        (i.expression[0] if i.expression else None, i.diagnostics)
        for i in OperationOutcome.model_validate_json(response.content).issue
    ]


def test_a_transaction_bundle_is_saved_audited_and_charted(client, trust):
    values = h.measure(trust.ward_a)
    ratios = h.measure(trust.ward_a, data_shape="ratio", chart_type="p", multiplier=100)
    reports = [_report(values, n, value=n) for n in (1, 2, 3)] + [
        _report(ratios, 1, numerator=4, denominator=5)
    ]
    response = _post(client, "/api/fhir/", _bundle(reports), token_for(trust, "mo_member"))
    assert response.status_code == 200, response.content
    answer = Bundle.model_validate_json(response.content)
    assert answer.type == "transaction-response"
    assert [e.response.status for e in answer.entry] == ["201 Created"] * 4
    assert answer.entry[3].response.location == f"MeasureReport/{ratios.pk}-2024-01-01"
    assert list(Observation.objects.filter(measure=values).values_list("value", flat=True)) == [1, 2, 3]
    saved = Observation.objects.get(measure=ratios)
    assert (saved.numerator, saved.denominator, saved.value) == (4, 5, None)
    entries = AuditEntry.objects.filter(object_type="control.measure", action="import")
    assert entries.count() == 2
    assert all(e.changes["source"] == [None, "FHIR"] and "via" in e.changes for e in entries)
    values.refresh_from_db()
    assert values.snapshot.n_points == 3


def test_a_report_read_from_the_server_can_be_sent_back_unchanged(client, trust):
    m = h.measure(trust.ward_a, data_shape="ratio", chart_type="p", multiplier=100)
    h.monthly_ratios(m, [(40, 50), (45, 50), (42, 50)])
    secret = token_for(trust, "mo_member")
    read = client.get(f"/api/fhir/MeasureReport/{m.pk}-2023-02-01", **auth(secret)).json()
    before = DATA_AUDIT.count()
    response = _post(client, "/api/fhir/", _bundle([read], "collection"), secret)
    assert response.status_code == 200, response.content
    assert Bundle.model_validate_json(response.content).entry[0].response.status == "200 OK"
    assert DATA_AUDIT.count() == before


def test_a_bad_entry_is_named_by_index_and_element_and_nothing_is_written(client, trust):
    m = h.measure(trust.ward_a)
    ward_b = h.measure(trust.ward_b)
    reports = [_report(m, n, value=n) for n in range(1, 7)]
    reports[1]["period"]["start"] = "2024-02-15"  # not the first of the month: control's check
    reports[2]["group"][0]["population"] = [
        {"code": {"coding": [{"code": "numerator"}]}, "count": 3},
        {"code": {"coding": [{"code": "denominator"}]}, "count": 4},
    ]  # a one-value measure given populations: control's check
    reports[3]["reporter"] = {"reference": f"Organization/{ward_b.unit_id}"}  # out of scope: unknown
    reports[4]["group"][0]["measureScore"]["value"] = "lots"  # not a decimal: the FHIR model
    reports[5]["status"] = "pending"
    before = (Observation.objects.count(), DATA_AUDIT.count())
    response = _post(client, "/api/fhir/", _bundle(reports), token_for(trust, "mo_member"))
    assert response.status_code == 422
    # The FHIR model's problems come first: nothing is looked up while the shape is wrong.
    assert _issues(response) == [
        (
            "Bundle.entry[4].resource.group[0].measureScore.value",
            "Value error, Decimal value string does not match spec regex.",
        )
    ]
    reports[4]["group"][0]["measureScore"]["value"] = 5
    response = _post(client, "/api/fhir/", _bundle(reports), token_for(trust, "mo_member"))
    assert response.status_code == 422
    where = [e for e, _ in _issues(response)]
    assert where == [
        "Bundle.entry[1].resource.period.start",
        "Bundle.entry[2].resource.group[0].population[0].count",
        "Bundle.entry[2].resource.group[0].population[1].count",
        "Bundle.entry[3].resource.reporter",
        "Bundle.entry[5].resource.status",
    ]
    assert "first day of the month" in _issues(response)[0][1] or "1st" in _issues(response)[0][1]
    assert (Observation.objects.count(), DATA_AUDIT.count()) == before


def test_a_problem_in_any_entry_undoes_the_others_even_across_organisations(client, trust):
    """A person who adds data in both organisations, signed in (a token reaches one unit's sub-tree)."""
    import datetime as dt

    from openqms.access import services as access

    person = h.person_on(trust.ward_a, "team_member")
    access.grant_role(
        actor=None, person=person, unit=trust.other_team, role="team_member", starts_on=dt.date(2024, 1, 1)
    )
    client.force_login(person)
    mine, theirs = h.measure(trust.ward_a), h.measure(trust.other_team)
    bad = _report(theirs, 2, value=2)
    bad["period"]["start"] = "2024-02-02"
    response = client.post(
        "/api/fhir/",
        _bundle([_report(mine, 1, value=1), _report(theirs, 1, value=2), bad]),
        content_type=FHIR,
    )
    assert response.status_code == 422
    assert [e for e, _ in _issues(response)] == ["Bundle.entry[2].resource.period.start"]
    assert not Observation.objects.exists()
    response = client.post(
        "/api/fhir/", _bundle([_report(mine, 1, value=1), _report(theirs, 1, value=2)]), content_type=FHIR
    )
    assert response.status_code == 200, response.content
    assert sorted(Observation.objects.values_list("value", flat=True)) == [1, 2]


def test_measures_and_units_out_of_scope_read_as_unknown(client, trust):
    mine, theirs = h.measure(trust.ward_a), h.measure(trust.other_team)
    response = _post(
        client,
        "/api/fhir/",
        _bundle([_report(mine, 1, value=1), _report(theirs, 1, value=2)]),
        token_for(trust, "ada_admin"),  # administrators see units, not quality data
    )
    assert response.status_code == 422
    assert [e for e, _ in _issues(response)] == [
        "Bundle.entry[0].resource.measure",
        "Bundle.entry[1].resource.measure",
        "Bundle.entry[1].resource.reporter",
    ]
    assert not Observation.objects.exists()


def test_re_importing_the_same_bundle_adds_nothing(client, trust):
    m = h.measure(trust.ward_a)
    body = _bundle([_report(m, n, value=n) for n in (1, 2)], "batch")
    secret = token_for(trust, "mo_member")
    assert _post(client, "/api/fhir/", body, secret).status_code == 200
    counts = (Observation.objects.count(), DATA_AUDIT.count())
    again = _post(client, "/api/fhir/", body, secret)
    assert again.status_code == 200
    answer = Bundle.model_validate_json(again.content)
    assert answer.type == "batch-response"
    assert [e.response.status for e in answer.entry] == ["200 OK", "200 OK"]
    assert (Observation.objects.count(), DATA_AUDIT.count()) == counts


def test_a_single_report_is_created_then_corrected_in_place(client, trust):
    m = h.measure(trust.ward_a)
    secret = token_for(trust, "mo_member")
    created = _post(client, "/api/fhir/MeasureReport", _report(m, 1, value=3), secret)
    assert created.status_code == 201, created.content
    assert created["Location"] == f"http://testserver/api/fhir/MeasureReport/{m.pk}-2024-01-01"
    assert float(MeasureReport.model_validate_json(created.content).group[0].measureScore.value) == 3
    corrected = _post(client, "/api/fhir/MeasureReport", _report(m, 1, value=4), secret)
    assert corrected.status_code == 200
    assert Observation.objects.get(measure=m).value == 4


def test_a_single_bad_report_names_the_element_from_the_resource(client, trust):
    m = h.measure(trust.ward_a)
    report = _report(m, 1)
    report["group"] = []
    response = _post(client, "/api/fhir/MeasureReport", report, token_for(trust, "mo_member"))
    assert response.status_code == 422
    assert [e for e, _ in _issues(response)] == ["MeasureReport.group"]


def test_what_is_not_a_bundle_of_measure_reports_is_refused_plainly(client, trust):
    m = h.measure(trust.ward_a)
    secret = token_for(trust, "mo_member")
    cases = [
        ({"resourceType": "Patient"}, 400, "Bundle.resourceType"),
        ({"resourceType": "Bundle", "type": "transaction", "entry": []}, 422, "Bundle.entry"),
        (_bundle([{"resourceType": "Patient", "id": "x"}]), 422, "Bundle.entry[0].resource.resourceType"),
        (_bundle([_report(m, 1, value=1)], "document"), 422, "Bundle.type"),
        (_bundle([_report(m, 1, value=1) | {"colour": "red"}]), 422, "Bundle.entry[0].resource.colour"),
        # fhir.resources fails outright (a KeyError) on a contained resource type it does not know.
        (
            _bundle([_report(m, 1, value=1) | {"contained": [{"resourceType": "Nope"}]}]),
            422,
            "Bundle.entry[0].resource",
        ),
    ]
    for body, status, expression in cases:
        response = _post(client, "/api/fhir/", body, secret)
        assert response.status_code == status, body
        assert expression in [e for e, _ in _issues(response)], _issues(response)
    not_json = client.post("/api/fhir/", b"{", content_type=FHIR, **auth(secret))
    assert not_json.status_code == 400
    assert not Observation.objects.exists()


def test_a_token_without_contribute_is_refused_403(client, trust):
    m = h.measure(trust.ward_a)
    from openqms.access import policy

    secret = token_for(trust, "mo_member", permissions=frozenset({policy.Permission.VIEW}))
    response = _post(client, "/api/fhir/", _bundle([_report(m, 1, value=1)]), secret)
    assert response.status_code == 403
    assert OperationOutcome.model_validate_json(response.content).issue[0].code == "forbidden"


def test_a_browser_session_must_send_its_csrf_token_and_plain_text_is_refused(trust):
    from django.test import Client

    m = h.measure(trust.ward_a)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(trust.people["mo_member"])
    response = browser.post("/api/fhir/", _bundle([_report(m, 1, value=1)]), content_type=FHIR)
    assert response.status_code == 403
    assert OperationOutcome.model_validate_json(response.content).issue[0].code == "forbidden"
    secret = token_for(trust, "mo_member")
    text = Client().post("/api/fhir/", "hello", content_type="text/plain", **auth(secret))
    assert text.status_code == 415
    assert not Observation.objects.exists()


def test_a_period_given_twice_names_both_entries(client, trust):
    m = h.measure(trust.ward_a)
    body = _bundle([_report(m, 1, value=1), _report(m, 1, value=2)])
    response = _post(client, "/api/fhir/", body, token_for(trust, "mo_member"))
    assert response.status_code == 422
    ((where, message),) = _issues(response)
    assert where == "Bundle.entry[1].resource.period.start"
    assert message.startswith("Duplicate period: entry 0 already gives")


MALFORMED = [
    [],
    None,
    "a string",
    {"resourceType": "Bundle", "type": "transaction", "entry": "x"},
    {"resourceType": "Bundle", "type": "transaction", "entry": [None]},
    {"resourceType": "Bundle", "type": "transaction", "entry": [{"resource": None}]},
    {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [{"resource": {"resourceType": "MeasureReport"}}],
    },
    {"resourceType": "Bundle", "type": 5, "entry": [{"resource": {"resourceType": "MeasureReport"}}]},
    {
        "resourceType": "Bundle",
        "type": "batch",
        "entry": [{"response": {"status": "200", "outcome": {"resourceType": "X"}}}],
    },
    {"resourceType": "MeasureReport", "contained": [{"resourceType": 3}]},
]


def test_malformed_bodies_answer_4xx_outcomes_never_an_error(client, trust):
    secret = token_for(trust, "mo_member")
    for body in MALFORMED:
        for url in ("/api/fhir/", "/api/fhir/MeasureReport"):
            response = _post(client, url, body, secret)
            assert 400 <= response.status_code < 500, (url, body)
            assert OperationOutcome.model_validate_json(response.content).issue, (url, body)


def test_a_unit_of_another_organisation_is_refused_even_when_its_code_matches_one_of_the_measures(
    client, trust
):
    """Unit codes are unique within an organisation only: Riverside's DN is not Northshire's DN."""
    import datetime as dt

    from openqms.access import services as access
    from openqms.organisations import services as organisations

    northshire_dn = organisations.create_unit(
        actor=None, organisation=trust.org, parent=trust.elderly_care, name="DN ward", kind="ward", code="DN"
    )
    person = h.person_on(northshire_dn, "team_member")
    access.grant_role(
        actor=None, person=person, unit=trust.other_team, role="team_member", starts_on=dt.date(2024, 1, 1)
    )
    client.force_login(person)
    m = h.measure(northshire_dn)
    report = _report(m, 1, value=1) | {"reporter": {"reference": f"Organization/{trust.other_team.pk}"}}
    response = client.post("/api/fhir/MeasureReport", report, content_type=FHIR)
    assert response.status_code == 422
    assert [e for e, _ in _issues(response)] == ["MeasureReport.reporter"]
    assert not Observation.objects.exists()


def test_a_body_over_the_upload_limit_is_refused_413(client, trust, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    m = h.measure(trust.ward_a)
    body = _bundle([_report(m, n, value=n) for n in (1, 2, 3)])
    response = _post(client, "/api/fhir/", body, token_for(trust, "mo_member"))
    assert response.status_code == 413
    assert OperationOutcome.model_validate_json(response.content).issue[0].code == "too-costly"
    assert not Observation.objects.exists()
