"""A priority's outcome measures: the organisation's own definitions, each change audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.models import AuditEntry
from openqms.organisations import services
from openqms.planning.selectors.strategy import outcome_measures
from openqms.planning.services.strategy import set_outcome_measures
from tests.control import pages_helpers as control

pytestmark = pytest.mark.django_db


def test_outcome_measures_are_replaced_and_each_change_is_audited(trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    falls = control.definition(trust.board, name="Falls", code="FALLS")
    ulcers = control.definition(trust.board, name="Pressure ulcers", code="PU")
    set_outcome_measures(actor=None, priority=harm, definitions=[falls, ulcers])
    set_outcome_measures(actor=None, priority=harm, definitions=[ulcers])
    set_outcome_measures(actor=None, priority=harm, definitions=[ulcers])  # no change, no entry
    assert list(outcome_measures(harm)) == [ulcers]
    entries = AuditEntry.objects.filter(object_type="organisations.strategicpriority", object_id=str(harm.pk))
    changes = [e.changes for e in entries.order_by("sequence") if "outcome_measures" in e.changes]
    assert changes == [
        {"outcome_measures": [[], ["FALLS", "PU"]]},
        {"outcome_measures": [["FALLS", "PU"], ["PU"]]},
    ]
    assert entries.latest("sequence").unit_id == trust.board.pk


def test_another_organisations_measure_is_refused_and_nothing_changes(trust):
    harm = services.add_priority(actor=None, organisation=trust.org, title="No avoidable harm")
    theirs = control.definition(trust.other_board, name="Falls", code="RFALLS")
    with pytest.raises(ValidationError) as error:
        set_outcome_measures(actor=None, priority=harm, definitions=[theirs])
    assert "outcome_measures" in error.value.error_dict
    assert not outcome_measures(harm).exists()
