"""Many series at once give exactly what each series gives alone."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openqms.spc import ChartType, Options, Series, compute, compute_batch, pad_to_flat, xmr_arrays
from openqms.spc import xmr as xmr_module
from openqms.spc.batch import batch_arrays
from tests.spc.xmr_strategies import series_and_options


@settings(max_examples=60, deadline=None)
@given(st.lists(series_and_options(), min_size=0, max_size=12))
def test_a_batch_equals_each_series_computed_alone(cases: list[tuple[Series, Options]]) -> None:
    series = [s for s, _ in cases]
    options = [o for _, o in cases]
    assert compute_batch(series, options) == [compute(s, o) for s, o in cases]


@settings(max_examples=20, deadline=None)
@given(st.lists(series_and_options(max_points=40), min_size=1, max_size=40))
def test_a_batch_cut_into_many_chunks_equals_each_series_alone(cases: list[tuple[Series, Options]]) -> None:
    series = [s for s, _ in cases]
    options = [o for _, o in cases]
    saved = xmr_module.CHUNK_POINTS
    xmr_module.CHUNK_POINTS = 16  # force several chunks (and the thread pool) on a small batch
    try:
        batched = compute_batch(series, options)
    finally:
        xmr_module.CHUNK_POINTS = saved
    assert batched == [compute(s, o) for s, o in cases]


def test_one_options_applies_to_every_series() -> None:
    a = Series(x=(1, 2, 3), values=(1.0, 2.0, 4.0))
    b = Series(x=(1, 2), values=(5.0, None))
    opts = Options(target=2.0)
    assert compute_batch([a, b], opts) == [compute(a, opts), compute(b, opts)]


def test_the_array_form_flags_the_same_points_as_the_padded_form() -> None:
    rng = np.random.default_rng(3)
    grid = rng.normal(10, 1, size=(5, 30))
    grid[1, 20:] += 5
    lengths = np.array([30, 25, 0, 12, 30])
    flat, offsets = pad_to_flat(grid, lengths)
    arrays = xmr_arrays(flat, offsets, direction=[1, -1, 0, 1, 0], target=[9.0, 20.0, 1.0, np.nan, 10.0])
    for k, n in enumerate(lengths):
        alone = xmr_arrays(
            grid[k, :n], [0, n], direction=[1, -1, 0, 1, 0][k], target=[9.0, 20.0, 1.0, np.nan, 10.0][k]
        )
        lo, hi = offsets[k], offsets[k + 1]
        assert (arrays.point_type[lo:hi] == alone.point_type).all()
        assert (arrays.rule_bits[lo:hi] == alone.rule_bits).all()
        assert np.array_equal(arrays.upper[lo:hi], alone.upper, equal_nan=True)
        assert arrays.variation_icon[k] == (alone.variation_icon[0] if n else -1)
        assert arrays.assurance_icon[k] == (alone.assurance_icon[0] if n else -1)
    assert arrays.variation_icon[2] == -1  # an empty series has no icon


def test_the_array_form_refuses_malformed_offsets() -> None:
    with pytest.raises(ValueError, match="offsets"):
        xmr_arrays([1.0, 2.0], [0, 3])
    with pytest.raises(ValueError, match="fix_after"):
        xmr_arrays([1.0, 2.0], [0, 2], fix_after=5)


def test_batch_arrays_takes_only_xmr_charts() -> None:
    s = Series(x=(1, 2, 3), values=(1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="xmr"):
        batch_arrays([s], Options(chart=ChartType.I))


def test_a_batch_needs_one_options_per_series_when_given_a_list() -> None:
    s = Series(x=(1, 2), values=(1.0, 2.0))
    with pytest.raises(ValueError, match="options"):
        compute_batch([s, s], [Options()])


# Edge cases the plain single-series path once handed to the engine: computed alone they must
# equal the same series computed between two others in one batch.
_RISE = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
_NOISE = [3.1, 2.9, 3.2, 2.8, 3.0, 3.3, 2.7, 3.1]


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # inf - inf, as numpy says
@pytest.mark.parametrize(
    ("values", "options"),
    [
        ([None, None, 3.0], Options()),
        ([5.0] * 8, Options()),  # no variation: every moving range 0
        ([1e300, 1e300, -1e300, 1e300], Options()),  # sums that overflow
        ([1.0, 2.0, 3.0], Options()),  # a point exactly on the mean
        ([None] * 12 + [1.0, 2.0, 3.5], Options(fix_after=12)),  # no value to fix the limits on
        ([1.0, float("inf"), 2.5, 3.0], Options()),
        (_NOISE + _RISE + [v + 6.0 for v in _RISE] + _NOISE, Options()),  # a flat step between rises
        (_NOISE + _RISE + [8.0 - v for v in _RISE] + _NOISE, Options(rebase_at=(10,))),
    ],
)
def test_an_edge_case_alone_equals_it_within_a_batch(values: list[float | None], options: Options) -> None:
    series = Series(x=tuple(range(len(values))), values=tuple(values))
    around = Series(x=(1, 2, 3, 4), values=(1.0, 4.0, 2.0, 8.0))
    _, middle, _ = compute_batch([around, series, around], [Options(), options, Options()])
    assert middle == compute(series, options)
    assert tuple(middle.points) == tuple(compute(series, options).points)
