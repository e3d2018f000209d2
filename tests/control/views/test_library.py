"""The measure library: listing and filters in scope, creating and editing definitions, reporting them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openqms.control.models import Measure, MeasureDefinition
from tests.control import pages_helpers as h

GOOD = {
    "code": "pu-1",
    "owner_unit": "",
    "name": "Pressure ulcers",
    "definition": "New category 2+ pressure ulcers acquired on the ward.",
    "unit_of_measurement": "ulcers per 1,000 bed days",
    "measure_type": "outcome",
    "quality_domain": "safe",
    "direction": "decrease",
    "frequency": "monthly",
    "chart_type": "u",
    "data_shape": "ratio",
    "multiplier": "1000",
    "rollup": "ratio",
    "default_target": "",
    "data_source": "Datix",
}


def test_the_library_lists_what_the_person_may_see_and_filters_it(signed_in, trust):
    h.definition(trust.ward_a, name="Ward A falls", quality_domain="safe")
    h.definition(trust.ward_a, name="Ward A waits", quality_domain="timely", measure_type="process")
    h.definition(trust.ward_b, name="Ward B secret")
    h.definition(trust.board, name="Trust standard")
    client = signed_in("mo_member")
    html = client.get(reverse("control:library")).content.decode()
    assert "Ward A falls" in html
    assert "Trust standard" in html
    assert "Ward B secret" not in html
    html = client.get(reverse("control:library"), {"domain": "timely"}).content.decode()
    assert "Ward A waits" in html
    assert "Ward A falls" not in html
    html = client.get(reverse("control:library"), {"type": "process", "q": "waits"}).content.decode()
    assert "Ward A waits" in html
    assert "Trust standard" not in html
    html = client.get(reverse("control:library"), {"q": "nothing like it"}).content.decode()
    assert "No measure matches" in html


def test_administrators_and_service_users_see_no_unshared_definitions(signed_in, trust):
    h.definition(trust.ward_a, name="Private falls")
    h.definition(trust.ward_a, name="Shared falls", shared_with_service_users=True)
    assert "Private falls" not in signed_in("ada_admin").get(reverse("control:library")).content.decode()
    html = signed_in("sue_service_user").get(reverse("control:library")).content.decode()
    assert "Shared falls" in html
    assert "Private falls" not in html


def test_a_leader_adds_a_definition_to_the_library(signed_in, trust):
    response = signed_in("tess_team_leader").post(
        reverse("control:definition-new"), {**GOOD, "owner_unit": trust.ward_a.pk}
    )
    assert response.status_code == 302
    created = MeasureDefinition.objects.get(code="PU-1")
    assert (created.owner_unit, created.multiplier, created.rollup) == (trust.ward_a, 1000, "ratio")


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"name": ""}, "Enter the name of the measure"),
        ({"code": ""}, "Enter a short code for the measure"),
        ({"code": "no spaces please"}, "Code must use only letters, numbers"),
        ({"definition": ""}, "Say exactly what is counted"),
        ({"unit_of_measurement": ""}, "Enter the unit of measurement"),
        ({"measure_type": ""}, "Choose the type of measure"),
        ({"quality_domain": "kind"}, "Choose a quality domain from the list"),
        ({"direction": ""}, "Choose whether higher or lower is better"),
        ({"frequency": "hourly"}, "Choose a frequency from the list"),
        ({"multiplier": "0"}, "Multiplier must be more than 0"),
        ({"multiplier": "lots"}, "Multiplier must be a number"),
        ({"default_target": "ten"}, "Default target must be a number"),
        ({"data_shape": "value", "rollup": "none", "multiplier": ""}, "A p or u chart needs a numerator"),
        ({"chart_type": "xmr", "data_shape": "value", "multiplier": ""}, "Only a measure with numerators"),
        ({"rollup": "sum"}, "Rates do not add up"),
        ({"chart_type": "xmr", "data_shape": "value", "rollup": "sum", "multiplier": "9"}, "A multiplier"),
        ({"owner_unit": "WARD_B"}, "Choose a unit you lead"),
        ({"name": "x" * 201}, "Name must be 200 characters or fewer"),
    ],
)  # fmt: skip
def test_the_definition_form_says_exactly_what_is_wrong(signed_in, trust, changes, field_message):
    data = {**GOOD, "owner_unit": trust.ward_a.pk, **changes}
    if data["owner_unit"] == "WARD_B":
        data["owner_unit"] = trust.ward_b.pk
    response = signed_in("tess_team_leader").post(reverse("control:definition-new"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert field_message in html
    assert "There is a problem" in html
    assert not MeasureDefinition.objects.filter(code="PU-1").exists()


def test_a_code_already_taken_in_the_organisation_is_refused(signed_in, trust):
    h.definition(trust.board, code="PU-1")
    response = signed_in("tess_team_leader").post(
        reverse("control:definition-new"), {**GOOD, "owner_unit": trust.ward_a.pk}
    )
    assert "already has the code PU-1" in response.content.decode()


def test_a_leader_edits_a_definition_and_a_team_member_may_not(signed_in, trust):
    definition = h.definition(trust.ward_a, name="Falls")
    url = reverse("control:definition-edit", args=[definition.pk])
    assert signed_in("mo_member").get(url).status_code == 404
    data = {k: v for k, v in GOOD.items() if k not in ("code", "owner_unit")} | {"name": "Falls with harm"}
    assert signed_in("tess_team_leader").post(url, data).status_code == 302
    definition.refresh_from_db()
    assert definition.name == "Falls with harm"


def test_a_leader_adds_the_definition_to_a_unit_they_lead(signed_in, trust):
    definition = h.definition(trust.board, name="Trust falls")
    client = signed_in("tess_team_leader")
    url = reverse("control:definition-report", args=[definition.pk])
    assert "Ward B" not in client.get(url).content.decode()
    assert client.post(url, {"unit": trust.ward_b.pk}).status_code == 200  # not a unit she leads
    assert client.post(url, {"unit": ""}).status_code == 200
    response = client.post(url, {"unit": trust.ward_a.pk})
    measure = Measure.objects.get(definition=definition, unit=trust.ward_a)
    assert response.url == reverse("control:measure", args=[measure.pk])


def test_the_definition_page_lists_the_units_reporting_it_within_scope(signed_in, trust):
    definition = h.definition(trust.board, name="Trust falls")
    h.measure(trust.ward_a, definition)
    h.measure(trust.ward_b, definition)
    html = signed_in("mo_member").get(reverse("control:definition", args=[definition.pk])).content.decode()
    assert "Ward A" in html
    assert "Ward B" not in html
