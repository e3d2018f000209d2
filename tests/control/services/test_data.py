from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from openqms.audit.models import AuditEntry
from openqms.audit.selectors import history_of
from openqms.audit.services import verify_chain
from openqms.control.imports.checks import DataPoint
from openqms.control.models import EscalationProposal, Observation, SpcSnapshot
from openqms.control.services.data import remove_observation, save_data
from openqms.control.services.escalations import propose_escalations
from openqms.control.services.measures import add_annotation, add_measure, set_target
from openqms.control.services.snapshots import recompute
from openqms.control.spc_adapter import result_from_dict
from tests.control.factories import measure, month

STABLE = [10.0, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 12, 11, 10, 9]


def test_saving_data_stores_it_and_computes_the_spc_snapshot(trust):
    m = measure(trust.ward_a, STABLE)
    assert Observation.objects.filter(measure=m).count() == len(STABLE)
    snap = SpcSnapshot.objects.get(measure=m)
    assert snap.n_points == len(STABLE)
    assert snap.last_value == 9
    assert snap.variation_icon == "common_cause"
    assert result_from_dict(snap.result).points[-1].value == 9


def test_saving_the_same_data_again_changes_nothing_and_writes_no_audit(trust):
    m = measure(trust.ward_a, STABLE)
    before = AuditEntry.objects.count()
    points = [DataPoint(m.pk, month(dt.date(2023, 1, 1), i), value=v) for i, v in enumerate(STABLE)]
    summary = save_data(actor=None, points=points, source="extract.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, len(STABLE))
    assert AuditEntry.objects.count() == before


def test_a_corrected_value_is_audited_with_its_old_value(trust):
    m = measure(trust.ward_a, STABLE)
    mo = trust.people["mo_member"]
    save_data(actor=mo, points=[DataPoint(m.pk, dt.date(2023, 2, 1), value=15.5)])
    entry = history_of(m).first()
    assert entry.actor_name == "Mo Member"
    assert entry.changes == {"2023-02-01": [12.0, 15.5]}
    assert Observation.objects.get(measure=m, period_start=dt.date(2023, 2, 1)).value == 15.5
    assert verify_chain().intact


def test_an_import_names_its_source_in_the_audit_entry(trust):
    m = measure(trust.ward_a)
    save_data(
        actor=None, points=[DataPoint(m.pk, dt.date(2023, 1, 1), value=3)], source="may.xlsx"
    )
    entry = history_of(m).first()
    assert entry.action == "import"
    assert entry.changes == {"2023-01-01": [None, 3.0], "source": [None, "may.xlsx"]}


def test_two_values_for_one_period_are_refused(trust):
    m = measure(trust.ward_a)
    point = DataPoint(m.pk, dt.date(2023, 1, 1), value=3)
    with pytest.raises(ValidationError, match="Two values"):
        save_data(actor=None, points=[point, point])
    assert not Observation.objects.filter(measure=m).exists()


def test_a_shift_raises_a_concern_and_proposes_an_escalation_once(trust):
    # Lower is better: seven points well above the mean of a stable period are a concern.
    m = measure(trust.ward_a, [*STABLE, 20, 21, 20, 22, 21, 20, 23])
    snap = SpcSnapshot.objects.get(measure=m)
    assert snap.last_point_type == "special_cause_concern"
    assert snap.variation_icon == "concern_high"
    assert snap.concern_since is not None
    assert EscalationProposal.objects.filter(measure=m, reason="concern").count() == 1
    recompute(measure_ids=[m.pk])
    propose_escalations(measure_ids=[m.pk])
    assert EscalationProposal.objects.filter(measure=m, reason="concern").count() == 1


def test_a_run_of_missed_targets_proposes_an_escalation(trust):
    m = measure(trust.ward_a, STABLE, default_target=5.0)
    assert EscalationProposal.objects.filter(measure=m, reason="missed_targets").exists()


def test_a_recalculation_annotation_starts_a_new_phase(trust):
    m = measure(trust.ward_a, [*STABLE, 4, 5, 4, 3, 5, 4, 4, 5])
    add_annotation(
        actor=None,
        measure=m,
        on=month(dt.date(2023, 1, 1), len(STABLE)),
        kind="recalculation",
        label="New falls bundle",
        reason="The bundle changed the process.",
    )
    result = SpcSnapshot.objects.get(measure=m).result
    assert len(result["phases"]) == 2
    assert result["phases"][1]["x"] == month(dt.date(2023, 1, 1), len(STABLE)).isoformat()


def test_a_recalculation_needs_a_reason(trust):
    m = measure(trust.ward_a, STABLE)
    with pytest.raises(ValidationError, match="why the limits"):
        add_annotation(
            actor=None, measure=m, on=dt.date(2023, 5, 1), kind="recalculation", label="x"
        )


def test_target_changes_apply_from_their_date(trust):
    m = measure(trust.ward_a, STABLE)
    set_target(
        actor=None, measure=m, effective_from=dt.date(2023, 7, 1), target=11.0, reason="New plan"
    )
    points = SpcSnapshot.objects.get(measure=m).result["points"]
    assert points[5]["target"] is None
    assert points[6]["target"] == 11.0
    assert history_of(m).first().changes == {"target from 2023-07-01": [None, 11.0]}


def test_ratio_measures_plot_numerator_over_denominator_times_the_multiplier(trust):
    m = measure(trust.ward_a, data_shape="ratio", multiplier=1000.0)
    save_data(
        actor=None,
        points=[
            DataPoint(m.pk, month(dt.date(2023, 1, 1), i), numerator=n, denominator=900.0)
            for i, n in enumerate([3, 4, 5, 3, 4, 2, 5, 4, 3, 4, 3, 5, 4])
        ],
    )
    assert SpcSnapshot.objects.get(measure=m).last_value == pytest.approx(4 / 900 * 1000)


def test_p_charts_are_shown_per_the_multiplier(trust):
    m = measure(trust.ward_a, data_shape="ratio", multiplier=100.0, chart_type="p", direction="increase")
    save_data(
        actor=None,
        points=[
            DataPoint(m.pk, month(dt.date(2023, 1, 1), i), numerator=n, denominator=50.0)
            for i, n in enumerate([45, 44, 47, 46, 45, 48, 44, 46, 47, 45, 46, 44])
        ],
    )
    snap = SpcSnapshot.objects.get(measure=m)
    assert snap.chart_type == "p"
    assert snap.last_value == pytest.approx(88.0)
    assert snap.result["points"][-1]["upper"] <= 100.0


def test_removing_a_value_keeps_its_old_value_in_the_trail(trust):
    m = measure(trust.ward_a, STABLE)
    obs = Observation.objects.get(measure=m, period_start=dt.date(2023, 3, 1))
    remove_observation(actor=None, observation=obs)
    assert history_of(m).first().changes == {"2023-03-01": [11.0, None]}
    assert SpcSnapshot.objects.get(measure=m).n_points == len(STABLE) - 1


def test_a_unit_reports_a_definition_only_once(trust):
    m = measure(trust.ward_a)
    with pytest.raises(ValidationError, match="already reports"):
        add_measure(actor=None, definition=m.definition, unit=trust.ward_a)


def test_a_definition_cannot_be_reported_by_another_organisation(trust):
    m = measure(trust.ward_a)
    with pytest.raises(ValidationError, match="another organisation"):
        add_measure(actor=None, definition=m.definition, unit=trust.other_team)
