"""The XmR results' points and phases as columns: equal to the objects built from them, and
views of a batch's arrays."""

from __future__ import annotations

import pickle

import numpy as np

from openqms.spc import (
    Options,
    PhaseColumns,
    PointColumns,
    Result,
    Series,
    compute,
    compute_batch,
    result_to_dict,
)

SERIES = Series(x=tuple(range(1, 9)), values=(1.0, 2.5, 3.0, 9.0, 2.0, None, 4.0, 3.5))
OPTIONS = Options(target=2.0, rebase_at=(4,))


def test_the_points_of_compute_are_columns_equal_to_the_tuple_of_their_points() -> None:
    points = compute(SERIES, OPTIONS).points
    assert isinstance(points, PointColumns)
    built = tuple(points)
    assert points == built
    assert built == points
    assert hash(points) == hash(built)
    assert repr(points) == repr(built)
    assert [points[i] for i in range(len(points))] == list(built)
    assert points[-1] is built[-1]  # built once, then kept


def test_the_phases_of_compute_are_columns_equal_to_the_tuple_of_their_phases() -> None:
    phases = compute(SERIES, OPTIONS).phases
    assert isinstance(phases, PhaseColumns)
    built = tuple(phases)
    assert [ph.first_x for ph in built] == [1, 5]
    assert phases == built
    assert hash(phases) == hash(built)
    assert repr(phases) == repr(built)
    assert phases[1:] == built[1:]


def test_a_result_with_columns_equals_the_same_result_with_tuples() -> None:
    result = compute(SERIES, OPTIONS)
    as_tuple = Result(
        result.chart,
        result.options,
        tuple(result.points),
        tuple(result.phases),
        result.variation_icon,
        result.assurance_icon,
        result.warnings,
    )
    assert as_tuple == result
    assert result_to_dict(as_tuple) == result_to_dict(result)


def test_a_slice_of_the_columns_is_columns_of_the_same_points() -> None:
    points = compute(SERIES, OPTIONS).points
    assert isinstance(points, PointColumns)
    for part in (slice(-3, None), slice(2, 5), slice(None, None, 2), slice(6, 2)):
        assert isinstance(points[part], PointColumns)
        assert points[part] == tuple(points)[part]


def test_columns_made_of_points_hold_the_same_points() -> None:
    points = compute(SERIES, OPTIONS).points
    again = PointColumns.of(tuple(points))
    assert again == points
    assert tuple(again) == tuple(points)
    assert PointColumns.of(points) is points


def test_the_results_of_a_batch_share_its_arrays_and_pickle_only_their_own_rows() -> None:
    values = [tuple(float(v % 7) for v in range(k, k + 50)) for k in range(40)]
    series = [Series(x=tuple(range(50)), values=v) for v in values]
    results = compute_batch(series, Options())
    first, second = (r.points for r in results[:2])
    assert isinstance(first, PointColumns)
    assert isinstance(second, PointColumns)
    assert np.shares_memory(first.arrays().value, second.table.value)
    copy = pickle.loads(pickle.dumps(results[1]))  # noqa: S301 (our own bytes)
    assert copy == results[1]
    assert isinstance(copy.points, PointColumns)
    assert copy.points.table.value.size == 50
    assert isinstance(copy.phases, PhaseColumns)
    assert copy.phases.table.n.size == len(results[1].phases)
