"""Writes to the measure library: what the definition services accept."""

from __future__ import annotations

import pytest

from openqms.audit.selectors import history_of
from openqms.control.services.measures import create_definition, update_definition
from tests.control.factories import definition


def test_an_update_changes_the_fields_given_and_keeps_the_rest(trust):
    falls = definition(trust.ward_a, name="Falls", data_source="Datix")
    update_definition(actor=None, measure_definition=falls, definition="Every fall, with or without harm.")
    falls.refresh_from_db()
    assert falls.definition == "Every fall, with or without harm."
    assert (falls.name, falls.data_source) == ("Falls", "Datix")
    assert history_of(falls).first().changes == {
        "definition": ["Inpatient falls, with or without harm.", "Every fall, with or without harm."]
    }


def test_a_field_the_services_do_not_take_is_a_type_error(trust):
    falls = definition(trust.ward_a)
    with pytest.raises(TypeError, match="code"):
        update_definition(actor=None, measure_definition=falls, code="NEW")
    with pytest.raises(TypeError, match="nmae"):
        create_definition(
            actor=None, owner_unit=trust.ward_a, code="F2", nmae="Falls", definition="Falls.",
            unit_of_measurement="falls", measure_type="outcome", quality_domain="safe",
            direction="decrease", frequency="monthly",
        )  # fmt: skip
