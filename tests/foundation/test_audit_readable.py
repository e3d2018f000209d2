"""The audit trail in people's words: objects the page holds already are named without a query."""

from __future__ import annotations

import pytest

from openqms.audit.presenters import readable
from openqms.audit.selectors import history_of
from tests.control import factories

pytestmark = pytest.mark.django_db


def _named(rows):
    # The measure's creation is its oldest entry: the one that names its definition and unit.
    return {change.label: change.after for change in rows[-1][1]}


def test_the_history_looks_up_the_definition_and_unit_it_names(trust, django_assert_num_queries):
    m = factories.measure(trust.ward_a, name="Falls")
    entries = list(history_of(m))
    with django_assert_num_queries(2):  # one query for each kind of thing named
        rows = readable(entries)
    assert _named(rows)["Definition"] == "Falls"
    assert _named(rows)["Unit"] == "Ward A"


def test_objects_the_page_holds_are_named_as_they_are_without_a_query(trust, django_assert_num_queries):
    m = factories.measure(trust.ward_a, name="Falls")
    entries = list(history_of(m))
    definition, unit = m.definition, m.unit
    with django_assert_num_queries(0):
        rows = readable(entries, known=[definition, unit])
    assert _named(rows)["Definition"] == "Falls"
    assert _named(rows)["Unit"] == "Ward A"


def test_only_the_ids_the_page_does_not_hold_are_looked_up(trust, django_assert_num_queries):
    m = factories.measure(trust.ward_a, name="Falls")
    entries = list(history_of(m))
    unit = m.unit
    with django_assert_num_queries(1):  # the definition
        rows = readable(entries, known=[unit, trust.ward_b])
    assert _named(rows)["Definition"] == "Falls"
    assert _named(rows)["Unit"] == "Ward A"
