"""The entry form a measure's page uses: the same checks and messages as an upload, per field."""

from __future__ import annotations

import datetime as dt

import pytest

from openqms.control.forms.data import EntryForm
from openqms.control.services.data import save_data
from tests.control.import_fixtures import Measures
from tests.control.import_fixtures import measures as measures  # the fixture, by name

pytestmark = pytest.mark.django_db


def form(trust, measure, actor: str = "mo_member", **data: str) -> EntryForm:
    return EntryForm(data, actor=trust.people[actor], measure=measure)


def test_a_valid_entry_gives_the_point_to_save(trust, measures: Measures):
    entry = form(trust, measures.falls_a, period="01/03/2026", value="2.5")
    assert entry.is_valid(), entry.errors
    assert entry.validation is not None
    summary = save_data(actor=trust.people["mo_member"], points=entry.validation.points)
    assert summary.created == 1
    assert entry.validation.points[0].period_start == dt.date(2026, 3, 1)


def test_a_ratio_measure_asks_for_numerator_and_denominator(trust, measures: Measures):
    entry = form(trust, measures.hygiene_a, period="2026-03-02", numerator="9", denominator="0")
    assert set(entry.fields) == {"period", "numerator", "denominator"}
    assert not entry.is_valid()
    assert entry.errors["denominator"] == ["The denominator is zero: a ratio needs a denominator above zero"]


def test_a_period_that_does_not_start_a_week_is_reported_on_the_period_field(trust, measures: Measures):
    entry = form(trust, measures.hygiene_a, period="2026-03-03", numerator="9", denominator="10")
    assert not entry.is_valid()
    assert "Monday 2026-03-02" in entry.errors["period"][0]


def test_an_empty_value_is_required(trust, measures: Measures):
    entry = form(trust, measures.falls_a, period="2026-03-01", value="")
    assert not entry.is_valid()
    assert entry.errors["value"] == ["Enter the value"]


def test_someone_out_of_scope_cannot_enter_data(trust, measures: Measures):
    entry = form(trust, measures.falls_b, period="2026-03-01", value="1")
    assert not entry.is_valid()
